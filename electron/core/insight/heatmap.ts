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

/** More points than this add nothing a heat map can show; the newest are kept (a click lists them). */
export const HEATMAP_POINT_LIMIT = 20_000;
/** Grid of the aggregated heat map, in degrees (≈ 110 m north–south; a heat map blurs over 8–30 px anyway). */
export const HEATMAP_CELL_DEGREES = 0.001;

interface Row {
  id: string;
  lng: number;
  lat: number;
  category: HeatPoint['category'];
  priority: HeatPoint['priority'];
  reported_at: string;
  address: string;
}

/** reported_at (ISO with any offset) as Julian day: the instant, whatever offset it was written with. */
const JD = 'julianday(reported_at)';
/** Hour of day in city time (UTC+8, no daylight saving; shared/domain/cityTime.ts), from the instant. */
const CITY_HOUR = `((CAST((${JD} - 2440587.5) * 1440 AS INTEGER) + ${CITY_UTC_OFFSET_MINUTES}) % 1440) / 60`;

/**
 * Merged and transferred alerts are left out: a merged one is the same incident as its keeper,
 * a transferred one happened elsewhere. The period compares instants; a coarse prefilter on the
 * text (with a day's margin, through the index on reported_at) narrows the rows first. Everything
 * is filtered and aggregated in SQL: a month of a large city ships a grid of cells and the newest
 * points, never every alert.
 */
export function heatmapPoints(db: Db, query: HeatmapQuery, limit = HEATMAP_POINT_LIMIT): HeatmapResult {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const margin = 86_400_000;
  const cats = query.categories?.length ? query.categories : null;
  const hour = query.hour ?? null;
  const where = `reported_at >= @fromText AND reported_at < @toText AND status <> 'merged' AND status <> 'transferred'
      ${cats ? `AND category IN (${cats.map((_, i) => `@c${i}`).join(',')})` : ''}
      AND ${JD} >= @fromJd AND ${JD} < @toJd ${hour === null ? '' : `AND ${CITY_HOUR} = @hour`}`;
  const params: Record<string, unknown> = {
    fromText: new Date(from - margin).toISOString().slice(0, 10),
    toText: new Date(to + margin).toISOString(),
    fromJd: from / 86_400_000 + 2440587.5,
    toJd: to / 86_400_000 + 2440587.5,
    limit,
    cell: HEATMAP_CELL_DEGREES,
  };
  cats?.forEach((c, i) => (params[`c${i}`] = c));
  if (hour !== null) params.hour = hour;
  const rows = db
    .prepare<[Record<string, unknown>], Row>(
      `SELECT id, lng, lat, category, priority, reported_at, address FROM alerts WHERE ${where}
        ORDER BY ${JD} DESC, rowid LIMIT @limit + 1`,
    )
    .all(params);
  const capped = rows.length > limit;
  const points = rows.slice(0, limit).map((r) => ({
    id: r.id,
    lng: r.lng,
    lat: r.lat,
    category: r.category,
    priority: r.priority,
    reportedAt: r.reported_at,
    address: r.address,
  }));
  if (!capped) return { points, total: points.length, capped, cells: [] };
  const cells = db
    .prepare<[Record<string, unknown>], HeatCell>(
      `SELECT (ROUND(lng / @cell) * @cell) AS lng, (ROUND(lat / @cell) * @cell) AS lat, COUNT(*) AS count,
              SUM(${heatWeightSql('priority')}) AS weight
         FROM alerts WHERE ${where} GROUP BY ROUND(lng / @cell), ROUND(lat / @cell)`,
    )
    .all(params);
  const total = cells.reduce((n, c) => n + c.count, 0);
  return { points, total, capped, cells };
}
