import type { Db } from './database';
import {
  presencePublisher,
  type AlertOwnerPayload,
  type AlertStepPayload,
  type SeatPresencePayload,
  type UnitAssignmentPayload,
} from '../../../shared/protocol/seats';
import {
  mergePresence,
  type PresenceList,
  type SeatOnDuty,
  type SeatOwner,
  type UnitCommitment,
} from '../../../shared/domain/seat';
import { newLifecycle, type AlertLifecycle } from '../../../shared/domain/lifecycle';
import { ALERT_STATUSES, type AlertStatus } from '../../../shared/domain/alert';

/** The seat envelopes of one feed flush, each with its seq (applied in the batch's transaction). */
export interface SeatFeed {
  owners: { seq: number; payload: AlertOwnerPayload }[];
  assignments: { seq: number; payload: UnitAssignmentPayload }[];
  steps: { seq: number; payload: AlertStepPayload }[];
  /** Presence lists in seq order (several gateways each publish their own). */
  presence: { seq: number; payload: SeatPresencePayload }[];
}

export const emptySeatFeed = (): SeatFeed => ({ owners: [], assignments: [], steps: [], presence: [] });

/** What applying changed: alerts whose owner or status changed, units whose commitment changed, presence. */
export interface SeatFeedResult {
  alertIds: string[];
  unitIds: string[];
  presence: boolean;
}

/** JSON `{ lists: PresenceList[] }`: the latest list of each gateway (before: `{ seats }`, with its seq under `.seq`). */
const PRESENCE_KEY = 'seats.presence';
const CONSOLE_ID_KEY = 'console.id';

interface OwnerRow {
  alert_id: string;
  console_id: string;
  operator: string;
  role: string;
  seat: string;
  seq: number;
}

/**
 * The seats' state as the gateway broadcast it (protocol 2): alert owners, unit commitments,
 * presence, and other seats' lifecycle steps mirrored onto the stored alert. Idempotent by seq:
 * a row is only replaced by an envelope with a higher seq, so a resend changes nothing.
 */
export class SeatRepository {
  private readonly ownerStmt;
  private readonly upsertOwnerStmt;
  private readonly commitmentStmt;
  private readonly commitmentsStmt;
  private readonly upsertCommitmentStmt;
  private readonly releaseStmt;
  private readonly alertStmt;
  private readonly saveAlertStmt;
  private readonly eventStmt;
  private readonly metaGet;
  private readonly metaSet;

