/**
 * The per-day rollup (migrations 12 and 17) gives exactly the figures of the alert_stats rows it
 * summarises, for every slice (none, district, unit type, source, hour of day, category): on the
 * hand-computed fixture (cancelled alerts, alerts that missed every tier, unreached targets,
 * overdue hand-overs), on generated history, after later writes (arrivals, cancellations,
 * category changes), and when the migrations backfill an existing database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, migrate, type Db } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { MIGRATIONS } from '../db/migrations';
import { STATS_ROLLUP_TABLES } from '../db/statsRollupMigration';
import { DEFAULT_TIER_CONFIG, evaluateTier } from '../../../node/routing';
import { tempDir } from '../../../tests/unit/fixtures';
import { DAY, statsFixture, T0 } from '../../../tests/unit/statsFixture';
import { generateDemoHistory } from './demoHistory';
import { StatsService } from './statsService';
import { periodBucket, rollupSlice } from './rollupQueries';
import type { StatsFilters, StatsRequest } from '../../../shared/contract/statsContract';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** Both ways of answering, the same now. */
function both(db: Db, nowMs: number) {
  const now = () => new Date(nowMs);
  return {
    rollup: new StatsService(db, { now }),
    raw: new StatsService(db, { now, rollup: false }),
  };
}

function expectSame(db: Db, nowMs: number, requests: StatsRequest[]): void {
  const { rollup, raw } = both(db, nowMs);
  for (const r of requests) expect(rollup.query(r), JSON.stringify(r)).toEqual(raw.query(r));
}

const SLICES: StatsFilters[] = [
  {},
  { districtId: 'D01' },
  { districtId: 'D0' },
  { districtId: 'D1' },
  { unitType: 'car' },
  { unitType: 'foot' },
  { source: '110' },
  { source: '12345' },
  { districtId: 'D99' },
  // Migration 17's slices: every hour of the fixture's day is checked in its own test.
  { hour: 9 },
  { hour: 0 },
  { category: 'complaint' },
  { category: 'theft' },
  { category: 'fire' },
];

