import { describe, expect, it } from 'vitest';
import { GatewayEvents, type CommandAck } from '../../shared/protocol/feed';
import type { WireEnvelope } from '../feed/feedLog';
import { startGateway } from '../server';
import {
  FIXTURE_UNITS,
  fixtureAlertId,
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
  type RecordingClient,
} from '../../tests/unit/gatewayFixtures';
import { databaseName, usePostgresPerFile } from '../../tests/unit/testPostgres';
import { exited, killIfRunning, runGatewayProcess } from '../../tests/unit/gatewayProcess';

/** Several gateways on one PostgreSQL (one embedded server for the file, a fresh database per test). */
const pg = usePostgresPerFile();
const { cleanup } = pg;

function client(url: string, options: Parameters<typeof recordingClient>[1] = {}): RecordingClient {
  const c = recordingClient(url, options);
  cleanup.push(() => c.close());
  return c;
}
const alertIds = (envelopes: WireEnvelope[]) =>
  envelopes.filter((e) => e.type === 'alert').map((e) => (e.payload as { id: string }).id);
/** Positions are superseded in the log, so a resuming console legitimately skips some: compare the rest. */
const history = (envelopes: WireEnvelope[]) =>
  envelopes
    .filter((e) => e.type !== 'unit.position')
    .map((e) => `${e.seq}:${e.type}:${JSON.stringify(e.payload)}`);
const strictlyIncreasing = (envelopes: WireEnvelope[]) =>
  envelopes.every((e, i) => i === 0 || e.seq > envelopes[i - 1]!.seq);
const has = (c: RecordingClient, id: string) => () => alertIds(c.envelopes).includes(id);
/** GET /admin/state's scenarioLeader: whether this gateway plays the scenario. */
const leads = async (url: string) =>
  (
    (await (
      await fetch(`${url}/admin/state`, { headers: { authorization: 'Bearer demo-token' } })
    ).json()) as { scenarioLeader: boolean }
  ).scenarioLeader;

describe('gateways sharing one PostgreSQL', () => {
  it('sends every envelope appended through either gateway to the consoles of both, once, in one seq order', async (t) => {
    if (!pg.server) return t.skip(pg.reason ?? undefined);
    const database = await pg.server.freshDatabase(databaseName('fanout'));
    const dir = tempDir();
    const alerts = 10;
    const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(alerts));
    const start = async () => {
      const g = await startGateway({
        scenario: scenarioFile,
        pack: packDir,
        port: 0,
        speed: 20,
        tickMs: 10,
        database,
      });
      cleanup.push(() => g.close());
      return g;
    };
    const [a, b] = [await start(), await start()];
    expect(a.gatewayId).toBe(b.gatewayId);
    const [ca, cb] = [client(a.url), client(b.url)];

    // Injected through both at once, while the scenario (played by one of them) goes on.
    const injected = await Promise.all(
      Array.from({ length: 15 }, (_, i) => [
        a.append('alert', { id: `via-a-${i}` }),
        b.append('alert', { id: `via-b-${i}` }),
      ]).flat(),
    );
    expect(new Set(injected).size).toBe(30);
    // A unit command through B; its retry through A is the same command, not a second one.
    const command = {
      commandId: 'command-0001',
      kind: 'unit.assign',
      payload: { unitId: FIXTURE_UNITS[1], alertId: fixtureAlertId(1), lng: 112.851, lat: 35.491 },
    };
    const send = (c: RecordingClient) =>
      new Promise<CommandAck>((resolve) => c.socket.emit(GatewayEvents.command, command, resolve));
    expect(await send(cb)).toEqual({ commandId: 'command-0001', ok: true });
    expect(await send(ca)).toEqual({ commandId: 'command-0001', ok: true, duplicate: true });

    const done = (c: RecordingClient) => () =>
      has(c, fixtureAlertId(alerts))() &&
      has(c, 'via-a-14')() &&
      has(c, 'via-b-14')() &&
      c.envelopes.some(
        (e) => e.type === 'unit.status' && (e.payload as { unitId: string }).unitId === FIXTURE_UNITS[1],
      );
    await waitFor(done(ca), 10_000, 'everything on A');
    await waitFor(done(cb), 10_000, 'everything on B');
    await waitFor(
      () =>
        ca.envelopes.at(-1)!.seq === a.headSeq() &&
        cb.envelopes.at(-1)!.seq === b.headSeq() &&
        a.headSeq() === b.headSeq(),
      10_000,
      'both at one head',
    );
    for (const c of [ca, cb]) {
      expect(strictlyIncreasing(c.envelopes)).toBe(true);
      const ids = alertIds(c.envelopes);
      expect(ids.filter((id) => id.startsWith('A-'))).toEqual(
        Array.from({ length: alerts }, (_, i) => fixtureAlertId(i + 1)),
      );
      expect(ids.filter((id) => id.startsWith('via-')).sort()).toEqual(
        [
          ...Array.from({ length: 15 }, (_, i) => `via-a-${i}`),
          ...Array.from({ length: 15 }, (_, i) => `via-b-${i}`),
        ].sort(),
      );
      const dispatched = c.envelopes.filter(
        (e) =>
          e.type === 'unit.status' &&
          (e.payload as { status: string; unitId: string }).unitId === FIXTURE_UNITS[1] &&
          (e.payload as { status: string }).status === 'dispatched',
      );
      expect(dispatched).toHaveLength(1);
    }
    expect(history(ca.envelopes)).toEqual(history(cb.envelopes));
  });

  it('plays one scenario clock: a later gateway takes the database’s, another scenario is refused, clock control is the leader’s', async (t) => {
    if (!pg.server) return t.skip(pg.reason ?? undefined);
    const database = await pg.server.freshDatabase(databaseName('clock'));
    const dir = tempDir();
    const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(3));
    const a = await startGateway({
      scenario: scenarioFile,
      pack: packDir,
      port: 0,
      speed: 7,
      tickMs: 10,
      database,
    });
    cleanup.push(() => a.close());
    const b = await startGateway({
      scenario: scenarioFile,
      pack: packDir,
      port: 0,
      speed: 2,
      tickMs: 10,
      database,
    });
    cleanup.push(() => b.close());
    expect(b.clockState().speed).toBe(7);
    const [leader, follower] = (await leads(a.url)) ? [a, b] : [b, a];
    expect(await leads(follower.url)).toBe(false);
    expect(() => follower.controlClock({ action: 'pause' })).toThrow(/does not play the scenario/);
    expect(leader.controlClock({ action: 'pause' }).paused).toBe(true);

    const other = writeFixture(tempDir(), { ...fixtureScenario(2), id: 'another-drill' });
    await expect(
      startGateway({ scenario: other.scenarioFile, pack: other.packDir, port: 0, database }),
    ).rejects.toThrow(/holds the log of scenario "test-drill", not "another-drill"/);
  });

  it('carries a socket.io broadcast on one gateway to the consoles of the other (postgres adapter)', async (t) => {
    if (!pg.server) return t.skip(pg.reason ?? undefined);
    const database = await pg.server.freshDatabase(databaseName('adapter'));
    const { packDir, scenarioFile } = writeFixture(tempDir(), fixtureScenario(1));
    const start = async () => {
      const g = await startGateway({ scenario: scenarioFile, pack: packDir, port: 0, tickMs: 10, database });
      cleanup.push(() => g.close());
      return g;
    };
    const [a, b] = [await start(), await start()];
    const onB = client(b.url);
    await waitFor(() => onB.hellos.length === 1, 10_000, 'hello on B');
    const heard = new Promise<unknown>((resolve) => onB.socket.on('test:notice', resolve));
    a.broadcast('test:notice', { from: 'A' });
    expect(await heard).toEqual({ from: 'A' });
  });
});

