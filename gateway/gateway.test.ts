import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AlertReportSchema } from '../shared/domain/alert';
import { UnitPositionSchema, UnitStatusReportSchema } from '../shared/domain/unit';
import {
  FeedEnvelopeSchema,
  GatewayEvents,
  GatewayHelloSchema,
  type CommandAck,
} from '../shared/protocol/feed';
import { startGateway } from './server';
import type { GatewayOptions, RunningGateway } from './gatewayTypes';
import type { WireEnvelope } from './feed/feedLog';
import {
  fixtureAlertId,
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
  type RecordingClient,
} from '../tests/unit/gatewayFixtures';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function start(
  options: Partial<GatewayOptions> & { dir?: string; alerts?: number } = {},
): Promise<RunningGateway & { dir: string }> {
  const dir = options.dir ?? tempDir();
  const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(options.alerts ?? 10));
  const gateway = await startGateway({
    scenario: scenarioFile,
    pack: packDir,
    port: 0,
    speed: 50,
    tickMs: 10,
    ...options,
  });
  cleanup.push(() => gateway.close());
  return Object.assign(gateway, { dir });
}

function client(url: string, options: Parameters<typeof recordingClient>[1] = {}): RecordingClient {
  const c = recordingClient(url, options);
  cleanup.push(() => c.close());
  return c;
}

const alertIds = (envelopes: WireEnvelope[]) =>
  envelopes.filter((e) => e.type === 'alert').map((e) => (e.payload as { id: string }).id);
const seqs = (envelopes: WireEnvelope[]) => envelopes.map((e) => e.seq);
const strictlyIncreasing = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);
const expectedAlerts = (n: number) => Array.from({ length: n }, (_, i) => fixtureAlertId(i + 1));
const hasAlert = (c: RecordingClient, id: string) => () => alertIds(c.envelopes).includes(id);

