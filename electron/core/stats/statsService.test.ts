/**
 * KPI figures on a fixed fixture, written through the real dispatch service (so the summary is
 * kept by the triggers exactly as in service), against values computed by hand below.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchHarness } from '../dispatch/testHarness';
import { alertReport } from '../../../tests/unit/fixtures';
import { DEFAULT_TIER_CONFIG, evaluateTier, parseTierConfig, type ResponseTierConfig } from '../routing/index';
import { StatsService } from './statsService';
import { localDate } from './period';
import { migrate } from '../db/database';
import { MIGRATIONS } from '../db/migrations';

/** A non-default tiers.json: targets by priority (the default gives any patrol car 180 s). */
const BY_PRIORITY = parseTierConfig({
  version: 1,
  rules: [
    { id: 'p1-1min', priorities: [1], targetSeconds: 60 },
    { id: 'p2-3min', priorities: [2], targetSeconds: 180 },
    { id: 'p3-5min', priorities: [3], targetSeconds: 300 },
  ],
  fallbackSeconds: null,
});

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const DAY = localDate(new Date(T0));

let close: (() => void) | null = null;
afterEach(() => {
  close?.();
  close = null;
});

async function fixture() {
  const tiers: { config: ResponseTierConfig } = { config: BY_PRIORITY };
  const h = await dispatchHarness({
    alerts: [alertReport({ id: 'OLD', priority: 3 })],
    receivedAt: new Date(T0 - 86_400_000).toISOString(),
    clock: T0,
    tierFor: (unit, alert) => evaluateTier(tiers.config, unit, alert, null),
  });
  close = h.close;
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
  await step(base('A7') + 60, 'A7', { type: 'transfer', target: 'department', department: '城管', dueAt: at(base('A7') + 3600) });
  await step(base('A8') + 60, 'A8', { type: 'transfer', target: 'department', department: '城管', dueAt: at(base('A8') + 3600) });
  await step(base('A8') + 1800, 'A8', { type: 'close', feedback: 'done' });
  // A9: answered by phone.
  await step(base('A9') + 30, 'A9', { type: 'acknowledge' });
  await step(base('A9') + 90, 'A9', { type: 'resolve', result: 'explained' });
  // A10: a duplicate of A2.
  await step(base('A10') + 20, 'A10', { type: 'merge', intoAlertId: 'A2' });
  return { h, tiers };
}

describe('statistics service', () => {
  it('KPI figures equal the hand-computed ones', async () => {
    const { h } = await fixture();
    const stats = new StatsService(h.repo.db, { now: () => new Date(T0 + 86_400_000 / 2) });
    const r = stats.query({ period: { kind: 'day', date: DAY } });
    expect(r.kpis).toEqual({
      alerts: 10,
      incidents: 8,
      cancelled: 1,
      merged: 1,
      dispatched: 5,
      arrived: 4,
      tierJudged: 5,
      tierMet: 2,
      tierRate: 0.4,
      responseP50: 100,
      responseP90: 400,
      handlingP50: 600,
      handlingP90: 1200,
      cases12345: 3,
      closed12345: 1,
      closureRate12345: 1 / 3,
      transferred: 2,
      overdue: 1,
      overdueRate: 0.5,
    });
    expect(r.tiers).toEqual([
      { targetSeconds: 60, judged: 2, met: 1, rate: 0.5, unreached: 0, p50: 50, p90: 100 },
      { targetSeconds: 180, judged: 2, met: 1, rate: 0.5, unreached: 1, p50: 170, p90: 170 },
      { targetSeconds: 300, judged: 1, met: 0, rate: 0, unreached: 0, p50: 400, p90: 400 },
    ]);
    expect(r.histogram.map((b) => b.count)).toEqual([1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(r.histogram.at(-1)).toEqual({ fromSeconds: 600, toSeconds: null, count: 0 });
    expect(r.previous.alerts).toBe(1);
    expect(r.daily).toEqual([{ day: DAY, alerts: 10, tierJudged: 5, tierMet: 2 }]);
    expect(r.hourly.reduce((a, b) => a + b, 0)).toBe(10);
    expect(r.categories[0]).toEqual({ category: 'robbery', count: 7 });
    expect(r.demoHistory).toBe(0);
  });

  it('filters by source, hour, unit and district', async () => {
    const { h } = await fixture();
    const stats = new StatsService(h.repo.db, { now: () => new Date(T0 + 86_400_000 / 2) });
    const q = (filters: object) => stats.query({ period: { kind: 'day', date: DAY }, filters }).kpis;
    expect(q({ source: '12345' })).toMatchObject({ alerts: 3, cases12345: 3, tierJudged: 0 });
    // A1 at T0 + 0 s and A2..A4 within the same local hour as T0 unless the hour turns: count them.
    const hour = new Date(T0).getHours();
    const inHour = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((i) => new Date(T0 + i * 1_000_000).getHours() === hour).length;
    expect(q({ hour }).alerts).toBe(inHour);
    // Responsible unit: the first one sent (A3's reinforcement U01 does not make it U01's).
    expect(q({ unitId: 'U01' })).toMatchObject({ alerts: 2, dispatched: 2, arrived: 1, tierJudged: 2, tierMet: 1 });
    expect(q({ districtId: 'D01', unitType: 'car' }).dispatched).toBe(5);
    expect(q({ districtId: 'D99' }).alerts).toBe(0);
  });

  it('judges 1/3/5 by the target stored at dispatch, not by today’s table nor the default one', async () => {
    const { h, tiers } = await fixture();
    // Only A6 is still on its way: the table changes after it was sent, then its unit arrives in 150 s.
    tiers.config = DEFAULT_TIER_CONFIG;
    h.clock.now = T0 + (5000 + 150) * 1000;
    h.service.act('A6', { type: 'arrive', unitId: 'U01' });
    const r = new StatsService(h.repo.db, { now: () => new Date(T0 + 86_400_000 / 2) }).query({ period: { kind: 'day', date: DAY } });
    // Stored targets: A1 60 met, A2 60 missed, A3 180 met, A4 300 missed, A6 180 met.
    expect(r.kpis).toMatchObject({ tierJudged: 5, tierMet: 3 });
    expect(r.tiers.map((t) => [t.targetSeconds, t.judged, t.met])).toEqual([[60, 2, 1], [180, 2, 2], [300, 1, 0]]);
    // The default table would have judged every car against 180 s: A2 (100 s) met, A4 missed.
    expect(evaluateTier(DEFAULT_TIER_CONFIG, { type: 'car' }, { priority: 1, source: '110' }, 100).met).toBe(true);
  });

  it('the backfill of an existing database gives the same figures as the triggers', async () => {
    const { h } = await fixture();
    const now = () => new Date(T0 + 86_400_000 / 2);
    const before = new StatsService(h.repo.db, { now }).query({ period: { kind: 'week', date: DAY } });
    const db = h.repo.db;
    // Back to version 5 (drop what 6 added), then migrate again: the backfill rebuilds the summary.
    for (const t of ['alert', 'alert_change', 'dispatch', 'arrival', 'step']) db.exec(`DROP TRIGGER alert_stats_on_${t}`);
    db.exec('DROP TABLE alert_stats; ALTER TABLE alerts DROP COLUMN origin;');
    db.pragma('user_version = 5');
    migrate(db, MIGRATIONS);
    expect(new StatsService(db, { now }).query({ period: { kind: 'week', date: DAY } })).toEqual(before);
  });
});
