/**
 * The seats' state a console stores from protocol 2 envelopes (through the feed decoder, on a
 * real SQLite file): owners, unit commitments, other seats' steps, presence; idempotent by seq.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { ConsoleRepository } from './consoleRepository';
import { decodeFeedMessages } from '../feed/feedDecoder';
import { alertReport, envelope, tempDir } from '../../../tests/unit/fixtures';
import type { SeatRef } from '../../../shared/protocol/seats';

const AT = '2026-12-06T10:00:00.000Z';
const ID = '110-20261120-0001';
const me: SeatRef = { consoleId: 'console-me', operator: 'duty', role: 'duty_officer', seat: 'A' };
const other: SeatRef = { consoleId: 'console-other', operator: 'duty2', role: 'duty_officer', seat: 'B' };
const owner = (seq: number, to: SeatRef, mode = 'claim') =>
  envelope(seq, 'alert.owner', { alertId: ID, owner: to, previous: null, mode, by: to, at: AT });
const assignment = (seq: number, unitId: string, alertId: string | null, by: SeatRef) =>
  envelope(seq, 'unit.assignment', { unitId, alertId, by, at: AT });
const presence = (seq: number, seats: SeatRef[], gateway?: string) =>
  envelope(seq, 'seat.presence', {
    seats: seats.map((s) => ({ ...s, since: AT })),
    at: AT,
    ...(gateway ? { gateway } : {}),
  });
const third: SeatRef = { consoleId: 'console-third', operator: 'duty3', role: 'duty_officer', seat: 'C' };

describe('seat repository', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  /** Applies envelopes as one feed batch; seqs as given (the decoder only checks they are new). */
  const feed = (messages: unknown[]) =>
    repo.applyFeedBatch(
      decodeFeedMessages(messages, {
        lastSeq: 0,
        knownUnits: new Set(['U1', 'U2']),
        knownCameras: new Set(),
        receivedAt: AT,
      }),
    );
  beforeEach(() => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    repo.meta.set('console.id', me.consoleId);
  });
  afterEach(() => {
    repo.close();
    tmp.cleanup();
  });

  it('keeps the owner of the highest seq: a resend or a late older envelope changes nothing', () => {
    feed([envelope(1, 'alert', alertReport()), owner(2, other)]);
    expect(repo.seats.owner(ID)).toMatchObject({ consoleId: other.consoleId, seat: 'B', mine: false });
    expect(feed([owner(2, me)]).seats.alertIds).toEqual([]);
    expect(repo.seats.owner(ID)?.mine).toBe(false);
    expect(feed([owner(5, me, 'handoff')]).seats.alertIds).toEqual([ID]);
    expect(repo.seats.owner(ID)).toMatchObject({ operator: 'duty', seat: 'A', mine: true });
    feed([owner(4, other)]);
    expect(repo.seats.owner(ID)?.mine).toBe(true);
    expect(repo.seats.owner('110-UNKNOWN')).toBeNull();
  });

  it('commits and releases units by seq: an older release does not free a newer commitment', () => {
    feed([assignment(1, 'U1', ID, other), assignment(2, 'U2', ID, me)]);
    expect(repo.seats.commitment('U1')).toMatchObject({ alertId: ID, seat: 'B', mine: false });
    expect([...repo.seats.commitments().keys()].sort()).toEqual(['U1', 'U2']);
    // Reassigned to this seat at seq 4; a release from seq 3 arriving late must not free it.
    feed([assignment(4, 'U1', '110-OTHER', me)]);
    expect(feed([assignment(3, 'U1', null, other)]).seats.unitIds).toEqual([]);
    expect(repo.seats.commitment('U1')).toMatchObject({ alertId: '110-OTHER', mine: true });
    expect(feed([assignment(6, 'U1', null, me)]).seats.unitIds).toEqual(['U1']);
    expect(repo.seats.commitment('U1')).toBeNull();
  });

  it("mirrors another seat's step onto the stored alert, and leaves this seat's echoed steps alone", () => {
    feed([envelope(1, 'alert', alertReport())]);
    const step = (seq: number, by: SeatRef, to: string) =>
      envelope(seq, 'alert.step', {
        alertId: ID,
        by,
        action: to,
        from: 'received',
        to,
        at: AT,
        unitIds: ['U1'],
      });
    expect(feed([step(2, me, 'acknowledged')]).seats.alertIds).toEqual([]);
    expect(repo.alerts.get(ID)?.status).toBe('received');
    expect(feed([step(3, other, 'dispatched')]).seats.alertIds).toEqual([ID]);
    expect(repo.alerts.get(ID)?.status).toBe('dispatched');
    const events = repo.db
      .prepare<[string], { to_status: string; operator: string; data: string }>(
        "SELECT to_status, operator, data FROM alert_events WHERE alert_id = ? AND operator != 'system:feed'",
      )
      .all(ID);
    expect(events.map((e) => [e.to_status, e.operator, JSON.parse(e.data) as unknown])).toEqual([
      ['dispatched', 'duty2', { seat: 'B', consoleId: other.consoleId, remote: true }],
    ]);
    // A step on an alert this console has not stored is not invented.
    const unknown = step(4, other, 'dispatched');
    unknown.payload = { ...(unknown.payload as object), alertId: '110-UNKNOWN' };
    expect(feed([unknown]).seats.alertIds).toEqual([]);
    expect(repo.alerts.get('110-UNKNOWN')).toBeNull();
  });

  it('lists the seats on duty from the newest presence, marking this one', () => {
    expect(repo.seats.onDuty()).toEqual([]);
    expect(feed([presence(3, [me, other])]).seats.presence).toBe(true);
    expect(repo.seats.onDuty().map((s) => [s.seat, s.mine])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    expect(feed([presence(2, [other])]).seats.presence).toBe(false);
    expect(repo.seats.onDuty()).toHaveLength(2);
    feed([presence(7, [other])]);
    expect(repo.seats.onDuty().map((s) => s.seat)).toEqual(['B']);
  });

  it("merges the latest list of each gateway; an empty list removes only that gateway's seats", () => {
    feed([presence(3, [me], 'g1'), presence(4, [other], 'g2')]);
    expect(repo.seats.onDuty().map((s) => [s.seat, s.mine])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    // g1's newer list replaces g1's only; an older g2 list (a resend) changes nothing.
    expect(feed([presence(5, [me, third], 'g1')]).seats.presence).toBe(true);
    expect(feed([presence(2, [], 'g2')]).seats.presence).toBe(false);
    expect(repo.seats.onDuty().map((s) => s.seat)).toEqual(['A', 'B', 'C']);
    // g2 went away (its list emptied by a surviving gateway): its seat goes, g1's stay.
    feed([presence(8, [], 'g2')]);
    expect(repo.seats.onDuty().map((s) => s.seat)).toEqual(['A', 'C']);
    // A later resend of g2's older list stays out.
    feed([presence(6, [other], 'g2')]);
    expect(repo.seats.onDuty().map((s) => s.seat)).toEqual(['A', 'C']);
  });

  it("reads a presence list stored by an older console as the single gateway's", () => {
    repo.meta.set('seats.presence', JSON.stringify({ seats: [{ ...other, since: AT }] }));
    repo.meta.set('seats.presence.seq', '4');
    expect(repo.seats.onDuty().map((s) => s.seat)).toEqual(['B']);
    feed([presence(3, [])]);
    expect(repo.seats.onDuty().map((s) => s.seat)).toEqual(['B']);
    feed([presence(9, [me], 'g1')]);
    expect(repo.seats.onDuty().map((s) => s.seat)).toEqual(['A', 'B']);
    feed([presence(10, [])]);
    expect(repo.seats.onDuty().map((s) => s.seat)).toEqual(['A']);
  });
});
