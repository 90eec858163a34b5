/**
 * Seat commands on a shared log, without a database: a fake store that lets "another gateway"
 * append just before this one's decision lands, and refuses a guarded append the way
 * feed_append does (gateway/pg/schema.ts). A stale decision is made again on the newer log.
 */
import { describe, expect, it } from 'vitest';
import { FeedLog, type AppendRequest, type LogBatch } from './feedLog';
import type { AppendResult, LogStore } from './logStore';
import { SeatArbiter } from './seatArbiter';
import { commandSeatKeys, envelopeSeatKeys } from './seatKeys';
import { sharedCommands } from './sharedFeed';
import type { DispatchSimulator } from '../simulation/dispatchSimulator';
import type { SeatRef } from '../../shared/protocol/seats';

const AT = '2026-12-06T10:00:00.000Z';
const seatA: SeatRef = { consoleId: 'console-a', operator: 'duty', role: 'duty_officer', seat: 'A' };
const seatB: SeatRef = { consoleId: 'console-b', operator: 'duty2', role: 'duty_officer', seat: 'B' };

/** A shared log whose next append is preceded by `interleave` (another gateway's line). */
class RacingStore extends FeedLog {
  readonly kind = 'postgres' as const;
  readonly logId = 'fake';
  readonly listeners: ((batch: LogBatch) => void)[] = [];
  interleave: AppendRequest | null = null;
  appends = 0;

  constructor() {
    super(null, false);
  }
  onBatch(listener: (batch: LogBatch) => void): void {
    this.listeners.push(listener);
  }
  refresh(): Promise<void> {
    return Promise.resolve();
  }
  override close(): Promise<void> {
    return Promise.resolve();
  }
  private write(request: AppendRequest): void {
    const entries = super.append(request);
    for (const l of this.listeners)
      l({ entries, ...(request.commands ? { commands: [...request.commands] } : {}) });
  }
  // @ts-expect-error: the LogStore's append is asynchronous, the FeedLog's is not
  override append(request: AppendRequest): Promise<AppendResult> {
    this.appends++;
    const other = this.interleave;
    this.interleave = null;
    if (other) this.write(other);
    const { guard } = request;
    if (guard) {
      const changed = this.since(guard.seq).some((e) =>
        envelopeSeatKeys(e.type, e.payload).some((k) => guard.keys.includes(k)),
      );
      if (changed) return Promise.resolve({ entries: [], stale: true });
    }
    this.write(request);
    return Promise.resolve({ entries: [] });
  }
}

function gateway() {
  const store = new RacingStore();
  const arbiter = new SeatArbiter();
  store.onBatch((batch) => arbiter.observe(batch.entries));
  const run = sharedCommands(store as unknown as LogStore, {
    unitIds: new Set(['U1']),
    now: () => Date.parse(AT),
    dispatch: { statusOf: () => 'available', apply: () => {} } as unknown as DispatchSimulator,
    scenarioTime: () => 0,
  });
  const claim = (commandId: string, by: SeatRef, alertId: string) =>
    run({ commandId, kind: 'alert.claim', payload: { alertId, by } }, { arbiter, consoleId: by.consoleId });
  const owner = (alertId: string, by: SeatRef): AppendRequest => ({
    messages: [
      { type: 'alert.owner', payload: { alertId, owner: by, previous: null, mode: 'claim', by, at: AT } },
    ],
    sentAt: AT,
  });
  return { store, arbiter, claim, owner };
}

describe('seat commands on a shared log', () => {
  it('decides again when another gateway claimed the alert meanwhile: the first in log order wins', async () => {
    const g = gateway();
    g.store.interleave = g.owner('X', seatA);
    const ack = await g.claim('claim-seat-b', seatB, 'X');
    expect(ack).toEqual({
      commandId: 'claim-seat-b',
      ok: false,
      error: 'alert X is already claimed by duty at A',
    });
    expect(g.store.appends).toBe(2);
    expect(g.store.since(0).filter((e) => e.type === 'alert.owner')).toHaveLength(1);
    expect(g.arbiter.ownerOf('X')?.consoleId).toBe(seatA.consoleId);
    expect(g.store.commandAck('claim-seat-b')).toEqual(ack);
  });

  it('is not disturbed by appends about other alerts or units', async () => {
    const g = gateway();
    g.store.interleave = g.owner('Y', seatA);
    expect(await g.claim('claim-seat-b', seatB, 'X')).toEqual({ commandId: 'claim-seat-b', ok: true });
    expect(g.store.appends).toBe(1);
    expect(g.arbiter.ownerOf('X')?.consoleId).toBe(seatB.consoleId);
  });

  it('names what each decision reads and each envelope changes', () => {
    expect(commandSeatKeys('unit.assign', { unitId: 'U1', alertId: 'X' })).toEqual(['alert:X', 'unit:U1']);
    expect(commandSeatKeys('unit.recall', { unitId: 'U1' })).toEqual(['unit:U1']);
    expect(commandSeatKeys('camera.ptz', { cameraId: 'C' })).toEqual([]);
    expect(
      envelopeSeatKeys('unit.assignment', { unitId: 'U1', alertId: 'Y', reassignedFrom: { alertId: 'X' } }),
    ).toEqual(['unit:U1', 'alert:Y', 'alert:X']);
    expect(envelopeSeatKeys('unit.assignment', { unitId: 'U1', alertId: null })).toEqual(['unit:U1']);
    expect(envelopeSeatKeys('unit.position', { unitId: 'U1' })).toEqual([]);
  });
});
