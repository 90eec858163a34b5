/** The heat map's data (警情云图): stored alerts of a period, filtered by category and hour of day. */
import type { Db } from '../db/database';
import type {
  HeatCell,
  HeatmapQuery,
  HeatmapResult,
  HeatPoint,
} from '../../../shared/contract/insightContract';
import { CITY_UTC_OFFSET_MINUTES } from '../../../shared/domain/cityTime';
import { heatWeightSql } from '../../../shared/domain/heatWeight';
import { HEAT_CELL_DEGREES_SQL, HEATMAP_CELL_INDEX, heatCellSql } from '../db/heatmapCellMigration';
import type { AddedCells, HeatDayCache } from './heatDayCache';

/** More points than this add nothing a heat map can show; the newest are kept (a click lists them). */
export const HEATMAP_POINT_LIMIT = 20_000;
/**
 * Points shipped when capped: the map heats from the cells then, the points only answer a click
 * on a hot spot (20,000 of them made 4.9 MB of JSON for a month of a large city).
 */
export const HEATMAP_CAPPED_POINTS = 5_000;
/** Grid of the aggregated heat map, in degrees (≈ 220 m north–south; the heat blurs over 8–30 px, ≈ 500 m at zoom 12). */
export const HEATMAP_CELL_DEGREES = Number(HEAT_CELL_DEGREES_SQL);
/**
 * The cells are read in cell order (migration 16, no sort) when the period holds at least this
 * share of the stored history's time span; else through the period index and a sort (a day of a
 * long history). Both give the same cells.
 */
export const CELL_ORDER_MIN_SHARE = 0.25;

export interface HeatmapOptions {
  /** Points shipped when capped (at most `limit`). */
  cappedLimit?: number;
  /** Force the cells' path (tests compare them); default by CELL_ORDER_MIN_SHARE. */
  cellPath?: 'period' | 'cell';
  /** Closed days' cells kept by the host (heatDayCache.ts): only partial and changed days are read. */
  cache?: HeatDayCache;
}

interface Row {
  id: string;
  lng: number;
  lat: number;
  category: HeatPoint['category'];
  priority: HeatPoint['priority'];
  reported_at: string;
  address: string;
}

/** reported_at (ISO with any offset) as Julian day: the instant, whatever offset it was written with (the index's expression). */
const JD = 'julianday(reported_at)';
/** Hour of day in city time (UTC+8, no daylight saving; shared/domain/cityTime.ts), from the instant. */
const CITY_HOUR = `((CAST((${JD} - 2440587.5) * 1440 AS INTEGER) + ${CITY_UTC_OFFSET_MINUTES}) % 1440) / 60`;

/**
 * Merged and transferred alerts are left out: a merged one is the same incident as its keeper,
 * a transferred one happened elsewhere. The period compares instants. Everything is filtered and
 * aggregated in SQL through the covering index on the instant (migration 14): a month of a large
 * city ships the newest points and a grid of cells, never every alert.
 */
