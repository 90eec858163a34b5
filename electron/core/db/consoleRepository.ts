import type { Db } from './database';
import { AlertRepository } from './alertRepository';
import { MetaRepository } from './metaRepository';
import { ReferenceRepository } from './referenceRepository';
import { UnitRepository } from './unitRepository';
import { SeatRepository, type SeatFeed, type SeatFeedResult } from './seatRepository';
import type { CityPack } from '../../../shared/citypack/schema';
import type { Alert } from '../../../shared/domain/alert';
import type { UnitPosition, UnitStatusReport } from '../../../shared/domain/unit';
import type { CameraStatusReport } from '../../../shared/domain/camera';

const LAST_SEQ_KEY = 'feed.lastSeq';

/** One feed flush: everything in it commits together with the new resume point, or nothing does. */
export interface FeedBatch {
  lastSeq: number;
  alerts: Alert[];
  positions: UnitPosition[];
  unitStatus: UnitStatusReport[];
  cameraStatus: CameraStatusReport[];
  quarantine: { receivedAt: string; seq: number | null; type: string | null; reason: string; raw: string }[];
  /** Protocol 2: owners, commitments, other seats' steps, presence. */
  seats?: SeatFeed;
}

/** What a committed batch actually changed (duplicates and unknown ids removed). */
export interface FeedBatchResult {
  newAlerts: Alert[];
  /** Stored alerts changed by a higher revision (merged state as stored). */
  amendedAlerts: Alert[];
  positions: UnitPosition[];
  unitStatus: UnitStatusReport[];
  cameraStatus: CameraStatusReport[];
  quarantined: number;
  /** What the seat envelopes changed (owners, commitments, mirrored steps, presence). */
  seats: SeatFeedResult;
}

/**
 * The console's storage, one facade over the per-table repositories. All multi-row writes run
 * in one transaction. Kept free of Electron so it can move into a utility process later.
 */
export class ConsoleRepository {
  readonly alerts: AlertRepository;
  readonly units: UnitRepository;
  readonly reference: ReferenceRepository;
  readonly meta: MetaRepository;
  readonly seats: SeatRepository;
  private knownUnits = new Set<string>();

  constructor(readonly db: Db) {
    this.alerts = new AlertRepository(db);
    this.units = new UnitRepository(db);
    this.reference = new ReferenceRepository(db);
    this.meta = new MetaRepository(db);
    this.seats = new SeatRepository(db);
    this.knownUnits = new Set(this.units.list().map((u) => u.id));
  }

  /** Loads the city pack's units, cameras and checkpoints (idempotent; live state kept). */
  seedFromPack(pack: CityPack): void {
    this.db.transaction(() => {
      for (const unit of pack.units) this.units.upsertDefinition(unit);
      for (const camera of pack.cameras) this.reference.upsertCamera(camera);
      for (const checkpoint of pack.checkpoints) this.reference.upsertCheckpoint(checkpoint);
      this.meta.set('pack.id', pack.manifest.id);
    })();
    this.knownUnits = new Set(this.units.list().map((u) => u.id));
  }

  knownUnitIds(): ReadonlySet<string> {
    return this.knownUnits;
  }

  lastSeq(): number {
    return Number(this.meta.get(LAST_SEQ_KEY) ?? 0);
  }

  /** Forget the resume point (a different gateway numbers its messages afresh). */
  resetResumePoint(): void {
    this.meta.set(LAST_SEQ_KEY, '0');
  }

  applyFeedBatch(batch: FeedBatch): FeedBatchResult {
    return this.db.transaction((): FeedBatchResult => {
      const newAlerts: Alert[] = [];
      const amendedAlerts: Alert[] = [];
      for (const incoming of batch.alerts) {
        const { verdict, alert } = this.alerts.receive(incoming);
        if (verdict === 'new') newAlerts.push(alert);
        else if (verdict === 'amend') amendedAlerts.push(alert);
      }
      const positions = batch.positions.filter((p) => this.units.recordPosition(p, this.knownUnits));
      const unitStatus = batch.unitStatus.filter((s) => this.units.recordStatus(s));
      const cameraStatus = batch.cameraStatus.filter((s) => this.reference.recordCameraStatus(s));
      for (const q of batch.quarantine) this.meta.quarantine(q);
      const seats = batch.seats
        ? this.seats.apply(batch.seats)
        : { alertIds: [], unitIds: [], presence: false };
      if (batch.lastSeq > this.lastSeq()) this.meta.set(LAST_SEQ_KEY, String(batch.lastSeq));
      return {
        newAlerts,
        amendedAlerts,
        positions,
        unitStatus,
        cameraStatus,
        quarantined: batch.quarantine.length,
        seats,
      };
    })();
  }

  close(): void {
    this.db.close();
  }
}