describe('statistics rollup', () => {
  it('answers one filter of district, unit type, source, hour or category, or none', () => {
    expect(rollupSlice({})).toEqual({ dim: '', value: '', column: '', raw: '' });
    expect(rollupSlice({ districtId: 'D3' })).toEqual({
      dim: 'd',
      value: 'D3',
      column: 'district_id',
      raw: 'D3',
    });
    expect(rollupSlice({ source: '12345' })).toMatchObject({ dim: 's', value: '12345' });
    expect(rollupSlice({ unitType: 'car' })).toMatchObject({ dim: 't', value: 'car' });
    expect(rollupSlice({ hour: 3 })).toEqual({ dim: 'h', value: '3', column: 'local_hour', raw: 3 });
    expect(rollupSlice({ category: 'theft' })).toMatchObject({ dim: 'c', value: 'theft' });
    expect(rollupSlice({ unitId: 'U1' })).toBeNull();
    expect(rollupSlice({ districtId: 'D1', source: '110' })).toBeNull();
    expect(rollupSlice({ hour: 3, category: 'theft' })).toBeNull();
  });

  it('reads a week or a month bucket only for exactly that ISO week or calendar month', () => {
    expect(periodBucket('2026-10-12', '2026-10-18')).toBe('W2026-10-12');
    expect(periodBucket('2026-10-13', '2026-10-19')).toBeNull();
    expect(periodBucket('2026-10-12', '2026-10-17')).toBeNull();
    expect(periodBucket('2026-10-01', '2026-10-31')).toBe('M2026-10');
    expect(periodBucket('2026-02-01', '2026-02-28')).toBe('M2026-02');
    expect(periodBucket('2028-02-01', '2028-02-28')).toBeNull();
    expect(periodBucket('2026-10-01', '2026-10-30')).toBeNull();
    expect(periodBucket('2026-10-15', '2026-10-15')).toBeNull();
  });

  it('every hour and category of the fixture: the same figures as the summary, and they add up', async () => {
    const f = await statsFixture();
    cleanups.push(f.h.close);
    const db = f.h.repo.db;
    const now = T0 + 86_400_000 / 2;
    const hours = Array.from({ length: 24 }, (_, hour) => ({ hour }));
    const categories = db.prepare('SELECT DISTINCT category FROM alert_stats').pluck().all() as string[];
    const filters: StatsFilters[] = [...hours, ...categories.map((c) => ({ category: c as 'theft' }))];
    expectSame(
      db,
      now,
      filters.map((filters) => ({ period: { kind: 'week' as const, date: DAY }, filters })),
    );
    // The hour slices partition the day: their alerts, judged (unreached included) and met add up to the whole.
    const { rollup } = both(db, now);
    const day = (filters: StatsFilters) => rollup.query({ period: { kind: 'day', date: DAY }, filters }).kpis;
    const whole = day({});
    const sum = (key: 'alerts' | 'tierJudged' | 'tierMet' | 'cancelled' | 'overdue') =>
      hours.reduce((n, h) => n + day(h)[key], 0);
    for (const key of ['alerts', 'tierJudged', 'tierMet', 'cancelled', 'overdue'] as const)
      expect(sum(key), key).toBe(whole[key]);
    expect(whole.tierJudged).toBeGreaterThan(whole.tierMet);
    expect(day({ hour: new Date(T0).getHours() }).alerts).toBeGreaterThan(0);
  });

  it('gives the hand-computed fixture’s figures, before and after targets pass and hand-overs fall due', async () => {
    const f = await statsFixture();
    cleanups.push(f.h.close);
    const requests = SLICES.flatMap((filters) => [
      { period: { kind: 'day' as const, date: DAY }, filters },
      { period: { kind: 'week' as const, date: DAY }, filters },
    ]);
    // Half a day on (A6 unreached, A7 overdue), and right after the last alert (neither yet).
    expectSame(f.h.repo.db, T0 + 86_400_000 / 2, requests);
    expectSame(f.h.repo.db, T0 + 9_005_000, requests);
    // The figures it answers are the fixture's (statsService.test.ts has them all).
    const r = both(f.h.repo.db, T0 + 86_400_000 / 2).rollup.query({ period: { kind: 'day', date: DAY } });
    expect(r.kpis).toMatchObject({ alerts: 10, tierJudged: 5, tierMet: 2, overdue: 1, responseP90: 400 });
  });

  it('stays equal to the summary over generated history and later writes', () => {
    const tmp = tempDir('stats-rollup-');
    const repo = new ConsoleRepository(openDatabase(tmp.dir));
    cleanups.push(() => {
      repo.close();
      tmp.cleanup();
    });
    const units = ['car', 'car', 'ebike', 'foot', 'special'].map((type, i) => ({
      id: `U${i}`,
      callsign: `单元${i}`,
      type: type as 'car',
      districtId: `D${i % 2}`,
      home: { lng: 112.85 + i * 0.01, lat: 35.5 },
    }));
    repo.seedFromPack({ manifest: { id: 'demo' }, units, cameras: [], checkpoints: [] } as never);
    const end = new Date(2026, 10, 20);
    generateDemoHistory(repo.db, {
      units: repo.units.list(),
      tierFor: (unit, alert) => evaluateTier(DEFAULT_TIER_CONFIG, unit, alert, null).targetSeconds,
      end,
      days: 10,
      perDay: 40,
    });
    const day = '2026-11-15';
    // A day, a week and a month (their buckets, migration 18), and days that are neither.
    const requests = SLICES.flatMap((filters) => [
      { period: { kind: 'day' as const, date: day }, filters },
      { period: { kind: 'week' as const, date: day }, filters },
      { period: { kind: 'month' as const, date: day }, filters },
      { period: { kind: 'custom' as const, from: '2026-11-09', to: '2026-11-19' }, filters },
    ]);
    const now = end.getTime() + 3_600_000;
    expectSame(repo.db, now, requests);
    // Later writes: a category changed, alerts cancelled, an arrival on an alert nobody reached.
    const ids = repo.db.prepare('SELECT alert_id FROM alert_stats ORDER BY alert_id LIMIT 5').pluck().all();
    repo.db.prepare("UPDATE alerts SET category = 'fraud' WHERE id = ?").run(ids[0]);
    repo.db.prepare("UPDATE alerts SET status = 'cancelled' WHERE id IN (?, ?)").run(ids[1], ids[2]);
    const open = repo.db
      .prepare(
        'SELECT alert_id FROM alert_stats WHERE arrived_ms IS NULL AND dispatched_ms IS NOT NULL LIMIT 1',
      )
      .pluck()
      .get();
    if (open) {
      repo.db
        .prepare(
          "UPDATE dispatches SET arrived_at = strftime('%Y-%m-%dT%H:%M:%fZ', dispatched_at, '+200 seconds'), response_seconds = 321, tier_met = 0 WHERE alert_id = ?",
        )
        .run(open);
    }
    expectSame(repo.db, now, requests);
  });

  it('the migrations backfill an existing database to the figures the triggers kept', async () => {
    const f = await statsFixture();
    cleanups.push(f.h.close);
    const db = f.h.repo.db;
    const now = T0 + 86_400_000 / 2;
    const requests = SLICES.flatMap((filters) => [
      { period: { kind: 'week' as const, date: DAY }, filters },
      { period: { kind: 'month' as const, date: DAY }, filters },
    ]);
    const before = requests.map((r) => both(db, now).rollup.query(r));
    const rollup = MIGRATIONS.find((m) => m.description.startsWith('statistics rollup:'))!;
    const later = MIGRATIONS.filter(
      (m) => m.version > rollup.version && m.description.startsWith('statistics rollup'),
    );
    expect(later.map((m) => m.version)).toEqual([17, 18, 20, 21]);
    const triggers = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'alert_stats' AND name LIKE 'stats_day%'",
      )
      .pluck();
    for (const t of triggers.all()) db.exec(`DROP TRIGGER ${t as string}`);
    for (const t of STATS_ROLLUP_TABLES) db.exec(`DROP TABLE ${t}`);
    db.exec('DROP INDEX alert_stats_pending');
    db.pragma(`user_version = ${rollup.version - 1}`);
    migrate(db, [rollup]);
    const dims = db.prepare('SELECT DISTINCT dim FROM stats_day ORDER BY dim').pluck();
    const buckets = db.prepare('SELECT DISTINCT substr(local_day, 1, 1) FROM stats_day ORDER BY 1').pluck();
    expect(dims.all()).toEqual(['', 'd', 's', 't']);
    expect(buckets.all()).toEqual(['2']);
    // The versions between are already there: only the later rollup migrations run.
    db.pragma(`user_version = ${later[0]!.version - 1}`);
    migrate(db, later);
    db.pragma(`user_version = ${MIGRATIONS.at(-1)!.version}`);
    expect(dims.all()).toEqual(['', 'c', 'd', 'h', 's', 't']);
    expect(buckets.all()).toEqual(['2', 'M', 'W']);
    expect(triggers.all()).toHaveLength(6);
    expect(requests.map((r) => both(db, now).rollup.query(r))).toEqual(before);
  });
});