async function admin(
  gateway: RunningGateway,
  path: string,
  init: RequestInit = {},
  token = 'demo-token',
): Promise<Response> {
  return fetch(`${gateway.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

describe('gateway replay', () => {
  it('sends hello first, then the scenario in order with strictly increasing seqs and valid payloads', async () => {
    const gateway = await start();
    const c = client(gateway.url);
    let feedBeforeHello = false;
    c.socket.on(GatewayEvents.hello, () => (feedBeforeHello = c.envelopes.length > 0));
    await waitFor(hasAlert(c, fixtureAlertId(10)), 5000, 'last alert');

    expect(feedBeforeHello).toBe(false);
    expect(GatewayHelloSchema.safeParse(c.hellos[0]).success).toBe(true);
    expect(c.hellos[0]!.gatewayId).toBe(gateway.gatewayId);
    expect(strictlyIncreasing(seqs(c.envelopes))).toBe(true);
    expect(alertIds(c.envelopes)).toEqual(expectedAlerts(10));
    // The pass starts with every unit available.
    expect(c.envelopes.slice(0, 3).map((e) => [e.type, (e.payload as { status: string }).status])).toEqual([
      ['unit.status', 'available'],
      ['unit.status', 'available'],
      ['unit.status', 'available'],
    ]);
    const schemas = {
      alert: AlertReportSchema,
      'unit.position': UnitPositionSchema,
      'unit.status': UnitStatusReportSchema,
    } as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    for (const e of c.envelopes) {
      expect(FeedEnvelopeSchema.safeParse(e).success).toBe(true);
      if (schemas[e.type]) expect(schemas[e.type]!.safeParse(e.payload).success).toBe(true);
    }
    // reportedAt is rewritten to the real time the alert fell due (the fixture says 2024).
    const alert = c.envelopes.find((e) => e.type === 'alert')!;
    const reportedAt = Date.parse((alert.payload as { reportedAt: string }).reportedAt);
    expect(Math.abs(reportedAt - Date.parse(alert.sentAt))).toBeLessThan(1000);
  });

  it('resumes from since: exactly the missed messages, positions compacted to the latest per unit', async () => {
    const gateway = await start({ speed: 20 });
    const full = client(gateway.url);
    const early = client(gateway.url);
    await waitFor(hasAlert(early, fixtureAlertId(3)), 5000, 'alert 3');
    early.close();
    const since = early.lastSeq();
    await waitFor(hasAlert(full, fixtureAlertId(8)), 5000, 'alert 8');

    const resumed = client(gateway.url, { since });
    await waitFor(() => resumed.hellos.length > 0 && resumed.lastSeq() >= full.lastSeq(), 5000, 'resume');
    const missed = full.envelopes.filter((e) => e.seq > since && e.seq <= resumed.lastSeq());
    expect(resumed.envelopes.every((e) => e.seq > since)).toBe(true);
    expect(strictlyIncreasing(seqs(resumed.envelopes))).toBe(true);
    const history = (list: WireEnvelope[]) => list.filter((e) => e.type !== 'unit.position');
    expect(history(resumed.envelopes)).toEqual(history(missed));
    // Backlog positions: only each unit's latest (live ones after the backlog come on top).
    const backlog = resumed.batches[0]!;
    const backlogUnits = backlog
      .filter((e) => e.type === 'unit.position')
      .map((e) => (e.payload as { unitId: string }).unitId);
    expect(new Set(backlogUnits).size).toBe(backlogUnits.length);
  });

  it('coalesces messages appended in the same tick into one feed batch', async () => {
    const gateway = await start({ speed: 0.001 });
    const c = client(gateway.url);
    await waitFor(() => c.batches.length > 0, 5000, 'backlog');
    const injected = [
      gateway.inject('alert', { n: 1 }),
      gateway.inject('alert', { n: 2 }),
      gateway.inject('alert', { n: 3 }),
    ];
    await waitFor(() => c.lastSeq() >= injected[2]!, 5000, 'injected');
    expect(c.batches.some((b) => injected.every((seq) => b.some((e) => e.seq === seq)))).toBe(true);
  });
});

describe('gateway auth and admin', () => {
  it('rejects a bad token and an invalid handshake', async () => {
    const gateway = await start({ speed: 1 });
    const attempt = (auth: Record<string, unknown>) =>
      new Promise<string>((resolve) => {
        const socket = io(gateway.url, { auth, transports: ['websocket'], reconnection: false });
        socket.on('connect', () => resolve('connected'));
        socket.on('connect_error', (err) => resolve(err.message));
        cleanup.push(() => socket.disconnect());
      });
    expect(await attempt({ token: 'wrong', since: 0, consoleId: 'c1' })).toBe('unauthorized');
    expect(await attempt({ since: 0, consoleId: 'c1' })).toBe('unauthorized');
    expect(await attempt({ token: 'demo-token', since: -1, consoleId: 'c1' })).toMatch(/^invalid auth/);
    expect(await attempt({ token: 'demo-token', since: 0, consoleId: 'c1' })).toBe('connected');
    expect((await admin(gateway, '/admin/state', {}, 'wrong')).status).toBe(401);
  });

  it('injects raw payloads unvalidated and reports state and health', async () => {
    const gateway = await start({ speed: 1 });
    const c = client(gateway.url);
    await waitFor(() => c.hellos.length > 0, 5000, 'hello');
    const malformed = { id: 42, category: 'not-a-category', location: 'nowhere' };
    const res = await admin(gateway, '/admin/inject', {
      method: 'POST',
      body: JSON.stringify({ type: 'alert', payload: malformed }),
    });
    expect(res.status).toBe(200);
    const { seq } = (await res.json()) as { seq: number };
    await waitFor(() => c.lastSeq() >= seq, 5000, 'injected message');
    expect(c.envelopes.find((e) => e.seq === seq)).toMatchObject({ type: 'alert', payload: malformed });

    const bad = await admin(gateway, '/admin/inject', { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    const state = (await (await admin(gateway, '/admin/state')).json()) as Record<string, unknown>;
    expect(state).toMatchObject({ headSeq: seq, speed: 1, clients: 1 });
    expect(typeof state.scenarioTime).toBe('number');
    const health = await fetch(`${gateway.url}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, headSeq: seq });
  });
});

