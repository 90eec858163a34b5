/**
 * Statistics over a month of a Xi'an-size city (docs/statistics.md): generated alerts (300 units in
 * 12 districts) written through the demo-history generator into a temp console database (the
 * summary and the per-day rollup kept by their triggers), then day / week / month queries timed
 * (p50 / p95) against the stated budget, each against its baseline in the same process (the same
 * query reading every alert_stats row: `rollup: false`), and the heat map of the month.
 *
 * Default 50,000 alerts (a quick run inside `npm run bench`); the issue's size:
 *   STATS_BENCH_ALERTS=500000 npm run bench
 * STATS_BENCH_DIR=/some/dir keeps the data folder there and reuses it on the next run (generating
 * 500,000 alerts takes minutes).
 */
import { mkdtempSync, rmSync, statSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/core/db/database';
import { ConsoleRepository } from '../electron/core/db/consoleRepository';
import { generateDemoHistory, StatsService, localDate } from '../electron/core/stats';
import { heatmapPoints } from '../electron/core/insight/heatmap';
import { DEFAULT_TIER_CONFIG, evaluateTier } from '../node/routing';
import type { StatsRequest } from '../shared/contract/statsContract';
import type { Db } from '../electron/core/db/database';

/** Budget: a day or a week answers within 100 ms, a month within 1 s (the view stays interactive). */
const BUDGET_MS = { day: 100, week: 100, month: 1000 } as const;
/** The heat map of a month: the query within 1 s, at most 5,000 points (when capped) plus the grid cells to draw. */
const HEAT_BUDGET_MS = 1000;
const RUNS = 15;
const BASELINE_RUNS = 3;

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

function time<T>(runs: number, f: () => T): { p50: number; p95: number; last: T } {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = f();
    times.push(performance.now() - t);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), last };
}

const END = new Date(2026, 10, 1);

function generate(repo: ConsoleRepository, total: number): string {
  const types = ['car', 'car', 'car', 'ebike', 'foot', 'special'] as const;
  const units = Array.from({ length: 300 }, (_, i) => ({
    id: `XA-${String(i).padStart(3, '0')}`,
    callsign: `巡${i}`,
    type: types[i % types.length]!,
    districtId: `D${String(i % 12).padStart(2, '0')}`,
    home: { lng: 108.8 + (i % 20) * 0.02, lat: 34.2 + Math.floor(i / 20) * 0.015 },
  }));
  repo.seedFromPack({ manifest: { id: 'bench' }, units, cameras: [], checkpoints: [] } as never);
  const days = 30;
  const t0 = performance.now();
  const g = generateDemoHistory(repo.db, {
    units: repo.units.list(),
    tierFor: (unit, alert) => evaluateTier(DEFAULT_TIER_CONFIG, unit, alert, null).targetSeconds,
    end: END,
    days,
    perDay: total / days,
    seed: 1,
  });
  repo.db.pragma('wal_checkpoint(TRUNCATE)');
  return `${g.alerts} alerts (${g.from} … ${g.to}) written in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
}

function bytesOf(db: Db, like: string): number {
  const row = db.prepare('SELECT SUM(pgsize) AS n FROM dbstat WHERE name LIKE ?').get(like) as
    { n: number | null } | undefined;
  return row?.n ?? 0;
}

export async function runStatsBench(
  total = Number(process.env.STATS_BENCH_ALERTS ?? 50_000),
  keepDir = process.env.STATS_BENCH_DIR,
): Promise<void> {
  const dir = keepDir ?? mkdtempSync(path.join(os.tmpdir(), 'stats-bench-'));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'console.sqlite');
  const reuse = existsSync(file);
  try {
    const t0 = performance.now();
    const repo = new ConsoleRepository(openDatabase(dir));
    const opened = `opened (schema brought up to date) in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    const made = reuse ? `reused ${dir}, ${opened}` : generate(repo, total);
    const size = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
    console.log(
      `stats: ${made}; database ${mb(size)}, alert_stats ${mb(bytesOf(repo.db, 'alert_stats%'))}, rollup ${mb(bytesOf(repo.db, 'stats_day%'))}`,
    );

    const now = () => END;
    const rollup = new StatsService(repo.db, { now });
    const baseline = new StatsService(repo.db, { now, rollup: false });
    const mid = localDate(new Date(2026, 9, 15));
    const cases: [string, keyof typeof BUDGET_MS, StatsRequest][] = [
      ['day', 'day', { period: { kind: 'day', date: mid } }],
      ['week', 'week', { period: { kind: 'week', date: mid } }],
      ['month', 'month', { period: { kind: 'month', date: mid } }],
      ['week, district', 'week', { period: { kind: 'week', date: mid }, filters: { districtId: 'D03' } }],
      ['month, district', 'month', { period: { kind: 'month', date: mid }, filters: { districtId: 'D03' } }],
      ['month, 12345', 'month', { period: { kind: 'month', date: mid }, filters: { source: '12345' } }],
      ['month, unit type', 'month', { period: { kind: 'month', date: mid }, filters: { unitType: 'ebike' } }],
      // Not in the rollup (hour, unit, two slices): answered from alert_stats through its indexes.
      [
        'day, district + hour',
        'day',
        { period: { kind: 'day', date: mid }, filters: { districtId: 'D03', hour: 18 } },
      ],
      ['month, one unit', 'month', { period: { kind: 'month', date: mid }, filters: { unitId: 'XA-007' } }],
      ['month, hour', 'month', { period: { kind: 'month', date: mid }, filters: { hour: 18 } }],
    ];
    let allMet = true;
    for (const [name, budget, request] of cases) {
      const r = time(RUNS, () => rollup.query(request));
      const b = time(BASELINE_RUNS, () => baseline.query(request));
      const same = JSON.stringify(r.last) === JSON.stringify(b.last);
      const met = r.p95 <= BUDGET_MS[budget];
      allMet &&= met && same;
      const k = r.last.kpis;
      console.log(
        `  ${name.padEnd(22)} ${String(k.alerts).padStart(7)} alerts, 1-3-5 ${k.tierRate === null ? '—' : (k.tierRate * 100).toFixed(1) + ' %'}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (budget ${BUDGET_MS[budget]} ms: ${met ? 'met' : 'MISSED'}); baseline p50 ${b.p50.toFixed(0)} ms (×${(b.p50 / r.p50).toFixed(1)}), ${same ? 'same figures' : 'FIGURES DIFFER'}`,
      );
    }
    console.log(
      `stats budget (day/week ≤ ${BUDGET_MS.day} ms, month ≤ ${BUDGET_MS.month} ms at p95): ${allMet ? 'met' : 'MISSED'}`,
    );

    // The heat map of the month (30 days before the end), every category, then one hour of day.
    for (const hour of [null, 18]) {
      const query = {
        from: new Date(END.getTime() - 30 * 86_400_000).toISOString(),
        to: END.toISOString(),
        hour,
      };
      const h = time(5, () => heatmapPoints(repo.db, query));
      const payload = JSON.stringify(h.last).length;
      const met = h.p95 <= HEAT_BUDGET_MS;
      console.log(
        `heat map, month${hour === null ? '' : `, hour ${hour}`}: ${h.last.total} alerts → ${h.last.cells.length} cells + ${h.last.points.length} points (${(payload / 1e6).toFixed(1)} MB to the map); p50 ${h.p50.toFixed(0)} ms, p95 ${h.p95.toFixed(0)} ms (budget ${HEAT_BUDGET_MS} ms: ${met ? 'met' : 'MISSED'})`,
      );
    }
    repo.close();
  } finally {
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runStatsBench();
