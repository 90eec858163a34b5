import type { Db } from '../db/database';
import type { StatsFilters } from '../../../shared/contract/statsContract';
import { PENDING } from '../db/statsRollupMigration';
import type { BreakdownRow, KpiRow, PeriodQueries, QueryRange, ResponseRow } from './statsQueries';

/**
 * The statistics view's figures from the per-day rollup (migration 12): the same rows as
 * StatsQueries reads from alert_stats, from a few thousand rows per day instead of every alert.
 * What depends on the time of the query (unreached targets, open hand-overs past due) comes from
 * the few alert_stats rows of the partial index alert_stats_pending.
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

const WORKED = "(status <> 'merged' AND status <> 'cancelled')";

interface PendingRow {
  local_day: string;
  local_hour: number;
  category: string;
  target: number | null;
  unreached: number;
  overdue_open: number;
}

export class RollupQueries implements PeriodQueries {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();

  constructor(private readonly db: Db) {}

  private all<T>(text: string, params: Record<string, unknown>, raw = false): T[] {
    let stmt = this.statements.get(text);
    if (!stmt) this.statements.set(text, (stmt = this.db.prepare(text)));
    return (raw ? stmt.raw(true).all(params) : stmt.all(params)) as T[];
  }

  private slice(range: QueryRange): { slice: Slice; params: Record<string, unknown> } {
    const slice = rollupSlice(range.filters);
    if (!slice) throw new Error('these filters are not answered by the rollup');
    if (!range.fromDay || !range.toDay) throw new Error('the rollup needs the local days of the period');
    return {
      slice,
      params: {
        dim: slice.dim,
        value: slice.value,
        raw: slice.raw,
        fromDay: range.fromDay,
        toDay: range.toDay,
        from: range.fromMs,
        to: range.toMs,
        now: range.nowMs,
      },
    };
  }

  private static readonly DAYS =
    'dim = @dim AND value = @value AND local_day >= @fromDay AND local_day <= @toDay';

  /** Rows whose figures depend on now: targets passed with nobody on scene, open hand-overs past due. */
  private pending(range: QueryRange, fresh = false): PendingRow[] {
    const { slice, params } = this.slice(range);
    // kpis (asked first for a period), then breakdown and unreached read the same rows: once.
    const key = JSON.stringify(params);
    if (!fresh && this.lastPending?.key === key) return this.lastPending.rows;
    const rows = this.readPending(slice, params);
    this.lastPending = { key, rows };
    return rows;
  }

  private lastPending: { key: string; rows: PendingRow[] } | null = null;

  private readPending(slice: Slice, params: Record<string, unknown>): PendingRow[] {
    const filter = slice.column ? `AND ${slice.column} = @raw` : '';
    return this.all<PendingRow>(
      `SELECT local_day, local_hour, category, dispatch_target_seconds AS target,
          COALESCE(SUM(${WORKED} AND arrived_ms IS NULL AND dispatch_target_seconds IS NOT NULL AND received_ms + dispatch_target_seconds * 1000 < @now), 0) AS unreached,
          COALESCE(SUM(transfer_due_ms IS NOT NULL AND ${WORKED} AND status = 'transferred' AND transfer_due_ms < @now
              AND NOT COALESCE(closed_ms > transfer_due_ms, 0)), 0) AS overdue_open
        FROM alert_stats INDEXED BY alert_stats_pending WHERE ${PENDING} AND received_ms >= @from AND received_ms < @to ${filter}
        GROUP BY 1, 2, 3, 4`,
      params,
    );
  }

  kpis(range: QueryRange): KpiRow {
    const { params } = this.slice(range);
    const [row] = this.all<KpiRow & { overdue_closed: number }>(
      `SELECT COALESCE(SUM(alerts), 0) AS alerts, COALESCE(SUM(cancelled), 0) AS cancelled, COALESCE(SUM(merged), 0) AS merged,
          COALESCE(SUM(dispatched), 0) AS dispatched, COALESCE(SUM(arrived), 0) AS arrived,
          COALESCE(SUM(judged), 0) AS judged, COALESCE(SUM(met), 0) AS met,
          COALESCE(SUM(cases12345), 0) AS cases12345, COALESCE(SUM(closed12345), 0) AS closed12345,
          COALESCE(SUM(transferred), 0) AS transferred, COALESCE(SUM(overdue_closed), 0) AS overdue_closed,
          COALESCE(SUM(demo), 0) AS demo
        FROM stats_day WHERE ${RollupQueries.DAYS}`,
      params,
    );
    const { overdue_closed, ...counts } = row!;
    let unreached = 0;
    let overdueOpen = 0;
    for (const p of this.pending(range, true)) {
      unreached += p.unreached;
      overdueOpen += p.overdue_open;
    }
    return { ...counts, judged: counts.judged + unreached, overdue: overdue_closed + overdueOpen };
  }

  breakdown(range: QueryRange): BreakdownRow[] {
    const { params } = this.slice(range);
    const rows = this.all<BreakdownRow>(
      `SELECT local_day, local_hour, category, alerts, judged, met FROM stats_day
        WHERE ${RollupQueries.DAYS} AND alerts > 0`,
      params,
    );
    const key = (r: { local_day: string; local_hour: number; category: string }) =>
      `${r.local_day}|${r.local_hour}|${r.category}`;
    const byKey = new Map(rows.map((r) => [key(r), r]));
    for (const p of this.pending(range)) {
      if (p.unreached === 0) continue;
      const r = byKey.get(key(p));
      if (r) r.judged += p.unreached;
    }
    return rows;
  }

  responses(range: QueryRange): ResponseRow[] {
    const { params } = this.slice(range);
    return this.all<ResponseRow>(
      `SELECT target, NULLIF(met, -1), seconds, SUM(n) FROM stats_day_response
        WHERE ${RollupQueries.DAYS} GROUP BY target, met, seconds HAVING SUM(n) > 0`,
      params,
      true,
    );
  }

  unreached(range: QueryRange): [number, number][] {
    const byTarget = new Map<number, number>();
    for (const p of this.pending(range))
      if (p.unreached > 0 && p.target !== null)
        byTarget.set(p.target, (byTarget.get(p.target) ?? 0) + p.unreached);
    return [...byTarget];
  }

  handling(range: QueryRange): [number, number][] {
    const { params } = this.slice(range);
    return this.all<[number, number]>(
      `SELECT seconds, SUM(n) FROM stats_day_handling WHERE ${RollupQueries.DAYS} GROUP BY seconds HAVING SUM(n) > 0`,
      params,
      true,
    );
  }
}