export function heatmapPoints(
  db: Db,
  query: HeatmapQuery,
  limit = HEATMAP_POINT_LIMIT,
  options: HeatmapOptions = {},
): HeatmapResult {
  const cats = query.categories?.length ? query.categories : null;
  const hour = query.hour ?? null;
  const where = `${JD} >= @fromJd AND ${JD} < @toJd AND status <> 'merged' AND status <> 'transferred'
      ${cats ? `AND category IN (${cats.map((_, i) => `@c${i}`).join(',')})` : ''}
      ${hour === null ? '' : `AND ${CITY_HOUR} = @hour`}`;
  const fromJd = Date.parse(query.from) / 86_400_000 + 2440587.5;
  const toJd = Date.parse(query.to) / 86_400_000 + 2440587.5;
  const params: Record<string, unknown> = { fromJd, toJd, limit };
  cats?.forEach((c, i) => (params[`c${i}`] = c));
  if (hour !== null) params.hour = hour;
  // More than `limit`? Counted on the covering period index, reading at most limit + 1 entries.
  const { n } = db
    .prepare<[Record<string, unknown>], { n: number }>(
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM alerts INDEXED BY alerts_reported_instant WHERE ${where} LIMIT @limit + 1)`,
    )
    .get(params)!;
  const capped = n > limit;
  const shown = capped ? Math.min(limit, options.cappedLimit ?? HEATMAP_CAPPED_POINTS) : limit;
  const rows = db
    .prepare<[Record<string, unknown>], Row>(
      `SELECT id, lng, lat, category, priority, reported_at, address FROM alerts WHERE rowid IN (
         SELECT rowid FROM alerts INDEXED BY alerts_reported_instant WHERE ${where} ORDER BY ${JD} DESC, rowid LIMIT @shown)
        ORDER BY ${JD} DESC, rowid`,
    )
    .all({ ...params, shown });
  const points = rows.map((r) => ({
    id: r.id,
    lng: r.lng,
    lat: r.lat,
    category: r.category,
    priority: r.priority,
    reportedAt: r.reported_at,
    address: r.address,
  }));
  if (!capped) return { points, total: points.length, capped, cells: [] };
  const [x, y] = [heatCellSql('lng'), heatCellSql('lat')];
  const weight = `SUM(${heatWeightSql('priority')})`;
  if (options.cache && !options.cellPath) {
    const cellsOf = db.prepare<[Record<string, unknown>], [number, number, number, number]>(
      `SELECT ${x}, ${y}, COUNT(*), ${weight} FROM alerts INDEXED BY alerts_reported_instant WHERE ${where} GROUP BY 1, 2`,
    );
    cellsOf.raw(true);
    const key = JSON.stringify([cats ? [...cats].sort() : null, hour]);
    const added = options.cache.cells(db, key, fromJd, toJd, (from, to) =>
      Float64Array.from(cellsOf.all({ ...params, fromJd: from, toJd: to }).flat()),
    );
    if (added)
      return { points, total: added.count.reduce((a, b) => a + b, 0), capped, cells: cellsAt(added) };
  }
  const path =
    options.cellPath ?? (periodShare(db, fromJd, toJd) >= CELL_ORDER_MIN_SHARE ? 'cell' : 'period');
  const index = path === 'cell' ? HEATMAP_CELL_INDEX : 'alerts_reported_instant';
  const cells = db
    .prepare<[Record<string, unknown>], HeatCell>(
      `SELECT (${x} + 0.5) * ${HEAT_CELL_DEGREES_SQL} AS lng, (${y} + 0.5) * ${HEAT_CELL_DEGREES_SQL} AS lat,
              COUNT(*) AS count, ${weight} AS weight
         FROM alerts INDEXED BY ${index} WHERE ${where}
        GROUP BY ${x}, ${y}`,
    )
    .all(params);
  const total = cells.reduce((c, cell) => c + cell.count, 0);
  return { points, total, capped, cells };
}

function cellsAt(added: AddedCells): HeatCell[] {
  return added.cx.map((cx, i) => ({
    lng: (cx + 0.5) * HEATMAP_CELL_DEGREES,
    lat: (added.cy[i]! + 0.5) * HEATMAP_CELL_DEGREES,
    count: added.count[i]!,
    weight: added.weight[i]!,
  }));
}

/** The share of the stored alerts' time span that [fromJd, toJd) covers (two index look-ups). */
function periodShare(db: Db, fromJd: number, toJd: number): number {
  const edge = (order: 'ASC' | 'DESC') =>
    db
      .prepare<[], { jd: number }>(
        `SELECT ${JD} AS jd FROM alerts INDEXED BY alerts_reported_instant ORDER BY ${JD} ${order} LIMIT 1`,
      )
      .get()?.jd ?? 0;
  const [lo, hi] = [edge('ASC'), edge('DESC')];
  const span = hi - lo;
  if (span <= 0) return 1;
  return Math.max(0, Math.min(toJd, hi) - Math.max(fromJd, lo)) / span;
}
