import type { Db } from '../db/database';
import {
  StatsRequestSchema,
  type StatsFilters,
  type StatsKpis,
  type StatsRequest,
  type StatsResult,
} from '../../../shared/contract/statsContract';
import { addCount, histogram, percentile, rate } from './figures';
import { resolvePeriod, type ResolvedPeriod } from './period';
import { StatsQueries, type Breakdown, type PeriodQueries, type QueryRange } from './statsQueries';
import { RollupQueries, rollupSlice } from './rollupQueries';

const P50 = 0.5;
const P90 = 0.9;

interface PeriodFigures {
  kpis: StatsKpis;
  breakdown: Breakdown | null;
  demo: number;
  responseBySecond: Map<number, number>;
  tiers: StatsResult['tiers'];
}

/**
 * The statistics of the console (docs/statistics.md), read from its SQLite database: counts,
 * 1/3/5 compliance judged by the verdict stored on the dispatch row when the unit was sent (the
 * rule that ranked it, never a default table), response and handling times, 12345 closure and
 * overdue hand-overs, and the same figures for the previous period.
 */
export class StatsService {
  private readonly raw: StatsQueries;
  private readonly rollup: RollupQueries | null;
  private readonly now: () => Date;

  /** `rollup: false` reads every alert_stats row (the bench's baseline; the figures are the same). */
  constructor(db: Db, options: { now?: () => Date; rollup?: boolean } = {}) {
    this.raw = new StatsQueries(db);
    this.rollup = options.rollup === false ? null : new RollupQueries(db);
    this.now = options.now ?? (() => new Date());
  }

  /** The rollup when it answers these filters, else the summary rows. */
  private queriesFor(filters: StatsFilters): PeriodQueries {
    return this.rollup && rollupSlice(filters) ? this.rollup : this.raw;
  }

  query(request: StatsRequest): StatsResult {
    const { period, filters } = StatsRequestSchema.parse(request);
    const { current, previous } = resolvePeriod(period);
    const nowMs = this.now().getTime();
    const cur = this.figures(current, filters, nowMs);
    const prev = this.figures(previous, filters, nowMs, false);
    const byDay = new Map(current.days.map((day) => [day, { day, alerts: 0, tierJudged: 0, tierMet: 0 }]));
    const hourly = Array.from({ length: 24 }, () => 0);
    const categories = new Map<string, number>();
    const breakdown = cur.breakdown ?? { days: [], hours: [], categories: [] };
    for (const [day, alerts, judged, met] of breakdown.days) {
      const d = byDay.get(day);
      if (!d) continue;
      d.alerts += alerts;
      d.tierJudged += judged;
      d.tierMet += met;
    }
    for (const [hour, alerts] of breakdown.hours) hourly[hour] = (hourly[hour] ?? 0) + alerts;
    for (const [category, alerts] of breakdown.categories)
      categories.set(category, (categories.get(category) ?? 0) + alerts);
    return {
      period: { from: current.from, to: current.to, label: current.label },
      previousPeriod: { from: previous.from, to: previous.to, label: previous.label },
      filters,
      generatedAt: new Date(nowMs).toISOString(),
      kpis: cur.kpis,
      previous: prev.kpis,
      histogram: histogram(cur.responseBySecond),
      tiers: cur.tiers,
      daily: [...byDay.values()],
      hourly,
      categories: [...categories]
        .map(([category, count]) => ({ category, count }))
        .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
      demoHistory: cur.demo,
    };
  }

  private figures(
    period: ResolvedPeriod,
    filters: StatsFilters,
    nowMs: number,
    detail = true,
  ): PeriodFigures {
    const range: QueryRange = {
      fromMs: period.fromMs,
      toMs: period.toMs,
      fromDay: period.from,
      toDay: period.to,
      nowMs,
      filters,
    };
    const queries = this.queriesFor(filters);
    const counts = queries.kpis(range);
    const sum = (k: keyof typeof counts) => counts[k];
    const responseBySecond = new Map<number, number>();
    const tierMap = new Map<
      number,
      { judged: number; met: number; unreached: number; seconds: Map<number, number> }
    >();
    const tier = (t: number) =>
      tierMap.get(t) ?? tierMap.set(t, { judged: 0, met: 0, unreached: 0, seconds: new Map() }).get(t)!;
    for (const [target, met, seconds, n] of queries.responses(range)) {
      addCount(responseBySecond, seconds, n);
      if (target < 0 || met === null) continue;
      const t = tier(target);
      t.judged += n;
      if (met === 1) t.met += n;
      addCount(t.seconds, seconds, n);
    }
    for (const [target, n] of queries.unreached(range)) {
      const t = tier(target);
      t.judged += n;
      t.unreached += n;
    }
    const handling = new Map<number, number>();
    for (const [seconds, n] of queries.handling(range)) addCount(handling, seconds, n);
    const alerts = sum('alerts');
    const cancelled = sum('cancelled');
    const merged = sum('merged');
    const kpis: StatsKpis = {
      alerts,
      incidents: alerts - cancelled - merged,
      cancelled,
      merged,
      dispatched: sum('dispatched'),
      arrived: sum('arrived'),
      tierJudged: sum('judged'),
      tierMet: sum('met'),
      tierRate: rate(sum('met'), sum('judged')),
      responseP50: percentile(responseBySecond, P50),
      responseP90: percentile(responseBySecond, P90),
      handlingP50: percentile(handling, P50),
      handlingP90: percentile(handling, P90),
      cases12345: sum('cases12345'),
      closed12345: sum('closed12345'),
      closureRate12345: rate(sum('closed12345'), sum('cases12345')),
      transferred: sum('transferred'),
      overdue: sum('overdue'),
      overdueRate: rate(sum('overdue'), sum('transferred')),
    };
    const tiers = detail
      ? [...tierMap]
          .sort((a, b) => a[0] - b[0])
          .map(([targetSeconds, t]) => ({
            targetSeconds,
            judged: t.judged,
            met: t.met,
            rate: rate(t.met, t.judged),
            unreached: t.unreached,
            p50: percentile(t.seconds, P50),
            p90: percentile(t.seconds, P90),
          }))
      : [];
    return {
      kpis,
      breakdown: detail ? queries.breakdown(range) : null,
      demo: counts.demo,
      responseBySecond,
      tiers,
    };
  }
}
