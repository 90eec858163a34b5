/**
 * The presence check across gateways, driven explicitly (no database, no timers waited on): which
 * lists it empties, when it re-publishes its own, and what closing appends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppendRequest } from '../feed/feedLog';
import { SeatPresence } from '../feed/seatPresence';
import { watchPresence, type GatewayLiveness } from './gatewayLiveness';

const AT = '2026-12-06T10:00:00.000Z';
const list = (seats: string[], gateway?: string) => ({
  type: 'seat.presence',
  payload: { seats: seats.map((seat) => ({ seat })), at: AT, ...(gateway ? { gateway } : {}) },
});

function setup(alive: string[]) {
  const calls: string[] = [];
  const liveness = {
    id: 'me',
    windowMs: 60_000,
    renew: () => Promise.resolve(void calls.push('renew')),
    alive: () => Promise.resolve(new Set(alive)),
    leave: () => Promise.resolve(void calls.push('leave')),
  } as unknown as GatewayLiveness;
  const presence = new SeatPresence(() => AT, 'me');
  const appended: AppendRequest[] = [];
  const watch = watchPresence({
    liveness,
    presence,
    append: (request) => {
      appended.push(request);
      presence.observe(request.messages);
      return Promise.resolve();
    },
    now: () => Date.parse(AT),
  });
  stops.push(() => watch.stop());
  return { watch, presence, appended, calls, alive };
}
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('watchPresence', () => {
  it('empties the lists of gateways no longer alive, once, and leaves the living ones', async () => {
    const { watch, presence, appended, calls } = setup(['me', 'g-alive']);
    presence.observe([list(['A'], 'g-alive'), list(['B'], 'g-dead'), list(['C']), list([], 'g-empty')]);
    await watch.check();
    expect(calls).toEqual(['renew']);
    expect(appended.map((r) => r.messages.map((m) => m.payload))).toEqual([
      [
        { seats: [], at: AT, gateway: 'g-dead' },
        { seats: [], at: AT },
      ],
    ]);
    await watch.check();
    expect(appended).toHaveLength(1);
    expect(presence.listing()).toEqual(['g-alive']);
  });

  it("publishes its own list again when the log's differs (emptied while it was cut off)", async () => {
    const { watch, presence, appended } = setup(['me']);
    presence.update('s1', 'c1', { seat: 'A', operator: 'duty', role: 'duty_officer' });
    presence.observe([list([], 'me')]);
    await watch.check();
    expect(appended.at(-1)!.messages).toEqual([presence.snapshot()]);
    await watch.check();
    expect(appended).toHaveLength(1);
  });

  it('closing empties its own list and leaves', async () => {
    const { watch, appended, calls } = setup(['me']);
    stops.pop();
    await watch.stop();
    expect(appended.map((r) => r.messages)).toEqual([[list([], 'me')]]);
    expect(calls).toEqual(['leave']);
  });
});
