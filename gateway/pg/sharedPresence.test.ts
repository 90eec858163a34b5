/**
 * Seat presence across gateways on one PostgreSQL: each gateway publishes the list of its own
 * seats, the log keeps the latest list of each, and every console shows them merged. A gateway
 * that closes empties its list at once; one that is killed has it emptied by a survivor once its
 * liveness window (gateway/pg/gatewayLiveness.ts) has run out.
 */
import { describe, expect, it } from 'vitest';
import { GatewayEvents, type CommandAck } from '../../shared/protocol/feed';
import { presencePublisher, type SeatPresencePayload, type SeatRef } from '../../shared/protocol/seats';
import { mergePresence, type PresenceList } from '../../shared/domain/seat';
import { startGateway } from '../server';
import {
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
  type RecordingClient,
} from '../../tests/unit/gatewayFixtures';
import { databaseName, usePostgresPerFile } from '../../tests/unit/testPostgres';
import { exited, killIfRunning, runGatewayProcess } from '../../tests/unit/gatewayProcess';

const pg = usePostgresPerFile();
const { cleanup } = pg;

const seatA: SeatRef = { consoleId: 'console-a', operator: 'duty', role: 'duty_officer', seat: 'A' };
const seatB: SeatRef = { consoleId: 'console-b', operator: 'duty2', role: 'duty_officer', seat: 'B' };
const LIVENESS_MS = 1500;

function client(url: string, consoleId: string): RecordingClient {
  const c = recordingClient(url, { consoleId });
  cleanup.push(() => c.close());
  return c;
}

/** What a console shows: the latest list of each gateway it received, merged (as the console's store does). */
function onDuty(c: RecordingClient): string[] {
  const lists = new Map<string, PresenceList>();
  for (const e of c.envelopes) {
    if (e.type !== 'seat.presence') continue;
    const p = e.payload as SeatPresencePayload;
    lists.set(presencePublisher(p), { gateway: presencePublisher(p), seq: e.seq, seats: p.seats });
  }
  return mergePresence([...lists.values()], null).map((s) => s.seat);
}

const signIn = async (c: RecordingClient, seat: SeatRef) => {
  await waitFor(() => c.socket.connected, 10_000, `${seat.seat} connected`);
  const ack = (await c.socket.timeout(10_000).emitWithAck(GatewayEvents.command, {
    commandId: `presence-${seat.seat}`,
    kind: 'seat.presence',
    payload: { seat: seat.seat, operator: seat.operator, role: seat.role },
  })) as CommandAck;
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
};

async function fixture(name: string) {
  const database = await pg.server!.freshDatabase(databaseName(name));
  const { packDir, scenarioFile } = writeFixture(tempDir(), fixtureScenario(1, 3600));
  return { database, packDir, scenarioFile };
}

describe('seat presence across gateways on one PostgreSQL', () => {
  it("one seat on each gateway: both gateways' consoles see both; a gateway closing takes only its seat away", async (t) => {
    if (!pg.server) return t.skip(pg.reason ?? undefined);
    const { database, packDir, scenarioFile } = await fixture('presence_close');
    const start = async () => {
      const g = await startGateway({ scenario: scenarioFile, pack: packDir, port: 0, tickMs: 50, database });
      cleanup.push(() => g.close());
      return g;
    };
    const [ga, gb] = [await start(), await start()];
    const [ca, cb] = [client(ga.url, seatA.consoleId), client(gb.url, seatB.consoleId)];
    await signIn(ca, seatA);
    await signIn(cb, seatB);
    await waitFor(
      () => [ca, cb].every((c) => onDuty(c).join() === 'A,B'),
      10_000,
      'both seats on both consoles',
    );
    // A console connecting later (resuming from 0) gets the latest list of each gateway, merged.
    const late = client(ga.url, 'console-late');
    await waitFor(() => onDuty(late).join() === 'A,B', 10_000, 'both seats on a late console');
    expect(late.envelopes.filter((e) => e.type === 'seat.presence')).toHaveLength(2);
    // Either gateway's GET /admin/state lists the seats of the whole queue; `seats`, its own.
    const state = async (url: string) =>
      (await (
        await fetch(`${url}/admin/state`, { headers: { authorization: 'Bearer demo-token' } })
      ).json()) as {
        seats: { seat: string }[];
        allSeats: { seat: string; gateway: string }[];
      };
    for (const [g, own] of [
      [ga, 'A'],
      [gb, 'B'],
    ] as const) {
      const s = await state(g.url);
      expect(s.seats.map((x) => x.seat)).toEqual([own]);
      expect(s.allSeats.map((x) => x.seat)).toEqual(['A', 'B']);
      expect(new Set(s.allSeats.map((x) => x.gateway)).size).toBe(2);
    }

    await gb.close();
    await waitFor(() => onDuty(ca).join() === 'A', 10_000, "B gone from A's console");
    expect(onDuty(late)).toEqual(['A']);
  }, 60_000);

  it('a gateway killed: a survivor empties its list once its liveness window has run out', async (t) => {
    if (!pg.server) return t.skip(pg.reason ?? undefined);
    const { database, packDir, scenarioFile } = await fixture('presence_kill');
    const survivor = await startGateway({
      scenario: scenarioFile,
      pack: packDir,
      port: 0,
      tickMs: 50,
      database,
      livenessMs: LIVENESS_MS,
    });
    cleanup.push(() => survivor.close());
    const doomed = await runGateway([
      '--scenario',
      scenarioFile,
      '--pack',
      packDir,
      '--port',
      '0',
      '--database',
      database,
      '--liveness-ms',
      String(LIVENESS_MS),
    ]);
    const [ca, cb] = [client(survivor.url, seatA.consoleId), client(doomed.url, seatB.consoleId)];
    await signIn(ca, seatA);
    await signIn(cb, seatB);
    await waitFor(
      () => [ca, cb].every((c) => onDuty(c).join() === 'A,B'),
      10_000,
      'both seats on both consoles',
    );
    doomed.child.kill('SIGKILL');
    await exited(doomed.child);
    // Nothing said goodbye: only the expired liveness row tells the survivor (a deadline, no sleep).
    await waitFor(() => onDuty(ca).join() === 'A', 10 * LIVENESS_MS, "B gone from A's console");
    // The log says so too: a console resuming from 0 on the survivor sees A only.
    const late = client(survivor.url, 'console-late');
    await waitFor(() => late.hellos.length === 1 && late.lastSeq() >= ca.lastSeq(), 10_000, 'late console');
    expect(onDuty(late)).toEqual(['A']);
  }, 60_000);
});

const runGateway = (args: string[]) =>
  runGatewayProcess(args, (child) => cleanup.push(() => killIfRunning(child)));
