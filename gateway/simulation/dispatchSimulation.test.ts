import { afterEach, describe, expect, it } from 'vitest';
import { haversineMeters, type LngLat } from '../../shared/domain/geo';
import { UnitPositionSchema, UnitStatusReportSchema } from '../../shared/domain/unit';
import { GatewayEvents, type CommandAck } from '../../shared/protocol/feed';
import { loadCityPack } from '../../node/citypack/loadCityPack';
import { DispatchSimulator } from './dispatchSimulator';
import type { SimulatedCommand } from './dispatchPayloads';
import { ACCEPT_DELAY_SECONDS, driveSpeed } from './dispatchTiming';
import { buildRoadGraph } from './roadGraph';
import type { WireEnvelope } from '../feed/feedLog';
import { startGateway } from '../server';
import type { GatewayOptions, RunningGateway } from '../gatewayTypes';
import {
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
  writeFixturePack,
  type RecordingClient,
} from '../../tests/unit/gatewayFixtures';
import { UNIT_SPEED_MPS, UnitSimulator } from './unitSimulator';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const CAR = 'U-CAR-1';
const CAR_DRIVE = driveSpeed('car');
/** The fixture grid (tests/unit/gatewayFixtures.ts): 4×4 streets, 0.002° apart, from this corner. */
const ORIGIN = { lng: 112.85, lat: 35.49 };
const STEP = 0.002;

async function start(
  options: Partial<GatewayOptions> & { dir?: string } = {},
): Promise<RunningGateway & { dir: string }> {
  const dir = options.dir ?? tempDir('dispatch-sim-');
  const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(3));
  const gateway = await startGateway({
    scenario: scenarioFile,
    pack: packDir,
    port: 0,
    speed: 25,
    tickMs: 10,
    fsync: false,
    ...options,
  });
  cleanup.push(() => gateway.close());
  return Object.assign(gateway, { dir });
}

function client(url: string): RecordingClient {
  const c = recordingClient(url);
  cleanup.push(() => c.close());
  return c;
}

const send = (c: RecordingClient, command: unknown) =>
  c.socket.timeout(3000).emitWithAck(GatewayEvents.command, command) as Promise<CommandAck>;

type Status = { unitId: string; status: string; alertId?: string; at: string };
type Position = { unitId: string; lng: number; lat: number; heading: number; speed: number; at: string };
const statusesOf = (c: RecordingClient, unitId: string, alertId?: string) =>
  c.envelopes.filter(
    (e) =>
      e.type === 'unit.status' &&
      (e.payload as Status).unitId === unitId &&
      (alertId === undefined || (e.payload as Status).alertId === alertId),
  );
const positionsOf = (c: RecordingClient, unitId: string, afterSeq = 0) =>
  c.envelopes.filter(
    (e) => e.type === 'unit.position' && e.seq > afterSeq && (e.payload as Position).unitId === unitId,
  ) as (WireEnvelope & { payload: Position })[];
const statusNamed = (c: RecordingClient, unitId: string, alertId: string, status: string) =>
  statusesOf(c, unitId, alertId).find((e) => (e.payload as Status).status === status);
/** The ack comes before the feed batch with the command's status: wait for it. */
async function nextStatus(c: RecordingClient, unitId: string, afterSeq: number): Promise<WireEnvelope> {
  await waitFor(() => statusesOf(c, unitId).some((e) => e.seq > afterSeq), 5000, 'status after the command');
  return statusesOf(c, unitId).find((e) => e.seq > afterSeq)!;
}
const lastPosition = (c: RecordingClient, unitId: string): Position => positionsOf(c, unitId).at(-1)!.payload;

/**
 * Two scenes off the grid, 20 m beyond its bottom and top edges, with the road points nearest
 * to them; a test sends a unit to whichever is farther from it, so every drive is several
 * hundred metres.
 */
