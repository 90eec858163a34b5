import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { decodeFeedMessages } from '../feed/feedDecoder';
import { AuditLog } from '../audit/auditLog';
import { OperatorAccounts } from '../accounts/operatorAccounts';
import { DEMO_PASSWORD, seedDemoOperators } from '../accounts/seed';
import { CommandOutbox } from '../outbox/commandOutbox';
import { DispatchService } from './dispatchService';
import { OperatorSession } from './operatorSession';
import { alertReport, envelope, tempDir, TEST_AUDIT_KEY } from '../../../tests/unit/fixtures';

const units = [
  {
    id: 'U01',
    callsign: '快反1车',
    type: 'car' as const,
    districtId: 'D01',
    home: { lng: 112.85, lat: 35.5 },
  },
  {
    id: 'U02',
    callsign: '巡逻2组',
    type: 'foot' as const,
    districtId: 'D01',
    home: { lng: 112.86, lat: 35.5 },
  },
];
const pack = { manifest: { id: 'fixture' }, units, cameras: [], checkpoints: [] } as never;

describe('DispatchService: the closed loop on a real database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  let session: OperatorSession;
  let service: DispatchService;
  let outbox: CommandOutbox;
  let audit: AuditLog;
  let clock = Date.parse('2026-11-20T11:00:10Z');
  const events: string[] = [];

  beforeEach(async () => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    repo.seedFromPack(pack);
    repo.applyFeedBatch(
      decodeFeedMessages(
        [
          envelope(1, 'alert', alertReport()),
          envelope(
            2,
            'alert',
            alertReport({ id: 'dup', location: { lng: 112.8512, lat: 35.4901, crs: 'WGS84' } }),
          ),
        ],
        {
          lastSeq: 0,
          knownUnits: repo.knownUnitIds(),
          knownCameras: new Set(),
          receivedAt: '2026-11-20T11:00:00.000Z',
        },
      ),
    );
    const accounts = new OperatorAccounts(repo.db, { scrypt: { N: 1024, r: 8, p: 1 } } as never);
    await seedDemoOperators(accounts);
    audit = new AuditLog(repo.db, { key: TEST_AUDIT_KEY });
    outbox = new CommandOutbox(repo.db);
    session = new OperatorSession(accounts, audit, () => {});
    service = new DispatchService({
      db: repo.db,
      repository: repo,
      audit,
      outbox,
      session,
      kick: () => {},
      emit: (name) => events.push(name),
      tierFor: () => ({ targetSeconds: 180 }),
      now: () => new Date(clock),
    });
  });
  afterEach(() => {
    repo.close();
    tmp.cleanup();
  });

  it('refuses actions without a signed-in operator', () => {
    expect(() => service.act('110-20261120-0001', { type: 'acknowledge' })).toThrow(/sign in first/);
  });

  it('walks receive → dispatch → arrive → resolve → close with times, operators, commands and audit', async () => {
    await session.signIn('duty', DEMO_PASSWORD);
    const id = '110-20261120-0001';
    expect(service.act(id, { type: 'acknowledge' }).status).toBe('acknowledged');
    clock += 20_000;
    expect(service.act(id, { type: 'dispatch', unitIds: ['U01'] }).status).toBe('dispatched');
    expect(outbox.recent().map((c) => c.kind)).toEqual(['unit.assign']);
    expect(outbox.recent()[0]!.payload).toMatchObject({ unitId: 'U01', alertId: id });

    // The unit reports on scene 150 s after the alert was received: tier met.
    repo.applyFeedBatch(
      decodeFeedMessages(
        [
          envelope(3, 'unit.status', {
            unitId: 'U01',
            status: 'on_scene',
            at: '2026-11-20T11:02:30.000Z',
            alertId: id,
          }),
        ],
        {
          lastSeq: 2,
          knownUnits: repo.knownUnitIds(),
          knownCameras: new Set(),
          receivedAt: '2026-11-20T11:02:30.000Z',
        },
      ),
    );
    service.onUnitStatus([
      { unitId: 'U01', status: 'on_scene', at: '2026-11-20T11:02:30.000Z', alertId: id },
    ]);
    const history = service.history(id);
    expect(history.responseSeconds).toBe(150);
    expect(history.dispatches[0]).toMatchObject({
      unitId: 'U01',
      responseSeconds: 150,
      tierTargetSeconds: 180,
      tierMet: true,
    });
    expect(repo.alerts.get(id)!.status).toBe('on_scene');

    expect(service.act(id, { type: 'resolve', result: '嫌疑人已控制' }).status).toBe('resolved');
    expect(outbox.recent().map((c) => c.kind)).toContain('unit.recall');
    expect(service.act(id, { type: 'close', feedback: '报警人满意' }).status).toBe('closed');

    const steps = service.history(id).events.map((e) => `${e.toStatus}:${e.operator}`);
    expect(steps).toEqual([
      'received:system:feed',
      'acknowledged:duty',
      'dispatched:duty',
      'on_scene:system:avl',
      'resolved:duty',
      'closed:duty',
    ]);
    expect(audit.verify()).toMatchObject({ ok: true });
    expect(service.shiftSummary()).toMatchObject({ arrived: 1, medianResponseSeconds: 150, tierMetShare: 1 });
  });

  it('refuses illegal steps and busy units with clear errors', async () => {
    await session.signIn('duty', DEMO_PASSWORD);
    expect(() => service.act('110-20261120-0001', { type: 'close', feedback: 'x' })).toThrow(/cannot close/);
    service.act('110-20261120-0001', { type: 'dispatch', unitIds: ['U01'] });
    repo.units.recordStatus({ unitId: 'U01', status: 'dispatched', at: new Date(clock).toISOString() });
    expect(() => service.act('dup', { type: 'dispatch', unitIds: ['U01'] })).toThrow(/not available/);
  });

  it('lets a trainee acknowledge but not cancel a live alert', async () => {
    await session.signIn('trainee', DEMO_PASSWORD);
    service.act('dup', { type: 'acknowledge' });
    expect(() => service.act('dup', { type: 'cancel', reason: 'test' })).toThrow();
  });

  it('suggests the near-simultaneous report of the same robbery as a duplicate and merges it', async () => {
    await session.signIn('duty', DEMO_PASSWORD);
    const suggestions = service.duplicates('dup');
    expect(suggestions.map((s) => [s.keepId, s.mergeId])).toContainEqual(['110-20261120-0001', 'dup']);
    expect(service.act('dup', { type: 'merge', intoAlertId: '110-20261120-0001' }).status).toBe('merged');
  });
});
