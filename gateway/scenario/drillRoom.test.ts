import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayEvents, type CommandAck } from '../../shared/protocol/feed';
import { startDrillRoom, type RunningDrillRoom } from './drillRoom';
import {
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
  type RecordingClient,
} from '../../tests/unit/gatewayFixtures';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const CAR = 'U-CAR-1';
const auth = { authorization: 'Bearer demo-token', 'content-type': 'application/json' };

async function room(seats: number): Promise<RunningDrillRoom & { stateDir: string }> {
  const dir = tempDir('drill-room-');
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(3));
  const stateDir = `${dir}/state`;
  const r = await startDrillRoom({
    scenario: scenarioFile,
    pack: packDir,
    seats,
    port: 0,
    speed: 20,
    tickMs: 10,
    fsync: false,
    stateDir,
  });
  cleanup.push(() => r.close());
  return Object.assign(r, { stateDir });
}

function client(url: string, consoleId: string): RecordingClient {
  const c = recordingClient(url, { consoleId });
  cleanup.push(() => c.close());
  return c;
}

const unitStatuses = (c: RecordingClient) =>
  c.envelopes
    .filter((e) => e.type === 'unit.status' && (e.payload as { unitId: string }).unitId === CAR)
    .map((e) => e.payload as { status: string; alertId?: string });

describe('drill room: one trainer, several trainee seats', () => {
  it("keeps each seat's dispatches to itself while the scenario reaches every seat", async () => {
    const r = await room(2);
    expect(r.seats.map((s) => s.seat)).toEqual([1, 2]);
    expect(new Set(r.seats.map((s) => s.url)).size).toBe(2);
    const [a, b] = [client(r.seats[0]!.url, 'trainee-a'), client(r.seats[1]!.url, 'trainee-b')];
    // Both get the scenario's alerts.
    await waitFor(
      () => [a, b].every((c) => c.envelopes.filter((e) => e.type === 'alert').length === 3),
      5000,
      'alerts on both seats',
    );
    await waitFor(
      () => [a, b].every((c) => c.envelopes.some((e) => e.type === 'unit.position')),
      5000,
      'positions on both seats',
    );

    const ack = (await a.socket.timeout(3000).emitWithAck(GatewayEvents.command, {
      commandId: 'room-assign-1',
      kind: 'unit.assign',
      payload: { unitId: CAR, alertId: 'A-1', lng: 112.851, lat: 35.4902 },
    })) as CommandAck;
    expect(ack).toMatchObject({ ok: true });
    await waitFor(
      () => unitStatuses(a).some((s) => s.status === 'dispatched' && s.alertId === 'A-1'),
      5000,
      'dispatched on seat 1',
    );
    // Seat 2's unit stays as its own drill has it.
    await new Promise((res) => setTimeout(res, 300));
    expect(unitStatuses(b).filter((s) => s.alertId === 'A-1')).toEqual([]);
    // Each seat keeps its own durable state.
    expect(fs.readdirSync(r.stateDir).sort()).toEqual(['seat-1', 'seat-2']);
  });

  it('pauses, resumes and changes the speed of every seat at once; a refusal is the whole room’s', async () => {
    const r = await room(3);
    const paused = await fetch(`${r.url}/room/clock`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ action: 'pause' }),
    });
    expect(paused.status).toBe(200);
    const state = (await (await fetch(`${r.url}/room`, { headers: auth })).json()) as {
      seats: { seat: number; clock: { paused: boolean; speed: number } }[];
    };
    expect(state.seats.map((s) => [s.seat, s.clock.paused])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);

    const faster = await fetch(`${r.url}/room/clock`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ action: 'resume', speed: 10 }),
    });
    expect(
      ((await faster.json()) as { seats: { clock: { paused: boolean; speed: number } }[] }).seats.map((s) => [
        s.clock.paused,
        s.clock.speed,
      ]),
    ).toEqual([
      [false, 10],
      [false, 10],
      [false, 10],
    ]);

    const backwards = await fetch(`${r.url}/room/clock`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ action: 'seek', toSeconds: 0 }),
    });
    expect(backwards.status).toBe(409);
    expect(((await backwards.json()) as { error: string }).error).toMatch(/cannot seek backwards/);
  });

  it('refuses a client without the token and a room of no seats', async () => {
    const r = await room(1);
    expect((await fetch(`${r.url}/room`)).status).toBe(401);
    expect((await fetch(`${r.url}/healthz`)).status).toBe(200);
    await expect(startDrillRoom({ scenario: 'x', pack: 'y', seats: 0 })).rejects.toThrow(
      /--seats must be a whole number from 1 to 64/,
    );
  });
});
