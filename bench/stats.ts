/**
 * Statistics over a month of a Xi'an-size city (docs/statistics.md): 500,000 generated alerts
 * (≈16,700 a day, 300 units in 12 districts) written through the demo-history generator into a
 * temp console database (the summary kept by its triggers), then day / week / month queries
 * timed (p50 / p95) against the stated budget, and the database size.
 * STATS_BENCH_ALERTS=50000 npm run bench for a quicker run.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/core/db/database';
import { ConsoleRepository } from '../electron/core/db/consoleRepository';
import { generateDemoHistory, StatsService, localDate } from '../electron/core/stats';
import { DEFAULT_TIER_CONFIG, evaluateTier } from '../node/routing';
import type { StatsRequest } from '../shared/contract/statsContract';

/** Budget: a day or a week answers within 100 ms, a month within 1 s (the view stays interactive). */
const BUDGET_MS = { day: 100, week: 100, month: 1000 } as const;
const RUNS = 15;

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

export async function runStatsBench(
  total = Number(process.env.STATS_BENCH_ALERTS ?? 500_000),
): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stats-bench-'));
  try {
    const repo = new ConsoleRepository(openDatabase(dir));
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
    const end = new Date(2026, 10, 1);
    const t0 = performance.now();
    const generated = generateDemoHistory(repo.db, {
      units: repo.units.list(),
      tierFor: (unit, alert) => evaluateTier(DEFAULT_TIER_CONFIG, unit, alert, null).targetSeconds,
      end,
      days,
      perDay: total / days,
      seed: 1,
    });
    repo.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = path.join(dir, 'console.sqlite');
    const size = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    const summaryBytes =
      (
        repo.db.prepare("SELECT SUM(pgsize) AS n FROM dbstat WHERE name LIKE 'alert_stats%'").get() as
          { n: number | null } | undefined
      )?.n ?? null;
    console.log(
      `stats: ${generated.alerts} alerts (${generated.from} … ${generated.to}) written in ${((performance.now() - t0) / 1000).toFixed(1)} s; database ${(size / 1e6).toFixed(0)} MB${summaryBytes ? `, of which alert_stats + indexes ${(summaryBytes / 1e6).toFixed(0)} MB` : ''}`,
    );

    const stats = new StatsService(repo.db, { now: () => end });
    const mid = localDate(new Date(2026, 9, 15));
    const cases: [string, keyof typeof BUDGET_MS, StatsRequest][] = [
      ['day', 'day', { period: { kind: 'day', date: mid } }],
      ['week', 'week', { period: { kind: 'week', date: mid } }],
      ['month', 'month', { period: { kind: 'month', date: mid } }],
      [
        'day, district + hour',
        'day',
        { period: { kind: 'day', date: mid }, filters: { districtId: 'D03', hour: 18 } },
      ],
      ['month, district', 'month', { period: { kind: 'month', date: mid }, filters: { districtId: 'D03' } }],
      ['month, 12345', 'month', { period: { kind: 'month', date: mid }, filters: { source: '12345' } }],
    ];
    let allMet = true;
    for (const [name, budget, request] of cases) {
      const times: number[] = [];
      let alerts = 0;
      let rate: number | null = null;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const r = stats.query(request);
        times.push(performance.now() - t);
        alerts = r.kpis.alerts;
        rate = r.kpis.tierRate;
      }
      const p50 = quantile(times, 0.5);
      const p95 = quantile(times, 0.95);
      const met = p95 <= BUDGET_MS[budget];
      allMet &&= met;
      console.log(
        `  ${name.padEnd(22)} ${String(alerts).padStart(7)} alerts, 1-3-5 ${rate === null ? '—' : (rate * 100).toFixed(1) + ' %'}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (budget ${BUDGET_MS[budget]} ms: ${met ? 'met' : 'MISSED'})`,
      );
    }
    console.log(
      `stats budget (day/week ≤ ${BUDGET_MS.day} ms, month ≤ ${BUDGET_MS.month} ms at p95): ${allMet ? 'met' : 'MISSED'}`,
    );
    repo.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runStatsBench();
