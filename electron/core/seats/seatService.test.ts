/**
 * SeatService on a real SQLite file, the gateway stood in for by `send`: when a claim is sent and
 * what a refusal says, steps through the outbox, foreign unit commitments, takeover and handoff
 * (who may, what is audited), presence announcements.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { decodeFeedMessages } from '../feed/feedDecoder';
import { AuditLog } from '../audit/auditLog';
import { CommandOutbox } from '../outbox/commandOutbox';
import { SeatService } from './seatService';
import { alertReport, envelope, tempDir, TEST_AUDIT_KEY } from '../../../tests/unit/fixtures';
import type { OperatorInfo } from '../../../shared/contract/dispatchContract';
import type { ConsoleCommand } from '../../../shared/protocol/feed';
import type { SeatRef } from '../../../shared/protocol/seats';

const AT = '2026-12-06T10:00:00.000Z';
const ID = '110-20261120-0001';
const other: SeatRef = { consoleId: 'console-other', operator: 'duty2', role: 'duty_officer', seat: 'B' };
const duty: OperatorInfo = { username: 'duty', displayName: '值班员', role: 'duty_officer' };
const supervisor: OperatorInfo = { username: 'supervisor', displayName: '值班长', role: 'supervisor' };

describe('SeatService', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  let audit: AuditLog;
  let outbox: CommandOutbox;
  let seats: SeatService;
  let operator: OperatorInfo | null;
  let connected: boolean;
  let sent: ConsoleCommand[];
  /** What the gateway answers the next command (a function of it), or throws (unreachable). */
  let answer: (command: ConsoleCommand) => unknown;
  let seq = 0;
  const feed = (type: string, payload: unknown) =>
    repo.applyFeedBatch(
      decodeFeedMessages([envelope(++seq, type as never, payload)], {
        lastSeq: seq - 1,
        knownUnits: new Set(['U1']),
        knownCameras: new Set(),
        receivedAt: AT,
      }),
    );
  const ownedBy = (owner: SeatRef) =>
    feed('alert.owner', { alertId: ID, owner, previous: null, mode: 'claim', by: owner, at: AT });

  beforeEach(() => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    repo.meta.set('console.id', 'console-me');
    audit = new AuditLog(repo.db, { key: TEST_AUDIT_KEY });
    outbox = new CommandOutbox(repo.db);
    operator = duty;
    connected = true;
    sent = [];
    seq = 0;
    answer = (c) => ({ commandId: c.commandId, ok: true });
    seats = new SeatService({
      repository: repo,
      outbox,
      audit,
      operator: () => operator,
      send: (command) => {
        sent.push(command);
        try {
          return Promise.resolve(answer(command));
        } catch (err) {
          return Promise.reject(err as Error);
        }
      },
      connected: () => connected,
      consoleId: 'console-me',
      seatName: 'A',
    });
    feed('alert', alertReport());
  });
  afterEach(() => {
    repo.close();
    tmp.cleanup();
  });

  it('claims an unowned alert at the gateway as this seat, and passes on a refusal naming the winner', async () => {
    await seats.ensureClaim(ID);
    expect(sent.map((c) => [c.kind, c.payload])).toEqual([
      [
        'alert.claim',
        {
          alertId: ID,
          by: { consoleId: 'console-me', operator: 'duty', role: 'duty_officer', seat: 'A' },
          mode: 'claim',
        },
      ],
    ]);
    answer = (c) => ({
      commandId: c.commandId,
      ok: false,
      error: 'alert X is already claimed by duty2 at B',
    });
    await expect(seats.ensureClaim(ID)).rejects.toThrow('already claimed by duty2 at B');
  });

  it("refuses a step on another seat's alert without asking the gateway; its own alert needs no new claim", async () => {
    ownedBy(other);
    expect(seats.isForeign(ID)).toBe(true);
    await expect(seats.ensureClaim(ID)).rejects.toThrow(
      /handled by duty2 at B: a supervisor can take it over/,
    );
    ownedBy({ consoleId: 'console-me', operator: 'duty', role: 'duty_officer', seat: 'A' });
    expect(seats.isForeign(ID)).toBe(false);
    await seats.ensureClaim(ID);
    expect(sent).toEqual([]);
  });

  it('goes ahead offline or unanswered: the outbox carries the step, which claims on delivery', async () => {
    connected = false;
    await seats.ensureClaim(ID);
    expect(sent).toEqual([]);
    connected = true;
    answer = () => {
      throw new Error('timeout');
    };
    await seats.ensureClaim(ID);
    expect(sent).toHaveLength(1);
    seats.stepTaken(
      ID,
      { at: AT, from: 'received', to: 'acknowledged', operator: 'duty', action: 'acknowledge' } as never,
      ['U1'],
    );
    expect(outbox.recent().map((e) => [e.kind, e.payload])).toEqual([
      [
        'alert.step',
        expect.objectContaining({ alertId: ID, action: 'acknowledge', to: 'acknowledged', unitIds: ['U1'] }),
      ],
    ]);
  });

  it("names another seat's unit commitment and marks the assignment a reassignment, audited", () => {
    feed('unit.assignment', { unitId: 'U1', alertId: '110-ELSEWHERE', by: other, at: AT });
    expect(seats.foreignCommitment('U1', ID)).toBe(
      'unit U1 is committed to alert 110-ELSEWHERE by duty2 at B: reassign it to take it',
    );
    expect(seats.foreignCommitment('U1', '110-ELSEWHERE')).toBeNull();
    expect(seats.assignExtras('U1', ID)).toMatchObject({ reassign: true });
    seats.auditReassignment('duty', 'U1', ID);
    expect(audit.recent(1)[0]).toMatchObject({
      action: 'unit.reassigned',
      payload: { toAlert: ID, fromAlert: '110-ELSEWHERE', fromSeat: 'B', fromOperator: 'duty2' },
    });
    feed('unit.assignment', { unitId: 'U1', alertId: null, by: other, at: AT });
    expect(seats.assignExtras('U1', ID)).not.toHaveProperty('reassign');
  });

  it('lets a supervisor take over (audited, chain verifies), not a duty officer; a handoff needs a seat on duty', async () => {
    ownedBy(other);
    await expect(seats.reassignOwner(ID, 'takeover')).rejects.toThrow(
      /needs a supervisor; duty is duty_officer/,
    );
    operator = supervisor;
    answer = (c) => ({ commandId: c.commandId, ok: false, error: 'refused' });
    await expect(seats.reassignOwner(ID, 'takeover')).rejects.toThrow('refused');
    expect(audit.recent(5).filter((e) => e.action === 'alert.takenOver')).toEqual([]);
    answer = (c) => ({ commandId: c.commandId, ok: true });
    await seats.reassignOwner(ID, 'takeover', undefined, '交接');
    expect(sent.at(-1)).toMatchObject({
      kind: 'alert.claim',
      payload: { alertId: ID, mode: 'takeover', note: '交接' },
    });
    expect(audit.recent(1)[0]).toMatchObject({
      operator: 'supervisor',
      action: 'alert.takenOver',
      payload: { from: { consoleId: other.consoleId, seat: 'B' } },
    });
    await expect(seats.reassignOwner(ID, 'handoff', 'console-nobody')).rejects.toThrow(
      /no seat console-nobody on duty/,
    );
    feed('seat.presence', { seats: [{ ...other, since: AT }], at: AT });
    await seats.reassignOwner(ID, 'handoff', other.consoleId);
    expect(sent.at(-1)).toMatchObject({ payload: { mode: 'handoff', to: other } });
    expect(audit.verify().ok).toBe(true);
    connected = false;
    await expect(seats.reassignOwner(ID, 'takeover')).rejects.toThrow(/gateway is not connected/);
  });

  it('announces who is on duty at this seat, and nobody after sign-out', () => {
    seats.announce();
    operator = null;
    seats.announce();
    expect(sent.map((c) => [c.kind, c.payload])).toEqual([
      ['seat.presence', { seat: 'A', operator: 'duty', role: 'duty_officer' }],
      ['seat.presence', { seat: 'A', operator: null, role: null }],
    ]);
  });
});