  constructor(private readonly db: Db) {
    this.ownerStmt = db.prepare<[string], OwnerRow>('SELECT * FROM alert_owners WHERE alert_id = ?');
    this.upsertOwnerStmt = db.prepare(
      `INSERT INTO alert_owners (alert_id, console_id, operator, role, seat, mode, decided_by, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (alert_id) DO UPDATE SET console_id = excluded.console_id, operator = excluded.operator, role = excluded.role, seat = excluded.seat,
         mode = excluded.mode, decided_by = excluded.decided_by, at = excluded.at, seq = excluded.seq WHERE excluded.seq > alert_owners.seq`,
    );
    this.commitmentStmt = db.prepare<[string], OwnerRow & { unit_id: string; seq: number }>(
      'SELECT * FROM unit_commitments WHERE unit_id = ?',
    );
    this.commitmentsStmt = db.prepare<[], OwnerRow & { unit_id: string }>('SELECT * FROM unit_commitments');
    this.upsertCommitmentStmt = db.prepare(
      `INSERT INTO unit_commitments (unit_id, alert_id, console_id, operator, role, seat, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (unit_id) DO UPDATE SET alert_id = excluded.alert_id, console_id = excluded.console_id, operator = excluded.operator, role = excluded.role,
         seat = excluded.seat, at = excluded.at, seq = excluded.seq WHERE excluded.seq > unit_commitments.seq`,
    );
    this.releaseStmt = db.prepare('DELETE FROM unit_commitments WHERE unit_id = ? AND seq < ?');
    this.alertStmt = db.prepare<
      [string],
      { lifecycle: string | null; source: 'ignored'; received_at: string; status: AlertStatus }
    >('SELECT lifecycle, source, received_at, status FROM alerts WHERE id = ?');
    this.saveAlertStmt = db.prepare('UPDATE alerts SET status = ?, lifecycle = ? WHERE id = ?');
    this.eventStmt = db.prepare(
      'INSERT INTO alert_events (alert_id, at, from_status, to_status, operator, note, action, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.metaGet = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.metaSet = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /** This console's id (the one its feed connects with). */
  consoleId(): string | null {
    return this.metaGet.get(CONSOLE_ID_KEY)?.value ?? null;
  }

  owner(alertId: string): SeatOwner | null {
    const row = this.ownerStmt.get(alertId);
    return row ? this.toOwner(row) : null;
  }

  commitment(unitId: string): UnitCommitment | null {
    const row = this.commitmentStmt.get(unitId);
    return row ? { ...this.toOwner(row), alertId: (row as unknown as { alert_id: string }).alert_id } : null;
  }

  commitments(): Map<string, UnitCommitment> {
    return new Map(
      this.commitmentsStmt.all().map((row) => [row.unit_id, { ...this.toOwner(row), alertId: row.alert_id }]),
    );
  }

  /** The seats on duty: the latest presence list of each gateway, merged. */
  onDuty(): SeatOnDuty[] {
    return mergePresence(this.presenceLists(), this.consoleId());
  }

  private presenceLists(): PresenceList[] {
    const raw = this.metaGet.get(PRESENCE_KEY)?.value;
    if (!raw) return [];
    const stored = JSON.parse(raw) as { lists?: PresenceList[]; seats?: SeatPresencePayload['seats'] };
    if (stored.lists) return stored.lists;
    // Stored by an older console: the one list of a single gateway.
    const seq = Number(this.metaGet.get(`${PRESENCE_KEY}.seq`)?.value ?? 0);
    return [{ gateway: '', seq, seats: stored.seats ?? [] }];
  }

  /** Call inside the feed batch's transaction. */
  apply(feed: SeatFeed): SeatFeedResult {
    const alertIds = new Set<string>();
    const unitIds = new Set<string>();
    const mine = this.consoleId();
    for (const { seq, payload: p } of feed.owners) {
      const r = this.upsertOwnerStmt.run(
        p.alertId,
        p.owner.consoleId,
        p.owner.operator,
        p.owner.role,
        p.owner.seat,
        p.mode,
        p.by.operator,
        p.at,
        seq,
      );
      if (r.changes > 0) alertIds.add(p.alertId);
    }
    for (const { seq, payload: p } of feed.assignments) {
      const r =
        p.alertId === null
          ? this.releaseStmt.run(p.unitId, seq)
          : this.upsertCommitmentStmt.run(
              p.unitId,
              p.alertId,
              p.by.consoleId,
              p.by.operator,
              p.by.role,
              p.by.seat,
              p.at,
              seq,
            );
      if (r.changes > 0) unitIds.add(p.unitId);
    }
    // Another seat's step: the stored alert shows its status and units (the timeline names the seat).
    for (const { payload: p } of feed.steps) {
      if (p.by.consoleId === mine) continue; // our own steps, echoed: already stored
      if (this.mirrorStep(p)) alertIds.add(p.alertId);
    }
    // Each gateway's list replaces only that gateway's older one (an untagged list: the single gateway's).
    let presence = false;
    if (feed.presence.length > 0) {
      const lists = new Map(this.presenceLists().map((l) => [l.gateway, l]));
      for (const { seq, payload } of feed.presence) {
        const gateway = presencePublisher(payload);
        const known = lists.get(gateway);
        if (known && known.seq >= seq) continue;
        // An empty list is kept too (its seq), so an older resent list of that gateway stays out.
        lists.set(gateway, { gateway, seq, seats: payload.seats });
        presence = true;
      }
      if (presence) this.metaSet.run(PRESENCE_KEY, JSON.stringify({ lists: [...lists.values()] }));
    }
    return { alertIds: [...alertIds], unitIds: [...unitIds], presence };
  }

  private mirrorStep(p: AlertStepPayload): boolean {
    const row = this.alertStmt.get(p.alertId);
    if (!row || !(ALERT_STATUSES as readonly string[]).includes(p.to)) return false;
    const lifecycle: AlertLifecycle = row.lifecycle
      ? (JSON.parse(row.lifecycle) as AlertLifecycle)
      : newLifecycle({ id: p.alertId, source: row.source as never, receivedAt: row.received_at });
    const next: AlertLifecycle = {
      ...lifecycle,
      status: p.to as AlertStatus,
      ...(p.unitIds ? { unitIds: p.unitIds } : {}),
    };
    this.saveAlertStmt.run(next.status, JSON.stringify(next), p.alertId);
    this.eventStmt.run(
      p.alertId,
      p.at,
      row.status,
      p.to,
      p.by.operator,
      null,
      p.action,
      JSON.stringify({ seat: p.by.seat, consoleId: p.by.consoleId, remote: true }),
    );
    return true;
  }

  private toOwner(row: OwnerRow): SeatOwner {
    return {
      consoleId: row.console_id,
      operator: row.operator,
      role: row.role,
      seat: row.seat,
      mine: row.console_id === this.consoleId(),
    };
  }
}
