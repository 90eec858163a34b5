/**
 * Replay determinism through the services: the same scenario and the same trainee actions, taken
 * on two fresh drill databases through the DispatchService (dispatch ETA facts included) and scored
 * by the drill handlers, give the same report to the last field; a different action changes it.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { decodeFeedMessages } from '../feed/feedDecoder';
import { AuditLog } from '../audit/auditLog';
import { OperatorAccounts } from '../accounts/operatorAccounts';
import { DEMO_PASSWORD, seedDemoOperators } from '../accounts/seed';
import { CommandOutbox } from '../outbox/commandOutbox';
import { DispatchService } from '../dispatch/dispatchService';
import { OperatorSession } from '../dispatch/operatorSession';
import { alertReport, envelope, tempDir, TEST_AUDIT_KEY } from '../../../tests/unit/fixtures';
import type { Scenario } from '../../../shared/protocol/scenario';
import type { Unit } from '../../../shared/domain/unit';
import type { NearbyRanking } from '../routing/routingService';
import { createDrillHandlers } from './drillService';
import { DrillClockLog } from './drillClockLog';
import { dispatchEtaFacts } from './dispatchEta';

const ALERT = '110-20261120-0001';
const RECEIVED = Date.parse('2026-11-20T11:00:00.000Z');
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
const EXIT = { lng: 112.9, lat: 35.45 };

const scenario: Scenario = {
  format: 'dispatch-scenario',
  version: 2,
  id: 'replay-drill',
  name: { zh: '复现', en: 'Replay' },
  description: 'fixture',
  cityPack: 'fixture',
  durationSec: 600,
  events: [{ t: 5, type: 'alert', payload: alertReport() as unknown as Record<string, unknown> }],
  suspectTracks: [
    {
      id: 'car',
      alertId: ALERT,
      profile: 'car',
      points: [
        { t: 0, lng: 112.851, lat: 35.49 },
        { t: 100, lng: EXIT.lng, lat: EXIT.lat },
      ],
    },
  ],
  expected: {
    dispatches: [{ alertId: ALERT, unitIds: ['U02'], dueT: 70 }],
    exits: [
      {
        id: 'cp',
        alertId: ALERT,
        name: 'checkpoint exit',
        lng: 112.8,
        lat: 35.4,
        radiusM: 150,
        checkpointId: 'CP-1',
        dueT: 60,
      },
      {
        id: 'road',
        alertId: ALERT,
        name: 'road exit',
        lng: EXIT.lng,
        lat: EXIT.lat,
        radiusM: 150,
        dueT: 200,
      },
    ],
  },
};

/** Road ranking stand-in: U02 is 60 s away, U01 200 s (the real ranking is tested in routing). */
const rank = (_alert: unknown, list: readonly Unit[]): NearbyRanking => ({
  units: [...list]
    .sort((a, b) => (a.id === 'U02' ? -1 : b.id === 'U02' ? 1 : 0))
    .map(
      (unit) =>
        ({
          unit,
          etaSeconds: unit.id === 'U02' ? 60 : 200,
          distanceM: 1,
          straightLineM: 1,
          tier: null,
          unreachable: null,
        }) as never,
    ),
  bestRoute: null,
});

