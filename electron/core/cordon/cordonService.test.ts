/**
 * The console's cordon service on the demo city with a real database: the analysis for an alert
 * near the centre (rings 2/3 gaps X305, X318, Y027), and sendPlan / activateCheckpoint through
 * DispatchService (outbox, audit, timeline). Every case runs twice: analysed in-process (the
 * default) and on the cordon's worker thread, as the console does (sendPlan then reads the
 * worker's latest analysis).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoCordon } from '../../../tests/unit/cordonSetup';
import type { Router } from '../../../node/routing';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { decodeFeedMessages } from '../feed/feedDecoder';
import { AuditLog } from '../audit/auditLog';
import { OperatorAccounts } from '../accounts/operatorAccounts';
import { DEMO_PASSWORD, seedDemoOperators } from '../accounts/seed';
import { CommandOutbox } from '../outbox/commandOutbox';
import { DispatchService } from '../dispatch/dispatchService';
import { OperatorSession } from '../dispatch/operatorSession';
import {
  CHECKPOINT_ACTION,
  createCordonService,
  defaultElapsedSeconds,
  REINFORCE_ACTION,
  resolveRing1,
  type CordonService,
} from './cordonService';
import { startCordonWorker, type CordonWorkerAnalyser } from './cordonWorker';
import { cordonPackOf } from './cordonPack';
import { CordonResultSchema } from '../../../shared/contract/cordonContract';
import type { CityPack } from '../../../shared/citypack/schema';
import type { Unit } from '../../../shared/domain/unit';
import { alertReport, envelope, tempDir, TEST_AUDIT_KEY } from '../../../tests/unit/fixtures';

const ALERT = '110-20261120-0001';
const REPORTED = '2026-11-20T19:00:05+08:00';
const NOW = Date.parse(REPORTED) + 600_000;

let pack: CityPack;
let router: Router;
let worker: CordonWorkerAnalyser;

beforeAll(async () => {
  ({ pack, router } = await loadDemoCordon());
  worker = startCordonWorker({ router, pack: cordonPackOf(pack) });
});
afterAll(() => worker.close());

describe.each(['in-process', 'worker'] as const)('cordon service on the demo city (%s)', (where) => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  let session: OperatorSession;
  let outbox: CommandOutbox;
  let audit: AuditLog;
  let service: CordonService;
  const emitted: string[] = [];

  beforeEach(async () => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    repo.seedFromPack(pack);
    repo.applyFeedBatch(
      decodeFeedMessages(
        [
          envelope(
            1,
            'alert',
            alertReport({ reportedAt: REPORTED, location: { lng: 112.85, lat: 35.5, crs: 'WGS84' } }),
          ),
        ],
        {
          lastSeq: 0,
          knownUnits: repo.knownUnitIds(),
          knownCameras: new Set(),
          receivedAt: '2026-11-20T11:00:06.000Z',
        },
      ),
    );
    const accounts = new OperatorAccounts(repo.db, { scrypt: { N: 1024, r: 8, p: 1 } } as never);
    await seedDemoOperators(accounts);
    audit = new AuditLog(repo.db, { key: TEST_AUDIT_KEY });
    outbox = new CommandOutbox(repo.db);
    session = new OperatorSession(accounts, audit, () => {});
    const emit = ((name: string) => emitted.push(name)) as never;
    const dispatch = new DispatchService({
      db: repo.db,
      repository: repo,
      audit,
      outbox,
      session,
      emit,
      kick: () => {},
      tierFor: () => ({ targetSeconds: null }),
      now: () => new Date(NOW),
    });
    // The pack's units at home (the feed has sent no positions in this test), status from the DB.
    const units = (): Unit[] =>
      repo.units.list().map((u) => ({
        ...u,
        position: u.position ?? {
          unitId: u.id,
          lng: u.home.lng,
          lat: u.home.lat,
          heading: 0,
          speed: 0,
          at: REPORTED,
        },
      }));
    service = createCordonService({
      pack,
      router,
      ...(where === 'worker' ? { analyser: worker } : {}),
      alert: (id) => repo.alerts.get(id) ?? null,
      units,
      supportStep: (id, step) => dispatch.supportStep(id, step),
      audit,
      emit,
      now: () => NOW,
    });
  });
  afterEach(() => {
    repo.close();
    tmp.cleanup();
  });

  it('analyses the alert: three rings, the known gaps on rings 2 and 3, elapsed from the report time', async () => {
    const a = await service.handlers['cordon.analyse']({ alertId: ALERT });
    expect(CordonResultSchema.safeParse(a).success).toBe(true);
    expect(a.elapsedSeconds).toBe(600);
    expect(a.rings.map((r) => r.ring)).toEqual([1, 2, 3]);
    const gapRefs = (ring: number) =>
      a.crossings
        .filter((c) => c.ring === ring && !c.covered)
        .map((c) => c.roadRef)
        .sort();
    expect(gapRefs(2)).toEqual(['X305', 'X318', 'Y027']);
    expect(gapRefs(3)).toEqual(['X318', 'Y027']);
    expect(a.counts.find((c) => c.ring === 2)).toMatchObject({ total: 14, covered: 11, gaps: 3 });
    expect(a.assignment.length).toBeGreaterThan(0);
    expect(a.reinforcements).toEqual([]);
    expect(a.activeCheckpointIds).toEqual([]);
    // Ring 1 grows with the time since the report.
    const later = await service.handlers['cordon.analyse']({ alertId: ALERT, elapsedSeconds: 1800 });
    const ring1Km = (r: typeof a) => r.rings.find((x) => x.ring === 1)!.lengthKm;
    expect(ring1Km(later)).toBeGreaterThan(ring1Km(a));
  });

  it('clamps the default elapsed time to 0 … 6 h', () => {
    expect(defaultElapsedSeconds({ reportedAt: REPORTED }, Date.parse(REPORTED) - 5000)).toBe(0);
    expect(defaultElapsedSeconds({ reportedAt: REPORTED }, Date.parse(REPORTED) + 90_000)).toBe(90);
    expect(defaultElapsedSeconds({ reportedAt: REPORTED }, Date.parse(REPORTED) + 86_400_000)).toBe(6 * 3600);
  });

  it('sendPlan: one unit.assign per assignment with the crossing as target, audited, in the timeline', async () => {
    const a = await service.handlers['cordon.analyse']({ alertId: ALERT });
    const plan = a.assignment.map(({ unitId, crossingId }) => ({ unitId, crossingId }));
    await expect(service.handlers['cordon.sendPlan']({ alertId: ALERT, assignments: plan })).rejects.toThrow(
      /sign in/,
    );
    await session.signIn('duty', DEMO_PASSWORD);
    const sent = await service.handlers['cordon.sendPlan']({ alertId: ALERT, assignments: plan });

    const commands = outbox.recent().filter((c) => c.kind === 'unit.assign');
    expect(commands).toHaveLength(plan.length);
    for (const p of plan) {
      const crossing = a.crossings.find((c) => c.id === p.crossingId)!;
      const command = commands.find((c) => c.payload['unitId'] === p.unitId)!;
      expect(command.payload).toEqual({
        unitId: p.unitId,
        alertId: ALERT,
        lng: crossing.lng,
        lat: crossing.lat,
      });
    }
    expect(sent.reinforcements.map((r) => [r.unitId, r.crossingId])).toEqual(
      plan.map((p) => [p.unitId, p.crossingId]),
    );
    expect(sent.reinforcements.map((r) => r.commandId).sort()).toEqual(
      commands.map((c) => c.commandId).sort(),
    );

    const entry = audit.recent(10, `alert:${ALERT}`).find((e) => e.action === `alert.${REINFORCE_ACTION}`)!;
    expect(entry.operator).toBe('duty');
    expect(audit.verify().ok).toBe(true);
    const step = repo.alerts.events(ALERT).at(-1)!;
    expect(step).toMatchObject({
      action: REINFORCE_ACTION,
      operator: 'duty',
      fromStatus: 'received',
      toStatus: 'received',
    });
    expect(repo.alerts.get(ALERT)!.status).toBe('received');
    expect(emitted).toContain('cordon.changed');

    // The sent units are busy now (before the gateway reports them dispatched): not recommended again.
    const again = await service.handlers['cordon.analyse']({ alertId: ALERT });
    expect(again.reinforcements).toHaveLength(plan.length);
    const busy = new Set(plan.map((p) => p.unitId));
    expect(again.assignment.some((x) => busy.has(x.unitId))).toBe(false);
    // A unit cannot be sent twice.
    await expect(
      service.handlers['cordon.sendPlan']({ alertId: ALERT, assignments: [plan[0]!] }),
    ).rejects.toThrow(/just sent/);
  });

  it('refuses unknown and covered crossings', async () => {
    await session.signIn('duty', DEMO_PASSWORD);
    const a = await service.handlers['cordon.analyse']({ alertId: ALERT });
    const covered = a.crossings.find((c) => c.covered)!;
    const unitId = a.assignment[0]!.unitId;
    await expect(
      service.handlers['cordon.sendPlan']({ alertId: ALERT, assignments: [{ unitId, crossingId: 'R9-99' }] }),
    ).rejects.toThrow(/unknown crossing/);
    await expect(
      service.handlers['cordon.sendPlan']({
        alertId: ALERT,
        assignments: [{ unitId, crossingId: covered.id }],
      }),
    ).rejects.toThrow(/covered/);
    expect(outbox.recent()).toHaveLength(0);
  });

  it('activateCheckpoint is audited once and reported in the analysis, with no gateway command', async () => {
    await session.signIn('duty', DEMO_PASSWORD);
    const a = await service.handlers['cordon.analyse']({ alertId: ALERT });
    const checkpointId = a.crossings.find((c) => c.covered)!.checkpointId!;
    expect(await service.handlers['cordon.activateCheckpoint']({ alertId: ALERT, checkpointId })).toEqual({
      alertId: ALERT,
      activeCheckpointIds: [checkpointId],
    });
    await service.handlers['cordon.activateCheckpoint']({ alertId: ALERT, checkpointId });
    expect(
      audit.recent(20, `alert:${ALERT}`).filter((e) => e.action === `alert.${CHECKPOINT_ACTION}`),
    ).toHaveLength(1);
    expect(outbox.recent()).toHaveLength(0);
    expect((await service.handlers['cordon.analyse']({ alertId: ALERT })).activeCheckpointIds).toEqual([
      checkpointId,
    ]);
  });

  it('ring 1 as the incident county, or as a drawn polygon; a county the incident is not in is an error', async () => {
    // 112.85, 35.5 lies in 城区 (149901) of the demo pack.
    expect(resolveRing1(pack, { lng: 112.85, lat: 35.5 }, { mode: 'district' })).toEqual({
      mode: 'boundary',
      id: '149901',
    });
    expect(() => resolveRing1(pack, { lng: 100, lat: 20 }, { mode: 'district' })).toThrow(
      /no county or patrol district/,
    );
    const county = await service.handlers['cordon.analyse']({ alertId: ALERT, ring1: { mode: 'district' } });
    const ring1 = county.rings.find((r) => r.ring === 1)!;
    expect(ring1).toMatchObject({ source: 'boundary', name: '城区' });
    expect(county.crossings.filter((c) => c.ring === 1).length).toBeGreaterThan(0);

    // A drawn square of about 2 × 2 km around the incident: its exits are ring-1 crossings inside the square's box.
    const d = 0.01;
    const square: [number, number][] = [
      [112.85 - d, 35.5 - d],
      [112.85 + d, 35.5 - d],
      [112.85 + d, 35.5 + d],
      [112.85 - d, 35.5 + d],
      [112.85 - d, 35.5 - d],
    ];
    const drawn = await service.handlers['cordon.analyse']({
      alertId: ALERT,
      ring1: { mode: 'polygon', geometry: { type: 'Polygon', coordinates: [square] } },
    });
    expect(drawn.rings.find((r) => r.ring === 1)).toMatchObject({ source: 'polygon' });
    expect(drawn.rings.find((r) => r.ring === 1)!.lengthKm).toBeGreaterThan(8);
    const r1 = drawn.crossings.filter((c) => c.ring === 1);
    expect(r1.length).toBeGreaterThan(0);
    for (const c of r1) {
      expect(Math.abs(c.lng - 112.85)).toBeLessThanOrEqual(d + 1e-6);
      expect(Math.abs(c.lat - 35.5)).toBeLessThanOrEqual(d + 1e-6);
      // On the square's outline, not inside it.
      expect(Math.min(d - Math.abs(c.lng - 112.85), d - Math.abs(c.lat - 35.5))).toBeLessThan(1e-4);
    }
  });

  it('ring 3 stretch and the checkpoint cover distance come from the request', async () => {
    const base = await service.handlers['cordon.analyse']({ alertId: ALERT });
    const narrow = await service.handlers['cordon.analyse']({ alertId: ALERT, ring3: { withinKm: 1 } });
    const whole = await service.handlers['cordon.analyse']({
      alertId: ALERT,
      ring3: { withinKm: 200, sharedOnly: false },
    });
    const km = (a: typeof base) => a.rings.find((r) => r.ring === 3)?.lengthKm ?? 0;
    expect(km(narrow)).toBeLessThan(km(base));
    expect(km(whole)).toBeGreaterThan(km(base));
    // A 1 m cover distance leaves only checkpoints standing on the crossing; 300 m covers 11 of 14 on ring 2.
    const tight = await service.handlers['cordon.analyse']({ alertId: ALERT, checkpointRadiusMetres: 1 });
    const covered = (a: typeof base, ring: number) => a.counts.find((c) => c.ring === ring)!.covered;
    expect(covered(base, 2)).toBe(11);
    expect(covered(tight, 2)).toBeLessThan(11);
  });

  it('sends one chosen unit to one gap through the same audited dispatch step', async () => {
    await session.signIn('duty', DEMO_PASSWORD);
    const a = await service.handlers['cordon.analyse']({ alertId: ALERT });
    const gap = a.crossings.find((c) => c.ring === 2 && !c.covered)!;
    const recommended = new Set(a.assignment.map((x) => x.unitId));
    const chosen = repo.units.list().find((u) => u.status === 'available' && !recommended.has(u.id))!;
    const sent = await service.handlers['cordon.sendPlan']({
      alertId: ALERT,
      assignments: [{ unitId: chosen.id, crossingId: gap.id }],
    });
    expect(sent.reinforcements.map((r) => [r.unitId, r.crossingId])).toEqual([[chosen.id, gap.id]]);
    const commands = outbox.recent().filter((c) => c.kind === 'unit.assign');
    expect(commands.map((c) => c.payload)).toEqual([
      { unitId: chosen.id, alertId: ALERT, lng: gap.lng, lat: gap.lat },
    ]);
    const entries = audit
      .recent(10, `alert:${ALERT}`)
      .filter((e) => e.action === `alert.${REINFORCE_ACTION}`);
    expect(entries).toHaveLength(1);
  });
});
