/**
 * The gateway's seat presence: its own list (tagged with its id when several gateways share a
 * database, untagged for the single gateway of a file log), and what it reads of the log's lists.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayEvents, type CommandAck } from '../../shared/protocol/feed';
import { SeatPresence } from './seatPresence';
import { FeedLog } from './feedLog';
import { startGateway } from '../server';
import {
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
} from '../../tests/unit/gatewayFixtures';

const AT = '2026-12-06T10:00:00.000Z';
const duty = { seat: 'A', operator: 'duty', role: 'duty_officer' };
const list = (seats: string[], gateway?: string) => ({
  type: 'seat.presence',
  payload: { seats: seats.map((seat) => ({ seat })), at: AT, ...(gateway ? { gateway } : {}) },
});

describe('SeatPresence', () => {
  it("tags its lists with its gateway id, or not at all for a file log's single gateway", () => {
    const tagged = new SeatPresence(() => AT, 'g1');
    expect(tagged.update('s1', 'c1', duty)[0]!.payload).toMatchObject({ gateway: 'g1', seats: [duty] });
    const single = new SeatPresence(() => AT);
    expect(single.update('s1', 'c1', duty)[0]!.payload).not.toHaveProperty('gateway');
    expect(single.emptied('')).toEqual({ type: 'seat.presence', payload: { seats: [], at: AT } });
    expect(single.emptied('g2').payload).toEqual({ seats: [], at: AT, gateway: 'g2' });
  });

  it('reads which gateways the log still lists seats for, the latest list of each counting', () => {
    const p = new SeatPresence(() => AT, 'me');
    p.observe([
      list(['A']),
      list(['B'], 'g1'),
      list(['C'], 'g2'),
      list([], 'g2'),
      { type: 'alert', payload: {} },
    ]);
    expect(p.listing()).toEqual(['', 'g1']);
    expect(p.ownListStale).toBe(false);
    // Signed in here but the log's own list is empty (emptied while unreachable): stale.
    p.update('s1', 'c1', duty);
    expect(p.ownListStale).toBe(true);
    p.observe([list(['A'], 'me')]);
    expect(p.ownListStale).toBe(false);
  });

  it("lists every seat on the queue: its own connections as they are, the others' latest lists", () => {
    const p = new SeatPresence(() => AT, 'me');
    p.update('s1', 'c1', { ...duty, seat: 'M' });
    // The log's own list lags behind the connections: the connections count.
    p.observe([list(['OLD'], 'me'), list(['B'], 'g1'), list(['C'], 'g2'), list([], 'g2'), list(['Z'], 'g3')]);
    expect(p.allSeats().map((s) => [s.seat, s.gateway])).toEqual([
      ['B', 'g1'],
      ['M', 'me'],
      ['Z', 'g3'],
    ]);
  });
});

describe('presence on a file log (one gateway)', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('a restart empties every list the log held; its own lists are untagged as before', async () => {
    const dir = tempDir();
    const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(1, 3600));
    const options = { scenario: scenarioFile, pack: packDir, port: 0, stateDir: dir, fsync: false };
    await (await startGateway(options)).close();
    // The log of an earlier run: its own (untagged) list, and one tagged list from elsewhere.
    const before = new FeedLog(dir, false);
    before.append({ messages: [list(['A']), list(['B'], 'g-old')], sentAt: AT });
    before.close();
    const gateway = await startGateway(options);
    cleanup.push(() => gateway.close());
    const c = recordingClient(gateway.url, { consoleId: 'console-a' });
    cleanup.push(() => c.close());
    await waitFor(() => c.socket.connected, 10_000, 'connected');
    const lists = () => c.envelopes.filter((e) => e.type === 'seat.presence').map((e) => e.payload);
    expect(lists()).toEqual([
      { seats: [], at: expect.any(String) as unknown },
      { seats: [], at: expect.any(String) as unknown, gateway: 'g-old' },
    ]);
    const ack = (await c.socket.timeout(10_000).emitWithAck(GatewayEvents.command, {
      commandId: 'presence-a',
      kind: 'seat.presence',
      payload: duty,
    })) as CommandAck;
    expect(ack.ok).toBe(true);
    await waitFor(() => lists().length === 3, 10_000, 'the new list');
    expect(lists()[2]).toEqual({
      seats: [{ ...duty, consoleId: 'console-a', since: expect.any(String) as unknown }],
      at: expect.any(String) as unknown,
    });
  }, 60_000);
});
