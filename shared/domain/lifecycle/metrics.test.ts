import { describe, expect, it } from 'vitest';
import { assessTier, isTransferOverdue, responseTimeSeconds, tierReached, transferSlackSeconds } from './metrics';
import type { TransferInfo } from './stateMachine';

const receivedAt = '2026-11-20T19:00:00+08:00';

describe('response time and the 1-3-5 tiers', () => {
  it('measures receipt to first arrival', () => {
    expect(responseTimeSeconds({ receivedAt, firstArrivalAt: null })).toBeNull();
    expect(responseTimeSeconds({ receivedAt, firstArrivalAt: '2026-11-20T11:02:30Z' })).toBe(150);
  });

  it('decides the tier against a given target, early when the target has already passed', () => {
    const arrived = { receivedAt, firstArrivalAt: '2026-11-20T19:02:30+08:00' };
    expect(assessTier(arrived, 180)).toEqual({ targetSeconds: 180, responseSeconds: 150, met: true });
    expect(assessTier(arrived, 60)).toEqual({ targetSeconds: 60, responseSeconds: 150, met: false });
    expect(assessTier({ receivedAt, firstArrivalAt: '2026-11-20T19:03:00+08:00' }, 180).met).toBe(true); // exactly on target
    const waiting = { receivedAt, firstArrivalAt: null };
    expect(assessTier(waiting, 300).met).toBeNull();
    expect(assessTier(waiting, 300, '2026-11-20T19:04:00+08:00').met).toBeNull();
    expect(assessTier(waiting, 300, '2026-11-20T19:05:01+08:00')).toEqual({ targetSeconds: 300, responseSeconds: null, met: false });
    expect(() => assessTier(waiting, 0)).toThrow(RangeError);
  });

  it('names the best tier reached', () => {
    expect(tierReached(45)).toBe(60);
    expect(tierReached(150)).toBe(180);
    expect(tierReached(300)).toBe(300);
    expect(tierReached(301)).toBeNull();
    expect(tierReached(400, [600, 300])).toBe(600);
  });
});

describe('12345 hand-over deadlines', () => {
  const transfer: TransferInfo = { target: '12345', department: '12345热线', dueAt: '2026-11-21T19:00:00+08:00', at: receivedAt };

  it('is overdue only while transferred and past due', () => {
    expect(isTransferOverdue({ status: 'transferred', transfer }, '2026-11-21T18:59:59+08:00')).toBe(false);
    expect(isTransferOverdue({ status: 'transferred', transfer }, '2026-11-21T19:00:01+08:00')).toBe(true);
    expect(isTransferOverdue({ status: 'closed', transfer }, '2026-11-25T00:00:00+08:00')).toBe(false);
    expect(isTransferOverdue({ status: 'transferred', transfer: null }, '2026-11-25T00:00:00+08:00')).toBe(false);
  });

  it('reports the slack', () => {
    expect(transferSlackSeconds({ status: 'transferred', transfer }, '2026-11-21T20:00:00+08:00')).toBe(3600);
    expect(transferSlackSeconds({ status: 'transferred', transfer }, '2026-11-21T18:00:00+08:00')).toBe(-3600);
    expect(transferSlackSeconds({ status: 'acknowledged', transfer: null }, receivedAt)).toBeNull();
  });
});