const runGateway = (args: string[]) =>
  runGatewayProcess(args, (child) => cleanup.push(() => killIfRunning(child)));

describe('gateway processes sharing one PostgreSQL', () => {
  it('a gateway killed mid-scenario: its console resumes on the other from its last seq, nothing lost or doubled', async (t) => {
    if (!pg.server) return t.skip(pg.reason ?? undefined);
    const database = await pg.server.freshDatabase(databaseName('failover'));
    const dir = tempDir();
    const alerts = 60;
    const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(alerts));
    // 60 alerts at speed 10: 6 s of scenario, so the kill lands mid-way and the survivor plays on.
    const args = [
      '--scenario',
      scenarioFile,
      '--pack',
      packDir,
      '--speed',
      '10',
      '--tick-ms',
      '10',
      '--port',
      '0',
      '--database',
      database,
    ];
    const started = await Promise.all([runGateway(args), runGateway(args)]);
    // Kill the one playing the scenario: the other has to take over from its frontier.
    const leaders = await Promise.all(started.map((g) => leads(g.url)));
    expect(leaders.filter(Boolean)).toHaveLength(1);
    const [first, second] = leaders[0] ? started : [started[1]!, started[0]!];
    const onFirst = client(first.url);
    const onSecond = client(second.url);
    await waitFor(() => alertIds(onFirst.envelopes).length >= 5, 15_000, 'first alerts on the first gateway');
    first.child.kill('SIGKILL');
    await exited(first.child);
    onFirst.close();
    expect(alertIds(onFirst.envelopes).length).toBeLessThan(alerts);

    const resumed = client(second.url, { since: onFirst.lastSeq() });
    await waitFor(has(resumed, fixtureAlertId(alerts)), 20_000, 'last alert after the failover');
    await waitFor(() => onSecond.lastSeq() === resumed.lastSeq(), 10_000, 'both consoles at one head');
    expect(resumed.hellos[0]!.gatewayId).toBe(onFirst.hellos[0]!.gatewayId);
    const seen = [...onFirst.envelopes, ...resumed.envelopes];
    expect(strictlyIncreasing(seen)).toBe(true);
    expect(alertIds(seen)).toEqual(Array.from({ length: alerts }, (_, i) => fixtureAlertId(i + 1)));
    expect(alertIds(onSecond.envelopes)).toEqual(alertIds(seen));
    expect(history(seen)).toEqual(history(onSecond.envelopes));
  }, 60_000);

  it('refuses a bad --database URL at start with a clear message', async () => {
    const dir = tempDir();
    const { packDir, scenarioFile } = writeFixture(dir);
    await expect(
      runGateway([
        '--scenario',
        scenarioFile,
        '--pack',
        packDir,
        '--port',
        '0',
        '--database',
        'localhost:5432/x',
      ]),
    ).rejects.toThrow(/--database must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });
});
