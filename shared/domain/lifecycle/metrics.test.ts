import { describe, expect, it } from 'vitest';
import { isTransferOverdue, responseTimeSeconds, transferSlackSeconds } from './metrics';
import type { TransferInfo } from './lifecycleTypes';

const receivedAt = '2026-11-20T19:00:00+08:00';

describe('response time', () => {
  it('measures receipt to first arrival', () => {
    expect(responseTimeSeconds({ receivedAt, firstArrivalAt: null })).toBeNull();
    expect(responseTimeSeconds({ receivedAt, firstArrivalAt: '2026-11-20T11:02:30Z' })).toBe(150);
  });
});

describe('12345 hand-over deadlines', () => {
  const transfer: TransferInfo = {
    target: '12345',
    department: '12345热线',
    dueAt: '2026-11-21T19:00:00+08:00',
    at: receivedAt,
  };

  it('is overdue only while transferred and past due', () => {
    expect(isTransferOverdue({ status: 'transferred', transfer }, '2026-11-21T18:59:59+08:00')).toBe(false);
    expect(isTransferOverdue({ status: 'transferred', transfer }, '2026-11-21T19:00:01+08:00')).toBe(true);
    expect(isTransferOverdue({ status: 'closed', transfer }, '2026-11-25T00:00:00+08:00')).toBe(false);
    expect(isTransferOverdue({ status: 'transferred', transfer: null }, '2026-11-25T00:00:00+08:00')).toBe(
      false,
    );
  });

  it('reports the slack', () => {
    expect(transferSlackSeconds({ status: 'transferred', transfer }, '2026-11-21T20:00:00+08:00')).toBe(3600);
    expect(transferSlackSeconds({ status: 'transferred', transfer }, '2026-11-21T18:00:00+08:00')).toBe(
      -3600,
    );
    expect(transferSlackSeconds({ status: 'acknowledged', transfer: null }, receivedAt)).toBeNull();
  });
});