describe('gateway commands', () => {
  const send = (c: RecordingClient, command: unknown) =>
    c.socket.timeout(3000).emitWithAck(GatewayEvents.command, command) as Promise<CommandAck>;

  it('executes a commandId once and acks repeats as duplicates, also after a restart', async () => {
    const dir = tempDir();
    const stateDir = `${dir}/state`;
    const gateway = await start({ speed: 0.01, stateDir, dir });
    const c = client(gateway.url);
    await waitFor(() => c.socket.connected, 5000, 'connect');
    const command = {
      commandId: 'cmd-foot-off-1',
      kind: 'unit.status',
      payload: { unitId: 'U-FOOT-1', status: 'off_duty' },
    };
    expect(await send(c, command)).toEqual({ commandId: command.commandId, ok: true });
    expect(await send(c, command)).toEqual({ commandId: command.commandId, ok: true, duplicate: true });
    expect(
      await send(c, {
        commandId: 'cmd-assign-1',
        kind: 'unit.assign',
        payload: { unitId: 'U-CAR-1', alertId: 'A-0001', lng: 112.853, lat: 35.493 },
      }),
    ).toMatchObject({ ok: true });
    expect(
      await send(c, { commandId: 'cmd-recall-1', kind: 'unit.recall', payload: { unitId: 'U-CAR-1' } }),
    ).toMatchObject({ ok: true });

    expect(
      await send(c, {
        commandId: 'cmd-bad-unit',
        kind: 'unit.status',
        payload: { unitId: 'nope', status: 'available' },
      }),
    ).toMatchObject({ ok: false, error: 'unknown unit nope' });
    expect(
      await send(c, {
        commandId: 'cmd-bad-status',
        kind: 'unit.status',
        payload: { unitId: 'U-CAR-1', status: 'asleep' },
      }),
    ).toMatchObject({ ok: false });
    expect(await send(c, { commandId: 'short', kind: 'unit.status', payload: {} })).toMatchObject({
      commandId: 'short',
      ok: false,
    });
    expect(await send(c, { commandId: 'cmd-ptz-0001', kind: 'camera.ptz', payload: {} })).toMatchObject({
      ok: false,
    });

    await waitFor(
      () => c.envelopes.filter((e) => e.type === 'unit.status').length >= 6,
      5000,
      'status messages',
    );
    const commanded = c.envelopes
      .filter((e) => e.type === 'unit.status' && e.seq > 3)
      .map((e) => e.payload as Record<string, unknown>);
    expect(commanded.map((p) => [p.unitId, p.status, p.alertId])).toEqual([
      ['U-FOOT-1', 'off_duty', undefined],
      ['U-CAR-1', 'dispatched', 'A-0001'],
      ['U-CAR-1', 'available', undefined],
    ]);

    // The console's audit head rides on commands and is kept in the gateway's log (an anchor outside the seat).
    const auditHead = 'ab'.repeat(32);
    expect(
      await send(c, { commandId: 'cmd-anchored-1', kind: 'camera.ptz', payload: {}, auditHead }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/invalid payload/) });
    expect(
      await send(c, {
        commandId: 'cmd-anchored-2',
        kind: 'unit.recall',
        payload: { unitId: 'U-CAR-1' },
        auditHead: 'not-a-hash',
      }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/auditHead/) });

    await gateway.close();
    const logged = readdirSync(stateDir)
      .map((f) => readFileSync(path.join(stateDir, f), 'utf8'))
      .join('');
    expect(logged).toContain(`"commandId":"cmd-anchored-1"`);
    expect(logged).toContain(`"auditHead":"${auditHead}"`);
    const restarted = await start({ speed: 0.01, stateDir, dir, port: gateway.port });
    await waitFor(() => c.hellos.length === 2 && c.socket.connected, 5000, 'reconnect');
    expect(await send(c, command)).toEqual({ commandId: command.commandId, ok: true, duplicate: true });
    expect(restarted.headSeq()).toBe(gateway.headSeq());
  });
});

describe('gateway durability', () => {
  it('continues the clock and seqs across a restart: no alert lost, nothing doubled', async () => {
    const dir = tempDir();
    const stateDir = `${dir}/state`;
    const alerts = 40;
    const first = await start({ speed: 100, stateDir, dir, alerts });
    const c = client(first.url);
    await waitFor(() => alertIds(c.envelopes).length >= 8, 5000, 'some alerts');
    const timeAtClose = first.scenarioTime();
    await first.close();
    // Alerts keep falling due while the gateway is down (~10 scenario seconds at speed 100).
    await new Promise((r) => setTimeout(r, 100));
    const restartWall = Date.now();
    const second = await start({ speed: 100, stateDir, dir, alerts, port: first.port });
    expect(second.gatewayId).toBe(first.gatewayId);
    expect(second.scenarioTime()).toBeGreaterThan(timeAtClose + 5);
    await waitFor(hasAlert(c, fixtureAlertId(alerts)), 5000, 'last alert');

    expect(c.hellos).toHaveLength(2);
    const all = seqs(c.envelopes);
    expect(new Set(all).size).toBe(all.length);
    expect(strictlyIncreasing(all)).toBe(true);
    expect(alertIds(c.envelopes)).toEqual(expectedAlerts(alerts));
    // Alerts that fell due during the outage carry the time they fell due, not the restart time.
    const caughtUp = c.envelopes.filter((e) => e.type === 'alert' && Date.parse(e.sentAt) >= restartWall);
    expect(
      caughtUp.some((e) => Date.parse((e.payload as { reportedAt: string }).reportedAt) < restartWall),
    ).toBe(true);

    // A fresh console replaying from 0 sees the same history under the same seqs.
    const fresh = client(second.url);
    await waitFor(() => fresh.lastSeq() >= c.lastSeq(), 5000, 'full replay');
    const history = (list: WireEnvelope[]) =>
      list.filter((e) => e.type !== 'unit.position' && e.seq <= c.lastSeq());
    expect(history(fresh.envelopes)).toEqual(history(c.envelopes));
  });
});
