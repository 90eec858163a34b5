import type { Db } from '../db/database';
import type { StatsFilters } from '../../../shared/contract/statsContract';
import { PENDING } from '../db/statsRollupMigration';
import { monthBucket, weekBucket } from '../db/statsRollupBucketsMigration';
import type { Breakdown, KpiRow, PeriodQueries, QueryRange, ResponseRow } from './statsQueries';

/**
 * The statistics view's figures from the rollup (migrations 12, 17, 18): the same figures as
 * StatsQueries reads from alert_stats, from the rows of the period's week or month bucket when it
 * is exactly one, else of its days. What depends on the time of the query (unreached targets,
 * open hand-overs past due) comes from the few alert_stats rows of the partial index
 * alert_stats_pending.
 */

/** The rollup's slice of each filter (migrations 12 and 17); the responsible unit has none. */
const SLICE_OF: Partial<Record<keyof StatsFilters, string>> = {
  districtId: 'd',
  unitType: 't',
  source: 's',
  hour: 'h',
  category: 'c',
};
const COLUMN_OF: Partial<Record<keyof StatsFilters, string>> = {
  districtId: 'district_id',
  unitType: 'unit_type',
  source: 'source',
  hour: 'local_hour',
  category: 'category',
};

interface Slice {
  dim: string;
  /** The slice's key in the rollup (text: an hour is '0'…'23'). */
  value: string;
  /** The same filter on alert_stats (for the pending rows), or '' for none. */
  column: string;
  /** The filter's value as alert_stats holds it (an hour is a number). */
  raw: string | number;
}

/** The rollup slice that answers these filters, or null (a unit filter, or two filters combined). */
export function rollupSlice(filters: StatsFilters): Slice | null {
  if (filters.unitId !== undefined) return null;
  const set = (Object.keys(SLICE_OF) as (keyof StatsFilters)[]).filter((k) => filters[k] !== undefined);
  if (set.length > 1) return null;
  const key = set[0];
  if (key === undefined) return { dim: '', value: '', column: '', raw: '' };
  const raw = filters[key]!;
  return { dim: SLICE_OF[key]!, value: String(raw), column: COLUMN_OF[key]!, raw };
}

