/**
 * KPI figures on a fixed fixture, written through the real dispatch service (so the summary is
 * kept by the triggers exactly as in service), against values computed by hand below.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_CONFIG, evaluateTier } from '../../../node/routing';
import { StatsService } from './statsService';
import { DAY, statsFixture, T0 } from '../../../tests/unit/statsFixture';
import { migrate } from '../db/database';
import { MIGRATIONS } from '../db/migrations';
import { STATS_ROLLUP_TABLES } from '../db/statsRollupMigration';

let close: (() => void) | null = null;
afterEach(() => {
  close?.();
  close = null;
});

async function fixture() {
  const f = await statsFixture();
  close = f.h.close;
  return f;
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
    const inHour = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter(
      (i) => new Date(T0 + i * 1_000_000).getHours() === hour,
    ).length;
    expect(q({ hour }).alerts).toBe(inHour);
    // Responsible unit: the first one sent (A3's reinforcement U01 does not make it U01's).
    expect(q({ unitId: 'U01' })).toMatchObject({
      alerts: 2,
      dispatched: 2,
      arrived: 1,
      tierJudged: 2,
      tierMet: 1,
    });
    expect(q({ districtId: 'D01', unitType: 'car' }).dispatched).toBe(5);
    expect(q({ districtId: 'D99' }).alerts).toBe(0);
  });

  it('judges 1/3/5 by the target stored at dispatch, not by today’s table nor the default one', async () => {
    const { h, tiers } = await fixture();
    // Only A6 is still on its way: the table changes after it was sent, then its unit arrives in 150 s.
    tiers.config = DEFAULT_TIER_CONFIG;
    h.clock.now = T0 + (5000 + 150) * 1000;
    h.service.act('A6', { type: 'arrive', unitId: 'U01' });
    const r = new StatsService(h.repo.db, { now: () => new Date(T0 + 86_400_000 / 2) }).query({
      period: { kind: 'day', date: DAY },
    });
    // Stored targets: A1 60 met, A2 60 missed, A3 180 met, A4 300 missed, A6 180 met.
    expect(r.kpis).toMatchObject({ tierJudged: 5, tierMet: 3 });
    expect(r.tiers.map((t) => [t.targetSeconds, t.judged, t.met])).toEqual([
      [60, 2, 1],
      [180, 2, 2],
      [300, 1, 0],
    ]);
    // The default table would have judged every car against 180 s: A2 (100 s) met, A4 missed.
    expect(evaluateTier(DEFAULT_TIER_CONFIG, { type: 'car' }, { priority: 1, source: '110' }, 100).met).toBe(
      true,
    );
  });

  it('the backfill of an existing database gives the same figures as the triggers', async () => {
    const { h } = await fixture();
    const now = () => new Date(T0 + 86_400_000 / 2);
    const before = new StatsService(h.repo.db, { now }).query({ period: { kind: 'week', date: DAY } });
    const db = h.repo.db;
    // Back to before the statistics migration (drop what it added), then run it again: the
    // backfill rebuilds the summary.
    const stats = MIGRATIONS.find((m) => m.description.startsWith('statistics'))!;
    for (const t of ['alert', 'alert_change', 'dispatch', 'dispatch_arrived', 'arrival', 'step'])
      db.exec(`DROP TRIGGER alert_stats_on_${t}`);
    db.exec('DROP TABLE alert_stats; ALTER TABLE alerts DROP COLUMN origin;');
    // The per-day rollup built on it (its triggers and index went with the table) is rebuilt too.
    const rollups = MIGRATIONS.filter((m) => m.description.startsWith('statistics rollup'));
    for (const t of STATS_ROLLUP_TABLES) db.exec(`DROP TABLE ${t}`);
    db.pragma(`user_version = ${stats.version - 1}`);
    migrate(db, [stats, ...rollups]);
    db.pragma(`user_version = ${MIGRATIONS.at(-1)!.version}`);
    expect(new StatsService(db, { now }).query({ period: { kind: 'week', date: DAY } })).toEqual(before);
  });
});