/** One drill from scratch: alert in, the trainee's steps at fixed offsets (s), the report at +300 s. */
async function runDrill(dispatchUnit: string, dispatchAt: number) {
  const tmp = tempDir('drill-replay-');
  const repo = new ConsoleRepository(openDatabase(tmp.dir));
  try {
    repo.seedFromPack(pack);
    repo.applyFeedBatch(
      decodeFeedMessages([envelope(1, 'alert', alertReport())], {
        lastSeq: 0,
        knownUnits: repo.knownUnitIds(),
        knownCameras: new Set(),
        receivedAt: new Date(RECEIVED).toISOString(),
      }),
    );
    const accounts = new OperatorAccounts(repo.db, { scrypt: { N: 1024, r: 8, p: 1 } } as never);
    await seedDemoOperators(accounts);
    const audit = new AuditLog(repo.db, { key: TEST_AUDIT_KEY, mode: 'drill:replay-drill' });
    const session = new OperatorSession(accounts, audit, () => {});
    let clock = RECEIVED;
    const service = new DispatchService({
      db: repo.db,
      repository: repo,
      audit,
      outbox: new CommandOutbox(repo.db),
      session,
      kick: () => {},
      emit: () => {},
      tierFor: () => ({ targetSeconds: 180 }),
      now: () => new Date(clock),
      drill: 'drill:replay-drill',
      dispatchContext: (alert, unitIds) => dispatchEtaFacts(rank, repo.units.list(), alert, unitIds),
    });
    // The scenario clock as the console saw it: t = 5 at receipt, running at 2×.
    new DrillClockLog(repo.meta).record(
      { scenario: 'replay-drill', scenarioTime: 5, speed: 2, paused: false, durationSec: 600, headSeq: 1 },
      new Date(RECEIVED),
    );
    await session.signIn('trainee', DEMO_PASSWORD);
    const at = (s: number) => (clock = RECEIVED + s * 1000);
    at(5);
    service.act(ALERT, { type: 'acknowledge' });
    at(20);
    service.supportStep(ALERT, { action: 'cordon.checkpoint', note: 'CP-1', data: { checkpointId: 'CP-1' } });
    at(dispatchAt);
    service.act(ALERT, { type: 'dispatch', unitIds: [dispatchUnit] });
    at(60);
    const other = dispatchUnit === 'U01' ? 'U02' : 'U01';
    service.supportStep(ALERT, {
      action: 'cordon.reinforce',
      note: 'road',
      data: { assignments: [{ unitId: other, crossingId: 'R2-01', ...EXIT }] },
      units: [{ unitId: other, ...EXIT }],
    });
    const handlers = createDrillHandlers({
      drill: { scenarioId: 'replay-drill' },
      db: repo.db,
      meta: repo.meta,
      scenario,
      dataDir: tmp.dir,
      gatewayUrl: 'http://127.0.0.1:9',
      gatewayToken: 't',
      now: () => new Date(RECEIVED + 300_000),
    });
    return await handlers['drill.report']();
  } finally {
    repo.close();
    tmp.cleanup();
  }
}

describe('drill replay through the services', () => {
  it('same scenario and same actions → the same report; the expected actions judged on the scenario clock', async () => {
    const first = await runDrill('U01', 30);
    const second = await runDrill('U01', 30);
    expect(second).toEqual(first);

    const row = first.alerts[0]!;
    // U01 (200 s) was chosen while U02 (60 s) was free: the dispatch points are scaled by 60 / 200.
    expect(row).toMatchObject({
      chosenEtaSeconds: 200,
      bestUnitId: 'U02',
      bestEtaSeconds: 60,
      choiceCredit: 0.3,
    });
    const byId = Object.fromEntries(first.expected.steps.map((s) => [s.id, s]));
    // Clock: t = 5 + 2 × wall seconds since receipt.
    expect(byId[ALERT]).toMatchObject({ kind: 'dispatch', status: 'missed', done: 'U01', doneT: 65 });
    expect(byId.cp).toMatchObject({ status: 'met', doneT: 45, done: 'CP-1' });
    // The suspect comes within 150 m of the road exit at t = 98 (it reaches it at 100), before its dueT 200: closing it at t = 125 is late.
    expect(byId.road).toMatchObject({ status: 'late', suspectPassT: 98, deadlineT: 98, doneT: 125 });
    expect(first.expected).toMatchObject({
      met: 1,
      late: 1,
      missed: 1,
      cordonGaps: 2,
      cordonClosedInTime: 1,
      score: 50,
    });
    expect(first.scenarioTime).toBe(605);
    expect(first.timeline.filter((e) => e.kind === 'action').map((e) => e.event)).toEqual([
      'acknowledge',
      'cordon.checkpoint',
      'dispatch',
      'cordon.reinforce',
    ]);
    expect(first.timeline.find((e) => e.event === 'dispatch')?.best).toMatchObject({
      unitIds: ['U02'],
      ok: false,
    });
  });

  it('a better choice scores higher', async () => {
    const slow = await runDrill('U01', 30);
    const good = await runDrill('U02', 30);
    expect(good.alerts[0]!.choiceCredit).toBe(1);
    expect(good.expected.steps.find((s) => s.kind === 'dispatch')?.status).toBe('met');
    expect(good.score!).toBeGreaterThan(slow.score!);
  });
});