const utcDay = (day: string): Date => new Date(`${day}T00:00:00Z`);
const plusDays = (day: string, n: number): string =>
  new Date(utcDay(day).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** The bucket key (migration 18) when the local days from…to are exactly one ISO week or calendar month, else null. */
export function periodBucket(fromDay: string, toDay: string): string | null {
  if (utcDay(fromDay).getUTCDay() === 1 && plusDays(fromDay, 6) === toDay) return weekBucket(fromDay);
  if (
    fromDay.endsWith('-01') &&
    toDay.slice(0, 7) === fromDay.slice(0, 7) &&
    plusDays(toDay, 1).endsWith('-01')
  )
    return monthBucket(fromDay);
  return null;
}

const WORKED = "(status <> 'merged' AND status <> 'cancelled')";
const SLICE = 'dim = @dim AND value = @value';
const DAYS = `${SLICE} AND local_day >= @fromDay AND local_day <= @toDay`;

/** [local day, target, unreached, open hand-overs past due]. */
type PendingRow = [string, number | null, number, number];

export class RollupQueries implements PeriodQueries {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();
  private lastPending: { key: string; rows: PendingRow[] } | null = null;

  constructor(private readonly db: Db) {}

  private all<T>(text: string, params: Record<string, unknown>, raw = false): T[] {
    let stmt = this.statements.get(text);
    if (!stmt) this.statements.set(text, (stmt = this.db.prepare(text)));
    return (raw ? stmt.raw(true).all(params) : stmt.all(params)) as T[];
  }

  /** The slice, the parameters, and the rows' condition: the period's bucket, or its days. */
  private slice(range: QueryRange): { slice: Slice; params: Record<string, unknown>; rows: string } {
    const slice = rollupSlice(range.filters);
    if (!slice) throw new Error('these filters are not answered by the rollup');
    if (!range.fromDay || !range.toDay) throw new Error('the rollup needs the local days of the period');
    const bucket = periodBucket(range.fromDay, range.toDay);
    return {
      slice,
      rows: bucket ? `${SLICE} AND local_day = @bucket` : DAYS,
      params: {
        dim: slice.dim,
        value: slice.value,
        raw: slice.raw,
        bucket,
        fromDay: range.fromDay,
        toDay: range.toDay,
        from: range.fromMs,
        to: range.toMs,
        now: range.nowMs,
      },
    };
  }

  /**
   * Rows whose figures depend on now: targets passed with nobody on scene, open hand-overs past
   * due. kpis (asked first for a period: `fresh`) reads them; breakdown and unreached reuse them.
   */
  private pending(range: QueryRange, fresh = false): PendingRow[] {
    const { slice, params } = this.slice(range);
    const key = JSON.stringify(params);
    if (!fresh && this.lastPending?.key === key) return this.lastPending.rows;
    const filter = slice.column ? `AND ${slice.column} = @raw` : '';
    const rows = this.all<PendingRow>(
      `SELECT local_day, dispatch_target_seconds,
          COALESCE(SUM(${WORKED} AND arrived_ms IS NULL AND dispatch_target_seconds IS NOT NULL AND received_ms + dispatch_target_seconds * 1000 < @now), 0),
          COALESCE(SUM(transfer_due_ms IS NOT NULL AND ${WORKED} AND status = 'transferred' AND transfer_due_ms < @now
              AND NOT COALESCE(closed_ms > transfer_due_ms, 0)), 0)
        FROM alert_stats INDEXED BY alert_stats_pending WHERE ${PENDING} AND received_ms >= @from AND received_ms < @to ${filter}
        GROUP BY 1, 2`,
      params,
      true,
    );
    this.lastPending = { key, rows };
    return rows;
  }

  kpis(range: QueryRange): KpiRow {
    const { params, rows } = this.slice(range);
    const [row] = this.all<KpiRow & { overdue_closed: number }>(
      `SELECT COALESCE(SUM(alerts), 0) AS alerts, COALESCE(SUM(cancelled), 0) AS cancelled, COALESCE(SUM(merged), 0) AS merged,
          COALESCE(SUM(dispatched), 0) AS dispatched, COALESCE(SUM(arrived), 0) AS arrived,
          COALESCE(SUM(judged), 0) AS judged, COALESCE(SUM(met), 0) AS met,
          COALESCE(SUM(cases12345), 0) AS cases12345, COALESCE(SUM(closed12345), 0) AS closed12345,
          COALESCE(SUM(transferred), 0) AS transferred, COALESCE(SUM(overdue_closed), 0) AS overdue_closed,
          COALESCE(SUM(demo), 0) AS demo
        FROM stats_day WHERE ${rows}`,
      params,
    );
    const { overdue_closed, ...counts } = row!;
    let unreached = 0;
    let overdueOpen = 0;
    for (const [, , u, o] of this.pending(range, true)) {
      unreached += u;
      overdueOpen += o;
    }
    return { ...counts, judged: counts.judged + unreached, overdue: overdue_closed + overdueOpen };
  }

  /** The days from the day rows (a bucket has none), hours and categories from the bucket's rows. */
  breakdown(range: QueryRange): Breakdown {
    const { params, rows } = this.slice(range);
    const days = this.all<[string, number, number, number]>(
      `SELECT local_day, SUM(alerts), SUM(judged), SUM(met) FROM stats_day WHERE ${DAYS}
        GROUP BY local_day HAVING SUM(alerts) > 0`,
      params,
      true,
    );
    const byDay = new Map(days.map((d) => [d[0], d]));
    for (const [day, , unreached] of this.pending(range)) {
      const d = byDay.get(day);
      if (d && unreached > 0) d[2] += unreached;
    }
    const hours = this.all<[number, number]>(
      `SELECT local_hour, SUM(alerts) FROM stats_day WHERE ${rows} GROUP BY local_hour HAVING SUM(alerts) > 0`,
      params,
      true,
    );
    const categories = this.all<[string, number]>(
      `SELECT category, SUM(alerts) FROM stats_day WHERE ${rows} GROUP BY category HAVING SUM(alerts) > 0`,
      params,
      true,
    );
    return { days, hours, categories };
  }

  responses(range: QueryRange): ResponseRow[] {
    const { params, rows } = this.slice(range);
    return this.all<ResponseRow>(
      `SELECT target, NULLIF(met, -1), seconds, SUM(n) FROM stats_day_response
        WHERE ${rows} GROUP BY target, met, seconds HAVING SUM(n) > 0`,
      params,
      true,
    );
  }

  unreached(range: QueryRange): [number, number][] {
    const byTarget = new Map<number, number>();
    for (const [, target, unreached] of this.pending(range))
      if (unreached > 0 && target !== null) byTarget.set(target, (byTarget.get(target) ?? 0) + unreached);
    return [...byTarget];
  }

  handling(range: QueryRange): [number, number][] {
    const { params, rows } = this.slice(range);
    return this.all<[number, number]>(
      `SELECT seconds, SUM(n) FROM stats_day_handling WHERE ${rows} GROUP BY seconds HAVING SUM(n) > 0`,
      params,
      true,
    );
  }
}