const SCENES: { target: LngLat; road: LngLat }[] = [
  {
    target: { lng: ORIGIN.lng + 2.5 * STEP, lat: ORIGIN.lat + 3 * STEP + 0.0002 },
    road: { lng: ORIGIN.lng + 2.5 * STEP, lat: ORIGIN.lat + 3 * STEP },
  },
  {
    target: { lng: ORIGIN.lng + 0.5 * STEP, lat: ORIGIN.lat - 0.0002 },
    road: { lng: ORIGIN.lng + 0.5 * STEP, lat: ORIGIN.lat },
  },
];
const farScene = (from: LngLat) =>
  SCENES.reduce((best, s) => (haversineMeters(from, s.road) > haversineMeters(from, best.road) ? s : best));

async function unitStates(gateway: RunningGateway): Promise<{
  scenarioTime: number;
  units: Record<string, { status: string; alertId: string | null; etaSeconds?: number }>;
}> {
  const res = await fetch(`${gateway.url}/admin/state`, { headers: { authorization: 'Bearer demo-token' } });
  return (await res.json()) as never;
}

/** Connects a console and waits until the scenario's own status events are over (t > 2). */
async function readyClient(gateway: RunningGateway): Promise<RecordingClient> {
  const c = client(gateway.url);
  await waitFor(
    () => positionsOf(c, CAR).length > 0 && gateway.scenarioTime() > 2.5,
    5000,
    'first positions',
  );
  return c;
}

const assign = (commandId: string, alertId: string, target: LngLat, unitId = CAR) => ({
  commandId,
  kind: 'unit.assign',
  payload: { unitId, alertId, lng: target.lng, lat: target.lat },
});
/** Scenario seconds between two wall-clock ISO times of the feed. */
const scenarioSeconds = (fromIso: string, toIso: string, speed: number) =>
  ((Date.parse(toIso) - Date.parse(fromIso)) / 1000) * speed;

