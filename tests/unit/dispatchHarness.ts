/** A DispatchService on a real SQLite database in a temp folder, for the service tests. */
import { openDatabase } from '../../electron/core/db/database';
import { ConsoleRepository } from '../../electron/core/db/consoleRepository';
import { decodeFeedMessages } from '../../electron/core/feed/feedDecoder';
import { AuditLog } from '../../electron/core/audit/auditLog';
import { OperatorAccounts } from '../../electron/core/accounts/operatorAccounts';
import { DEMO_PASSWORD, seedDemoOperators } from '../../electron/core/accounts/seed';
import { CommandOutbox } from '../../electron/core/outbox/commandOutbox';
import { DispatchService } from '../../electron/core/dispatch/dispatchService';
import type { DispatchServiceDeps } from '../../electron/core/dispatch/dispatchDeps';
import { OperatorSession } from '../../electron/core/dispatch/operatorSession';
import type { AlertReport } from '../../shared/domain/alert';
import type { UnitStatusReport } from '../../shared/domain/unit';
import { alertReport, envelope, tempDir, TEST_AUDIT_KEY } from './fixtures';

export const HARNESS_UNITS = ['U01', 'U02', 'U03'].map((id, i) => ({
  id,
  callsign: `快反${i + 1}车`,
  type: 'car' as const,
  districtId: 'D01',
  home: { lng: 112.85 + i * 0.01, lat: 35.5 },
}));

export async function dispatchHarness(
  options: {
    receivedAt?: string;
    alerts?: Partial<AlertReport>[];
    clock?: number;
    tierFor?: DispatchServiceDeps['tierFor'];
    predictEta?: DispatchServiceDeps['predictEta'];
  } = {},
) {
  const tmp = tempDir();
  const repo = new ConsoleRepository(openDatabase(tmp.dir));
  repo.seedFromPack({
    manifest: { id: 'fixture' },
    units: HARNESS_UNITS,
    cameras: [],
    checkpoints: [],
  } as never);
  let seq = 0;
  const feed = (
    type: 'alert' | 'unit.status' | 'unit.position',
    payloads: unknown[],
    receivedAt = options.receivedAt ?? '2026-11-20T11:00:00.000Z',
  ) => {
    const batch = decodeFeedMessages(
      payloads.map((p) => envelope(++seq, type, p)),
      {
        lastSeq: seq - payloads.length,
        knownUnits: repo.knownUnitIds(),
        knownCameras: new Set(),
        receivedAt,
      },
    );
    repo.applyFeedBatch(batch);
  };
  feed(
    'alert',
    (options.alerts ?? [{}]).map((a) => alertReport(a)),
  );
  const accounts = new OperatorAccounts(repo.db, { scrypt: { N: 1024, r: 8, p: 1 } } as never);
  await seedDemoOperators(accounts);
  const audit = new AuditLog(repo.db, { key: TEST_AUDIT_KEY });
  const outbox = new CommandOutbox(repo.db);
  const session = new OperatorSession(accounts, audit, () => {});
  await session.signIn('duty', DEMO_PASSWORD);
  const clock = { now: options.clock ?? Date.parse('2026-11-20T11:00:10Z') };
  const events: { name: string; payload: unknown }[] = [];
  const service = new DispatchService({
    db: repo.db,
    repository: repo,
    audit,
    outbox,
    session,
    kick: () => {},
    emit: (name, payload) => events.push({ name, payload }),
    tierFor: options.tierFor ?? (() => ({ targetSeconds: 180 })),
    ...(options.predictEta ? { predictEta: options.predictEta } : {}),
    now: () => new Date(clock.now),
  });
  /** A unit status from the gateway, stored and handed to the service as the runtime does. */
  const status = (report: UnitStatusReport) => {
    feed('unit.status', [report]);
    service.onUnitStatus([report]);
  };
  return {
    repo,
    audit,
    outbox,
    session,
    service,
    clock,
    events,
    feed,
    status,
    commands: () =>
      outbox
        .recent()
        .slice()
        .reverse()
        .map((c) => ({ kind: c.kind, ...(c.payload as Record<string, unknown>) })),
    close: () => {
      repo.close();
      tmp.cleanup();
    },
  };
}
