import type { Db } from '../db/database';
import type { StatsFilters } from '../../../shared/contract/statsContract';

/**
 * The SQL of the statistics view, over the alert_stats summary (migration 7). Every query is
 * one pass over the period's rows through an index on (filter column, received_ms). Used for the
 * filters the per-day rollup does not answer (unit, hour, category, two slices together; see
 * rollupQueries.ts), and as the bench's baseline.
 */

/** Not incidents of their own: a duplicate lives on in the alert it was merged into; a cancelled one needed nobody. */
// Spelled as comparisons: SQLite evaluates them several times faster per row than NOT IN (…).
const WORKED = "(status <> 'merged' AND status <> 'cancelled')";
/** Judged for 1/3/5: the first arrival carries a stored verdict, or a unit was sent with a target that has passed with nobody there. */
const UNREACHED = `(arrived_ms IS NULL AND dispatch_target_seconds IS NOT NULL AND received_ms + dispatch_target_seconds * 1000 < @now)`;
const JUDGED = `(${WORKED} AND (tier_met IS NOT NULL OR ${UNREACHED}))`;
const MET = `(${WORKED} AND tier_met = 1)`;
const TRANSFERRED = `(transfer_due_ms IS NOT NULL AND ${WORKED})`;
const OVERDUE = `(${TRANSFERRED} AND ((closed_ms IS NOT NULL AND closed_ms > transfer_due_ms) OR (status = 'transferred' AND transfer_due_ms < @now)))`;

const FILTER_COLUMNS: Record<keyof StatsFilters, string> = {
  districtId: 'district_id',
  unitId: 'unit_id',
  unitType: 'unit_type',
  category: 'category',
  source: 'source',
  hour: 'local_hour',
};

export interface QueryRange {
  fromMs: number;
  toMs: number;
  /** The period's first and last local day (YYYY-MM-DD): the rollup's keys. */
  fromDay?: string;
  toDay?: string;
  nowMs: number;
  filters: StatsFilters;
}

function where(range: QueryRange): { sql: string; params: Record<string, unknown> } {
  const clauses = ['received_ms >= @from', 'received_ms < @to'];
  const params: Record<string, unknown> = { from: range.fromMs, to: range.toMs, now: range.nowMs };
  for (const [key, column] of Object.entries(FILTER_COLUMNS) as [keyof StatsFilters, string][]) {
    const value = range.filters[key];
    if (value === undefined) continue;
    clauses.push(`${column} = @f_${key}`);
    params[`f_${key}`] = value;
  }
  return { sql: clauses.join(' AND '), params };
}

export interface KpiRow {
  alerts: number;
  cancelled: number;
  merged: number;
  dispatched: number;
  arrived: number;
  judged: number;
  met: number;
  cases12345: number;
  closed12345: number;
  transferred: number;
  overdue: number;
  demo: number;
}

/** The period's trend and breakdowns: [local day, alerts, judged, met], [local hour, alerts], [category, alerts]. */
export interface Breakdown {
  days: [string, number, number, number][];
  hours: [number, number][];
  categories: [string, number][];
}

/** [target seconds or -1 for none, verdict 1/0/null, whole seconds, count] of first arrivals on worked alerts. */
export type ResponseRow = [number, number | null, number, number];

/** The figures of one period, from alert_stats (StatsQueries) or from the rollup (RollupQueries); kpis is asked first. */
export interface PeriodQueries {
  kpis(range: QueryRange): KpiRow;
  breakdown(range: QueryRange): Breakdown;
  responses(range: QueryRange): ResponseRow[];
  unreached(range: QueryRange): [number, number][];
  handling(range: QueryRange): [number, number][];
}

export class StatsQueries implements PeriodQueries {
  /** Prepared once per distinct SQL (filters give a handful of variants). */
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();

  constructor(private readonly db: Db) {}

  private run<T>(sql: (where: string) => string, range: QueryRange, raw = false): T[] {
    const w = where(range);
    const text = sql(w.sql);
    let stmt = this.statements.get(text);
    if (!stmt) this.statements.set(text, (stmt = this.db.prepare(text)));
    return (raw ? stmt.raw(true).all(w.params) : stmt.all(w.params)) as T[];
  }

  /** The period's counts, one row (no grouping: the cheapest pass). */
  kpis(range: QueryRange): KpiRow {
    const [row] = this.run<KpiRow>(
      (w) => `SELECT COUNT(*) AS alerts,
          COALESCE(SUM(status = 'cancelled'), 0) AS cancelled, COALESCE(SUM(status = 'merged'), 0) AS merged,
          COALESCE(SUM(dispatched_ms IS NOT NULL AND ${WORKED}), 0) AS dispatched, COALESCE(SUM(arrived_ms IS NOT NULL AND ${WORKED}), 0) AS arrived,
          COALESCE(SUM(${JUDGED}), 0) AS judged, COALESCE(SUM(${MET}), 0) AS met,
          COALESCE(SUM(source = '12345' AND ${WORKED}), 0) AS cases12345, COALESCE(SUM(source = '12345' AND status = 'closed'), 0) AS closed12345,
          COALESCE(SUM(${TRANSFERRED}), 0) AS transferred, COALESCE(SUM(${OVERDUE}), 0) AS overdue, COALESCE(SUM(origin <> 'live'), 0) AS demo
        FROM alert_stats WHERE ${w}`,
      range,
    );
    return row!;
  }

  /** Alerts, judged and met by local day, hour and category: the trend and breakdowns in one pass. */
  breakdown(range: QueryRange): Breakdown {
    const rows = this.run<[string, number, string, number, number, number]>(
      (w) => `SELECT local_day, local_hour, category, COUNT(*), SUM(${JUDGED}), SUM(${MET})
        FROM alert_stats WHERE ${w} GROUP BY local_day, local_hour, category`,
      range,
      true,
    );
    const days = new Map<string, [string, number, number, number]>();
    const hours = new Map<number, number>();
    const categories = new Map<string, number>();
    for (const [day, hour, category, alerts, judged, met] of rows) {
      const d = days.get(day) ?? days.set(day, [day, 0, 0, 0]).get(day)!;
      d[1] += alerts;
      d[2] += judged;
      d[3] += met;
      hours.set(hour, (hours.get(hour) ?? 0) + alerts);
      categories.set(category, (categories.get(category) ?? 0) + alerts);
    }
    return { days: [...days.values()], hours: [...hours], categories: [...categories] };
  }

  responses(range: QueryRange): ResponseRow[] {
    return this.run<ResponseRow>(
      (w) => `SELECT COALESCE(tier_target_seconds, -1), tier_met, CAST(response_seconds AS INTEGER), COUNT(*)
        FROM alert_stats WHERE ${w} AND arrived_ms IS NOT NULL AND ${WORKED} GROUP BY 1, 2, 3`,
      range,
      true,
    );
  }

  /** [target seconds, count] of alerts a unit was sent to whose target passed with nobody on scene. */
  unreached(range: QueryRange): [number, number][] {
    return this.run<[number, number]>(
      (w) =>
        `SELECT dispatch_target_seconds, COUNT(*) FROM alert_stats WHERE ${w} AND ${WORKED} AND ${UNREACHED} GROUP BY 1`,
      range,
      true,
    );
  }

  /** [whole seconds first arrival → resolved, count]. */
  handling(range: QueryRange): [number, number][] {
    return this.run<[number, number]>(
      (w) =>
        `SELECT (resolved_ms - arrived_ms) / 1000, COUNT(*) FROM alert_stats WHERE ${w} AND ${WORKED} AND resolved_ms >= arrived_ms GROUP BY 1`,
      range,
      true,
    );
  }
}