describe('dispatch simulation', () => {
  it('drives an assigned unit along the roads to the scene: dispatched, en_route, on_scene; it stays, then patrols when available', async () => {
    const speed = 40;
    const gateway = await start({ speed });
    const c = await readyClient(gateway);
    const scene = farScene(lastPosition(c, CAR));
    expect(await send(c, assign('cmd-assign-drive-1', 'A-SCENE-1', scene.target))).toEqual({
      commandId: 'cmd-assign-drive-1',
      ok: true,
    });

    await waitFor(() => statusNamed(c, CAR, 'A-SCENE-1', 'en_route') !== undefined, 5000, 'en_route');
    const during = (await unitStates(gateway)).units[CAR]!;
    expect(during).toMatchObject({ status: 'en_route', alertId: 'A-SCENE-1' });
    expect(during.etaSeconds).toBeGreaterThan(0);
    await waitFor(() => statusNamed(c, CAR, 'A-SCENE-1', 'on_scene') !== undefined, 8000, 'on_scene');

    const statuses = statusesOf(c, CAR, 'A-SCENE-1').map((e) => e.payload as Status);
    expect(statuses.map((s) => s.status)).toEqual(['dispatched', 'en_route', 'on_scene']);
    for (const s of statuses) expect(UnitStatusReportSchema.safeParse(s).success).toBe(true);
    const [dispatched, enRoute, onScene] = statuses as [Status, Status, Status];
    // The crew acknowledges, then sets off after the car's accept delay.
    expect(scenarioSeconds(dispatched.at, enRoute.at, speed)).toBeGreaterThan(ACCEPT_DELAY_SECONDS.car - 0.5);
    expect(scenarioSeconds(dispatched.at, enRoute.at, speed)).toBeLessThan(ACCEPT_DELAY_SECONDS.car + 0.5);

    // Positions of the drive: at priority speed, heading the way the unit moves, ending at the road point nearest the scene.
    const enRouteSeq = statusNamed(c, CAR, 'A-SCENE-1', 'en_route')!.seq;
    const onSceneSeq = statusNamed(c, CAR, 'A-SCENE-1', 'on_scene')!.seq;
    const drive = positionsOf(c, CAR, enRouteSeq)
      .filter((e) => e.seq < onSceneSeq)
      .map((e) => e.payload);
    expect(drive.length).toBeGreaterThan(5);
    for (const p of drive) {
      expect(UnitPositionSchema.safeParse(p).success).toBe(true);
      expect(p.speed).toBeCloseTo(CAR_DRIVE, 5);
    }
    const setOff = drive[0]!;
    const mid = drive[Math.floor(drive.length / 2)]!;
    expect(haversineMeters(mid, scene.road)).toBeLessThan(haversineMeters(setOff, scene.road));
    let travelled = 0;
    for (let i = 1; i < drive.length; i++) {
      const [a, b] = [drive[i - 1]!, drive[i]!];
      const step = haversineMeters(a, b);
      travelled += step;
      // Never faster than the drive speed (2 s between reports, or more if a tick was coalesced).
      expect(step).toBeLessThanOrEqual(CAR_DRIVE * scenarioSeconds(a.at, b.at, speed) + 0.5);
      // On a straight stretch (same heading at both fixes) the heading is the direction of travel.
      if (a.heading === b.heading && step > 5) {
        const dLng = (b.lng - a.lng) * Math.cos((a.lat * Math.PI) / 180);
        const bearing = ((Math.atan2(dLng, b.lat - a.lat) * 180) / Math.PI + 360) % 360;
        expect(Math.abs(((bearing - a.heading + 540) % 360) - 180)).toBeLessThan(2);
      }
    }
    // Arrival time fits the route: the reports trace it (the first comes up to 2 s after setting off;
    // chords cut corners only a little).
    const driveSeconds = scenarioSeconds(enRoute.at, onScene.at, speed);
    const routeLength = driveSeconds * CAR_DRIVE;
    const traced = travelled + haversineMeters(drive.at(-1)!, scene.road);
    expect(routeLength).toBeGreaterThan(traced - 1);
    expect(routeLength).toBeLessThan(traced + 2 * CAR_DRIVE * 2 + 60);
    // On a grid a road route is at least the Manhattan distance.
    const corner = { lng: scene.road.lng, lat: setOff.lat };
    const manhattan = haversineMeters(setOff, corner) + haversineMeters(corner, scene.road);
    expect(routeLength).toBeGreaterThan(manhattan - CAR_DRIVE * 2 - 1);

    // On scene: it stays where it arrived, stopped, within metres of the road point.
    await waitFor(() => positionsOf(c, CAR, onSceneSeq).length >= 4, 5000, 'positions on scene');
    const there = positionsOf(c, CAR, onSceneSeq).map((e) => e.payload);
    for (const p of there) {
      expect(haversineMeters(p, scene.road)).toBeLessThan(30);
      expect(p.speed).toBe(0);
      expect([p.lng, p.lat]).toEqual([there[0]!.lng, there[0]!.lat]);
    }
    expect((await unitStates(gateway)).units[CAR]).toEqual({ status: 'on_scene', alertId: 'A-SCENE-1' });

    // The console resolves the alert: available, and the unit patrols on from the scene.
    expect(
      await send(c, {
        commandId: 'cmd-car-available-1',
        kind: 'unit.status',
        payload: { unitId: CAR, status: 'available' },
      }),
    ).toMatchObject({ ok: true });
    const available = await nextStatus(c, CAR, onSceneSeq);
    expect(available.payload).toMatchObject({ unitId: CAR, status: 'available' });
    const availableSeq = available.seq;
    await waitFor(() => positionsOf(c, CAR, availableSeq).length >= 4, 5000, 'patrol positions');
    const patrol = positionsOf(c, CAR, availableSeq).map((e) => e.payload);
    expect(patrol.every((p) => p.speed === UNIT_SPEED_MPS.car)).toBe(true);
    expect(haversineMeters(patrol[0]!, there[0]!)).toBeLessThan(UNIT_SPEED_MPS.car * 2 * 2 + 1);
    expect(haversineMeters(patrol.at(-1)!, patrol[0]!)).toBeGreaterThan(10);
    expect((await unitStates(gateway)).units[CAR]).toEqual({ status: 'available', alertId: null });
  });

  it('recall: back to available and patrolling from where the unit is; the drive never arrives', async () => {
    const speed = 40;
    const gateway = await start({ speed });
    const c = await readyClient(gateway);
    const scene = farScene(lastPosition(c, CAR));
    expect(await send(c, assign('cmd-assign-recall-1', 'A-RECALL-1', scene.target))).toMatchObject({
      ok: true,
    });
    await waitFor(() => statusNamed(c, CAR, 'A-RECALL-1', 'en_route') !== undefined, 5000, 'en_route');
    const enRouteSeq = statusNamed(c, CAR, 'A-RECALL-1', 'en_route')!.seq;
    await waitFor(
      () => positionsOf(c, CAR, enRouteSeq).some((e) => e.payload.speed === CAR_DRIVE),
      5000,
      'driving',
    );
    const { etaSeconds } = (await unitStates(gateway)).units[CAR]!;
    expect(etaSeconds).toBeGreaterThan(0);

    expect(
      await send(c, { commandId: 'cmd-recall-1', kind: 'unit.recall', payload: { unitId: CAR } }),
    ).toEqual({ commandId: 'cmd-recall-1', ok: true });
    const recalled = await nextStatus(c, CAR, enRouteSeq);
    expect(recalled.payload).toMatchObject({ unitId: CAR, status: 'available' });
    const lastDriven = positionsOf(c, CAR, enRouteSeq)
      .filter((e) => e.seq < recalled.seq)
      .at(-1)!.payload;

    // Wait past the time it would have arrived.
    await new Promise((r) => setTimeout(r, ((etaSeconds ?? 0) / speed) * 1000 + 400));
    expect(statusNamed(c, CAR, 'A-RECALL-1', 'on_scene')).toBeUndefined();
    const patrol = positionsOf(c, CAR, recalled.seq).map((e) => e.payload);
    expect(patrol.length).toBeGreaterThan(3);
    expect(patrol.every((p) => p.speed === UNIT_SPEED_MPS.car)).toBe(true);
    // It continues from where it was, no jump.
    const gap = scenarioSeconds(lastDriven.at, patrol[0]!.at, speed);
    expect(haversineMeters(lastDriven, patrol[0]!)).toBeLessThanOrEqual(CAR_DRIVE * gap + 1);
    expect(haversineMeters(patrol.at(-1)!, patrol[0]!)).toBeGreaterThan(10);
    expect((await unitStates(gateway)).units[CAR]).toEqual({ status: 'available', alertId: null });
  });

  it('a gateway restarted with the same state dir mid-drive continues the drive and arrives once', async () => {
    const speed = 30;
    const dir = tempDir('dispatch-sim-restart-');
    const stateDir = `${dir}/state`;
    const first = await start({ speed, dir, stateDir });
    const c = await readyClient(first);
    const scene = farScene(lastPosition(c, CAR));
    expect(await send(c, assign('cmd-assign-restart-1', 'A-RESTART-1', scene.target))).toMatchObject({
      ok: true,
    });
    await waitFor(() => statusNamed(c, CAR, 'A-RESTART-1', 'en_route') !== undefined, 5000, 'en_route');
    const enRouteSeq = statusNamed(c, CAR, 'A-RESTART-1', 'en_route')!.seq;
    await waitFor(() => positionsOf(c, CAR, enRouteSeq).length >= 2, 5000, 'driving');
    const before = await unitStates(first);
    const arrivalBefore = before.scenarioTime + before.units[CAR]!.etaSeconds!;
    const lastBefore = positionsOf(c, CAR).at(-1)!.payload;
    await first.close();
    await new Promise((r) => setTimeout(r, 100));

    const second = await start({ speed, dir, stateDir, port: first.port });
    const after = await unitStates(second);
    // Still on the way, due at the same scenario time: the route was not started over.
    expect(after.units[CAR]).toMatchObject({ status: 'en_route', alertId: 'A-RESTART-1' });
    expect(after.scenarioTime + after.units[CAR]!.etaSeconds!).toBeCloseTo(arrivalBefore, 0);

    await waitFor(() => c.hellos.length === 2, 5000, 'reconnect');
    await waitFor(() => statusNamed(c, CAR, 'A-RESTART-1', 'on_scene') !== undefined, 8000, 'on_scene');
    const firstAfter = positionsOf(c, CAR, enRouteSeq).find(
      (e) => Date.parse(e.payload.at) > Date.parse(lastBefore.at),
    )!.payload;
    expect(haversineMeters(lastBefore, firstAfter)).toBeLessThanOrEqual(
      CAR_DRIVE * scenarioSeconds(lastBefore.at, firstAfter.at, speed) + 1,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(statusesOf(c, CAR, 'A-RESTART-1').map((e) => (e.payload as Status).status)).toEqual([
      'dispatched',
      'en_route',
      'on_scene',
    ]);
    expect(haversineMeters(lastPosition(c, CAR), scene.road)).toBeLessThan(30);
    // A console replaying from 0 sees the same single arrival.
    const fresh = client(second.url);
    await waitFor(() => fresh.lastSeq() >= c.lastSeq(), 5000, 'replay');
    expect(statusesOf(fresh, CAR, 'A-RESTART-1').map((e) => (e.payload as Status).status)).toEqual([
      'dispatched',
      'en_route',
      'on_scene',
    ]);
  });

  it('a repeated commandId acks duplicate and does not start a second drive', async () => {
    const gateway = await start({ speed: 60 });
    const c = await readyClient(gateway);
    const scene = farScene(lastPosition(c, CAR));
    const command = assign('cmd-assign-dup-1', 'A-DUP-1', scene.target);
    expect(await send(c, command)).toEqual({ commandId: command.commandId, ok: true });
    expect(await send(c, command)).toEqual({ commandId: command.commandId, ok: true, duplicate: true });
    await waitFor(() => statusNamed(c, CAR, 'A-DUP-1', 'on_scene') !== undefined, 8000, 'on_scene');
    expect(await send(c, command)).toEqual({ commandId: command.commandId, ok: true, duplicate: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(statusesOf(c, CAR, 'A-DUP-1').map((e) => (e.payload as Status).status)).toEqual([
      'dispatched',
      'en_route',
      'on_scene',
    ]);
    expect((await unitStates(gateway)).units[CAR]).toEqual({ status: 'on_scene', alertId: 'A-DUP-1' });
  });

  it('rejects invalid assignments with a clear error and changes nothing', async () => {
    const gateway = await start({ speed: 1 });
    const c = client(gateway.url);
    await waitFor(() => c.socket.connected, 5000, 'connect');
    const { target } = SCENES[0]!;
    const missing = await send(c, {
      commandId: 'cmd-bad-assign-1',
      kind: 'unit.assign',
      payload: { unitId: CAR, alertId: 'A-BAD' },
    });
    expect(missing).toMatchObject({ commandId: 'cmd-bad-assign-1', ok: false });
    expect(missing.error).toMatch(/^invalid payload: lng: .*; lat: /);
    const range = await send(c, {
      commandId: 'cmd-bad-assign-2',
      kind: 'unit.assign',
      payload: { unitId: CAR, alertId: 'A-BAD', lng: target.lng, lat: 135 },
    });
    expect(range).toMatchObject({ ok: false });
    expect(range.error).toMatch(/^invalid payload: lat: /);
    const text = await send(c, {
      commandId: 'cmd-bad-assign-3',
      kind: 'unit.assign',
      payload: { unitId: CAR, alertId: 'A-BAD', lng: '112.85', lat: target.lat },
    });
    expect(text.error).toMatch(/^invalid payload: lng: /);
    expect(await send(c, assign('cmd-bad-assign-4', 'A-BAD', target, 'U-NOPE'))).toEqual({
      commandId: 'cmd-bad-assign-4',
      ok: false,
      error: 'unknown unit U-NOPE',
    });
    expect(
      (await send(c, { commandId: 'cmd-bad-recall-1', kind: 'unit.recall', payload: {} })).error,
    ).toMatch(/^invalid payload: unitId: /);

    expect(
      await send(c, {
        commandId: 'cmd-foot-off-duty',
        kind: 'unit.status',
        payload: { unitId: 'U-FOOT-1', status: 'off_duty' },
      }),
    ).toMatchObject({ ok: true });
    expect(await send(c, assign('cmd-bad-assign-5', 'A-BAD', target, 'U-FOOT-1'))).toEqual({
      commandId: 'cmd-bad-assign-5',
      ok: false,
      error: 'unit U-FOOT-1 is off duty',
    });
    // Failed commands are remembered like any other.
    expect(await send(c, assign('cmd-bad-assign-5', 'A-BAD', target, 'U-FOOT-1'))).toMatchObject({
      ok: false,
      duplicate: true,
    });

    await new Promise((r) => setTimeout(r, 100));
    expect(
      c.envelopes.filter((e) => e.type === 'unit.status' && (e.payload as Status).alertId === 'A-BAD'),
    ).toEqual([]);
    const units = (await unitStates(gateway)).units;
    expect(units[CAR]).toEqual({ status: 'available', alertId: null });
    expect(units['U-FOOT-1']).toEqual({ status: 'off_duty', alertId: null });
  });
});

describe('dispatch simulator (pure)', () => {
  async function simulator(loop = false) {
    const pack = await loadCityPack(writeFixturePack(tempDir('dispatch-pure-')));
    const graph = buildRoadGraph(pack.roads.features);
    return new DispatchSimulator(
      graph,
      new UnitSimulator(graph, pack.units, pack.manifest.id),
      pack.manifest.id,
      { loop, cycleSeconds: 600 },
    );
  }
  const commands: SimulatedCommand[] = [
    { kind: 'unit.assign', payload: { unitId: CAR, alertId: 'A-1', ...SCENES[0]!.target }, at: 100 },
    {
      kind: 'unit.assign',
      payload: { unitId: 'U-FOOT-1', alertId: 'A-2', ...SCENES[1]!.target },
      at: 130.25,
    },
    { kind: 'unit.recall', payload: { unitId: 'U-FOOT-1' }, at: 200 },
    { kind: 'unit.status', payload: { unitId: CAR, status: 'available' }, at: 400 },
  ];

  it('positions and reports are a pure function of the commands and t, in any query order', async () => {
    const a = await simulator();
    const b = await simulator();
    for (const command of commands) a.apply(command);
    const times = [50, 101, 110, 150, 199, 250, 399, 401, 900];
    const forward = times.map((t) => ['U-CAR-1', 'U-FOOT-1'].map((u) => a.positionAt(u, t)));
    // b learns the commands one at a time, queried in between, as a running gateway does.
    for (const command of commands) {
      b.positionAt(CAR, command.at);
      b.apply(command);
    }
    const backward = [...times]
      .reverse()
      .map((t) => ['U-CAR-1', 'U-FOOT-1'].map((u) => b.positionAt(u, t)))
      .reverse();
    expect(backward).toEqual(forward);
    expect(a.statusEventsIn(0, 1000)).toEqual(b.statusEventsIn(0, 1000));
    expect(a.statusEventsIn(0, 1000).map((e) => [e.unitId, e.status, e.alertId])).toEqual([
      [CAR, 'en_route', 'A-1'],
      ['U-FOOT-1', 'en_route', 'A-2'],
      [CAR, 'on_scene', 'A-1'],
    ]);
  });

  it('ends missions at the start of a loop pass (every unit is reported available then)', async () => {
    const sim = await simulator(true);
    sim.apply({
      kind: 'unit.assign',
      payload: { unitId: CAR, alertId: 'A-1', ...SCENES[0]!.target },
      at: 595,
    });
    // Sets off at 603, after the pass started at 600: never.
    expect(sim.statusEventsIn(590, 700)).toEqual([]);
    expect(sim.positionAt(CAR, 700).speed).toBe(UNIT_SPEED_MPS.car);
  });
});
