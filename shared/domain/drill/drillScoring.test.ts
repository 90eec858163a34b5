import { describe, expect, it } from 'vitest';
import { scoreDrill, timingCredit, type DrillAlertInput } from './drillScoring';

const T0 = '2026-11-20T12:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

function alert(id: string, priority: number, overrides: Partial<DrillAlertInput> = {}): DrillAlertInput {
  return {
    id,
    priority,
    source: '110',
    category: 'robbery',
    receivedAt: T0,
    status: 'received',
    steps: [{ at: T0, toStatus: 'received', action: null, operator: 'system:feed' }],
    dispatches: [],
    ...overrides,
  };
}

const perfect = alert('A1', 1, {
  steps: [
    { at: T0, toStatus: 'received', action: null, operator: 'system:feed' },
    { at: at(10), toStatus: 'acknowledged', action: 'acknowledge', operator: 'duty' },
    { at: at(40), toStatus: 'dispatched', action: 'dispatch', operator: 'duty' },
    { at: at(200), toStatus: 'on_scene', action: 'arrive', operator: 'system:avl' },
  ],
  dispatches: [
    {
      unitId: 'U05',
      dispatchedAt: at(40),
      arrivedAt: at(200),
      responseSeconds: 200,
      tierTargetSeconds: 300,
      tierMet: true,
    },
  ],
});
const slow = alert('A2', 3, {
  steps: [
    { at: T0, toStatus: 'received', action: null, operator: 'system:feed' },
    { at: at(90), toStatus: 'acknowledged', action: 'acknowledge', operator: 'duty' },
    { at: at(600), toStatus: 'dispatched', action: 'dispatch', operator: 'duty' },
  ],
  dispatches: [
    {
      unitId: 'U09',
      dispatchedAt: at(600),
      arrivedAt: at(1200),
      responseSeconds: 1200,
      tierTargetSeconds: 600,
      tierMet: false,
    },
  ],
});
const ignored = alert('A3', 2);

describe('drill scoring', () => {
  it('gives full marks within target, partial credit up to 3× target, nothing beyond', () => {
    expect(timingCredit(10, 15)).toBe(1);
    expect(timingCredit(30, 15)).toBe(0.5);
    expect(timingCredit(45, 15)).toBe(0);
    expect(timingCredit(null, 15)).toBe(0);
  });

  it('scores each alert from acknowledge, dispatch and response, and lists missed steps', () => {
    const r = scoreDrill([slow, ignored, perfect], at(1800));
    const byId = Object.fromEntries(r.alerts.map((a) => [a.alertId, a]));
    expect(byId.A1).toMatchObject({
      ackSeconds: 10,
      dispatchSeconds: 40,
      responseSeconds: 200,
      tierMet: true,
      unitId: 'U05',
      missed: [],
      score: 100,
    });
    // ack 90 s vs 60 → 0.75 × 20 = 15; dispatch 600 vs 300 → 0.5 × 40 = 20; response 600/1200 × 40 = 20.
    expect(byId.A2).toMatchObject({
      ackSeconds: 90,
      dispatchSeconds: 600,
      tierMet: false,
      missed: [],
      score: 55,
    });
    expect(byId.A3).toMatchObject({
      ackSeconds: null,
      dispatchSeconds: null,
      missed: ['acknowledge', 'dispatch'],
      score: 0,
    });
    // Weighted by priority: (4 × 100 + 2 × 55 + 3 × 0) / 9.
    expect(r.score).toBe(56.7);
    expect(r.totals).toEqual({
      alerts: 3,
      acknowledged: 2,
      dispatched: 2,
      arrived: 2,
      tiersJudged: 2,
      tiersMet: 1,
      missedSteps: 2,
    });
  });

  it('does not count a step as missed before its window has run out', () => {
    const r = scoreDrill([ignored], at(20));
    expect(r.alerts[0]!.missed).toEqual([]);
  });

  it('credits handling without a unit (transfer, merge, resolve by phone) as the dispatch step', () => {
    const transferred = alert('B1', 4, {
      steps: [
        { at: T0, toStatus: 'received', action: null, operator: 'system:feed' },
        { at: at(60), toStatus: 'transferred', action: 'transfer', operator: 'duty' },
      ],
    });
    const r = scoreDrill([transferred], at(3600));
    expect(r.alerts[0]).toMatchObject({
      ackSeconds: 60,
      dispatchSeconds: 60,
      handledWithoutDispatch: true,
      missed: [],
      score: 100,
    });
    expect(r.totals.dispatched).toBe(0);
  });

  it('is deterministic: the same input gives the same report, whatever the input order', () => {
    const a = scoreDrill([perfect, slow, ignored], at(1800));
    const b = scoreDrill([ignored, perfect, slow], at(1800));
    expect(b).toEqual(a);
    expect(JSON.stringify(scoreDrill([perfect, slow, ignored], at(1800)))).toBe(JSON.stringify(a));
    expect(scoreDrill([], at(0)).score).toBeNull();
  });
});
