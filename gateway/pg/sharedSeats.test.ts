/**
 * Seats spread over two gateways on one PostgreSQL: a claim or a unit commitment decided on one
 * gateway from a view that missed the other's latest append is decided again, so the shared log's
 * order settles every race. Many rounds of two seats at once, one through each gateway: exactly one
 * winner each round, and both gateways broadcast the same owners in the same seq order.
 */
import { describe, expect, it } from 'vitest';
import { GatewayEvents, type CommandAck } from '../../shared/protocol/feed';
import type { SeatRef, UnitAssignmentPayload } from '../../shared/protocol/seats';
import { startGateway } from '../server';
import {
  FIXTURE_UNITS,
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
  type RecordingClient,
} from '../../tests/unit/gatewayFixtures';
import { databaseName, usePostgresPerFile } from '../../tests/unit/testPostgres';

const pg = usePostgresPerFile();
const { cleanup } = pg;

const seatA: SeatRef = { consoleId: 'console-a', operator: 'duty', role: 'duty_officer', seat: 'A' };
const seatB: SeatRef = { consoleId: 'console-b', operator: 'duty2', role: 'duty_officer', seat: 'B' };
const ROUNDS = 40;
const UNIT = FIXTURE_UNITS[0]!;

/** Two gateways on a fresh database, seat A connected to the first and seat B to the second. */
async function twoGateways(name: string): Promise<[RecordingClient, RecordingClient]> {
  const database = await pg.server!.freshDatabase(databaseName(name));
  const { packDir, scenarioFile } = writeFixture(tempDir(), fixtureScenario(1, 3600));
  const start = async () => {
    const g = await startGateway({
      scenario: scenarioFile,
      pack: packDir,
      port: 0,
      speed: 1,
      tickMs: 50,
      database,
    });
    cleanup.push(() => g.close());
    return g;
  };
  const [ga, gb] = [await start(), await start()];
  const clients = [
    recordingClient(ga.url, { consoleId: seatA.consoleId }),
    recordingClient(gb.url, { consoleId: seatB.consoleId }),
  ];
  for (const c of clients) cleanup.push(() => c.close());
  await waitFor(() => clients.every((c) => c.socket.connected), 10_000, 'both seats connected');
  return clients as [RecordingClient, RecordingClient];
}

const send = (c: RecordingClient, commandId: string, kind: string, payload: unknown) =>
  c.socket
    .timeout(10_000)
    .emitWithAck(GatewayEvents.command, { commandId, kind, payload }) as Promise<CommandAck>;

/** What a seat's gateway sent it of one envelope type, as [seq, summary]. */
const seen = (c: RecordingClient, type: string, summary: (payload: never) => string) =>
  c.envelopes.filter((e) => e.type === type).map((e) => [e.seq, summary(e.payload as never)]);

describe('seat races across gateways on one PostgreSQL', () => {
  it(`claims: ${ROUNDS} rounds, one seat through each gateway at once, exactly one winner, the same owner everywhere`, async (t) => {
    if (!pg.server) return t.skip(pg.reason ?? undefined);
    const clients = await twoGateways('claims');
    const winners: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const alertId = `110-PG-RACE-${round}`;
      const acks = await Promise.all(
        [seatA, seatB].map((by, i) =>
          send(clients[i]!, `claim-${round}-${by.seat}`, 'alert.claim', { alertId, by }),
        ),
      );
      expect(
        acks.filter((a) => a.ok),
        `round ${round}: ${JSON.stringify(acks)}`,
      ).toHaveLength(1);
      const loser = acks.find((a) => !a.ok)!;
      const winner = acks[0]!.ok ? seatA : seatB;
      expect(loser.error).toContain(`already claimed by ${winner.operator} at ${winner.seat}`);
      winners.push(winner.consoleId);
    }
    const owners = (c: RecordingClient) =>
      seen(c, 'alert.owner', (p: { alertId: string; owner: SeatRef }) => `${p.alertId}=${p.owner.consoleId}`);
    await waitFor(
      () => clients.every((c) => owners(c).length >= ROUNDS),
      10_000,
      'owner envelopes on both seats',
    );
    // One owner envelope per alert, the winner's, in one seq order on both gateways.
    expect(owners(clients[0]).map(([, o]) => o)).toEqual(
      winners.map((w, round) => `110-PG-RACE-${round}=${w}`),
    );
    expect(owners(clients[0])).toEqual(owners(clients[1]));
  }, 120_000);

  it(`unit commitments: ${ROUNDS / 2} rounds of two seats committing one unit to their own alerts at once, exactly one winner`, async (t) => {
    if (!pg.server) return t.skip(pg.reason ?? undefined);
    const clients = await twoGateways('units');
    const rounds = ROUNDS / 2;
    const winners: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const acks = await Promise.all(
        [seatA, seatB].map((by, i) =>
          send(clients[i]!, `assign-${round}-${by.seat}`, 'unit.assign', {
            unitId: UNIT,
            alertId: `110-PG-UNIT-${round}-${by.seat}`,
            lng: 112.851,
            lat: 35.491,
            by,
          }),
        ),
      );
      expect(
        acks.filter((a) => a.ok),
        `round ${round}: ${JSON.stringify(acks)}`,
      ).toHaveLength(1);
      const winner = acks[0]!.ok ? seatA : seatB;
      expect(acks.find((a) => !a.ok)!.error).toContain(
        `is committed to alert 110-PG-UNIT-${round}-${winner.seat}`,
      );
      winners.push(winner.seat);
      // The unit is free again for the next round (its release goes through the log too).
      expect((await send(clients[round % 2]!, `recall-${round}`, 'unit.recall', { unitId: UNIT })).ok).toBe(
        true,
      );
    }
    const commitments = (c: RecordingClient) =>
      seen(c, 'unit.assignment', (p: UnitAssignmentPayload) => `${p.unitId}>${p.alertId ?? 'free'}`);
    await waitFor(
      () => clients.every((c) => commitments(c).length >= rounds * 2),
      10_000,
      'commitments on both seats',
    );
    expect(commitments(clients[0]).map(([, s]) => s)).toEqual(
      winners.flatMap((seat, round) => [`${UNIT}>110-PG-UNIT-${round}-${seat}`, `${UNIT}>free`]),
    );
    expect(commitments(clients[0])).toEqual(commitments(clients[1]));
  }, 120_000);
});
