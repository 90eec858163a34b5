/** The fixed statistics fixture (test helper). */
import { dispatchHarness } from './dispatchHarness';
import { alertReport } from './fixtures';
import { evaluateTier, parseTierConfig, type ResponseTierConfig } from '../../node/routing';
import { localDate } from '../../electron/core/stats/period';

/** A non-default tiers.json: targets by priority (the default gives any patrol car 180 s). */
export const BY_PRIORITY = parseTierConfig({
  version: 1,
  rules: [
    { id: 'p1-1min', priorities: [1], targetSeconds: 60 },
    { id: 'p2-3min', priorities: [2], targetSeconds: 180 },
    { id: 'p3-5min', priorities: [3], targetSeconds: 300 },
  ],
  fallbackSeconds: null,
});

export const T0 = Date.parse('2026-11-20T09:00:00.000Z');
export const at = (s: number) => new Date(T0 + s * 1000).toISOString();
export const DAY = localDate(new Date(T0));

/** Ten alerts on one day (and one the day before) through the real dispatch service; figures in statsService.test.ts. */
export async function statsFixture() {
  const tiers: { config: ResponseTierConfig } = { config: BY_PRIORITY };
  const h = await dispatchHarness({
    alerts: [alertReport({ id: 'OLD', priority: 3 })],
    receivedAt: new Date(T0 - 86_400_000).toISOString(),
    clock: T0,
    tierFor: (unit, alert) => evaluateTier(tiers.config, unit, alert, null),
  });
  const alerts: [string, Partial<Parameters<typeof alertReport>[0]>][] = [
    ['A1', { priority: 1 }],
    ['A2', { priority: 1 }],
    ['A3', { priority: 2 }],
    ['A4', { priority: 3 }],
    ['A5', { priority: 1 }],
    ['A6', { priority: 2 }],
    ['A7', { source: '12345', category: 'complaint', priority: 4 }],
    ['A8', { source: '12345', category: 'complaint', priority: 4 }],
    ['A9', { source: '12345', category: 'consultation', priority: 4 }],
    ['A10', { priority: 1 }],
  ];
  // Alert i is received at T0 + i·1000 s.
  alerts.forEach(([id, o], i) => h.feed('alert', [alertReport({ id, ...o })], at(i * 1000)));
  const step = async (s: number, id: string, action: Parameters<typeof h.service.act>[1]) => {
    h.clock.now = T0 + s * 1000;
    h.service.act(id, action);
  };
  const base = (id: string) => alerts.findIndex(([a]) => a === id) * 1000;
  // A1: p1 (60 s), on scene after 50 s: met; resolved 600 s after arrival.
  await step(base('A1') + 10, 'A1', { type: 'dispatch', unitIds: ['U01'] });
  await step(base('A1') + 50, 'A1', { type: 'arrive', unitId: 'U01' });
  await step(base('A1') + 650, 'A1', { type: 'resolve', result: 'ok' });
  // A2: p1 (60 s), 100 s: missed (the default table's 180 s would call it met).
  await step(base('A2') + 10, 'A2', { type: 'dispatch', unitIds: ['U02'] });
  await step(base('A2') + 100, 'A2', { type: 'arrive', unitId: 'U02' });
  // A3: p2 (180 s), 170 s: met; a reinforcement arriving later changes nothing; resolved 1200 s after.
  await step(base('A3') + 5, 'A3', { type: 'dispatch', unitIds: ['U03'] });
  await step(base('A3') + 170, 'A3', { type: 'arrive', unitId: 'U03' });
  await step(base('A3') + 180, 'A3', { type: 'dispatch', unitIds: ['U01'] });
  h.status({ unitId: 'U01', status: 'on_scene', alertId: 'A3', at: at(base('A3') + 500) });
  await step(base('A3') + 1370, 'A3', { type: 'resolve', result: 'ok' });
  h.feed('unit.status', [{ unitId: 'U01', status: 'available', at: at(base('A3') + 1400) }]);
  // A4: p3 (300 s), 400 s: missed every tier.
  await step(base('A4') + 20, 'A4', { type: 'dispatch', unitIds: ['U02'] });
  await step(base('A4') + 400, 'A4', { type: 'arrive', unitId: 'U02' });
  // A5: dispatched, then cancelled: not judged, not an incident.
  await step(base('A5') + 10, 'A5', { type: 'dispatch', unitIds: ['U03'] });
  await step(base('A5') + 30, 'A5', { type: 'cancel', reason: 'caller withdrew' });
  // A6: p2 (180 s), sent, nobody on scene yet long after: missed (unreached).
  await step(base('A6') + 10, 'A6', { type: 'dispatch', unitIds: ['U01'] });
  // A7: handed to a department, due 1 h later, no feedback: overdue. A8: closed before its due time.
  await step(base('A7') + 60, 'A7', {
    type: 'transfer',
    target: 'department',
    department: '城管',
    dueAt: at(base('A7') + 3600),
  });
  await step(base('A8') + 60, 'A8', {
    type: 'transfer',
    target: 'department',
    department: '城管',
    dueAt: at(base('A8') + 3600),
  });
  await step(base('A8') + 1800, 'A8', { type: 'close', feedback: 'done' });
  // A9: answered by phone.
  await step(base('A9') + 30, 'A9', { type: 'acknowledge' });
  await step(base('A9') + 90, 'A9', { type: 'resolve', result: 'explained' });
  // A10: a duplicate of A2.
  await step(base('A10') + 20, 'A10', { type: 'merge', intoAlertId: 'A2' });
  return { h, tiers };
}
