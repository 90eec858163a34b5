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
/** Grid of the aggregated heat map, in degrees (≈ 220 m north–south; the heat blurs over 8–30 px, ≈ 500 m at zoom 12). */
export const HEATMAP_CELL_DEGREES = 0.002;

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
export function heatmapPoints(db: Db, query: HeatmapQuery, limit = HEATMAP_POINT_LIMIT): HeatmapResult {
  const cats = query.categories?.length ? query.categories : null;
  const hour = query.hour ?? null;
  const where = `${JD} >= @fromJd AND ${JD} < @toJd AND status <> 'merged' AND status <> 'transferred'
      ${cats ? `AND category IN (${cats.map((_, i) => `@c${i}`).join(',')})` : ''}
      ${hour === null ? '' : `AND ${CITY_HOUR} = @hour`}`;
  const params: Record<string, unknown> = {
    fromJd: Date.parse(query.from) / 86_400_000 + 2440587.5,
    toJd: Date.parse(query.to) / 86_400_000 + 2440587.5,
    limit,
    cell: HEATMAP_CELL_DEGREES,
  };
  cats?.forEach((c, i) => (params[`c${i}`] = c));
  if (hour !== null) params.hour = hour;
  const rows = db
    .prepare<[Record<string, unknown>], Row>(
      `SELECT id, lng, lat, category, priority, reported_at, address FROM alerts WHERE rowid IN (
         SELECT rowid FROM alerts INDEXED BY alerts_reported_instant WHERE ${where} ORDER BY ${JD} DESC, rowid LIMIT @limit + 1)
        ORDER BY ${JD} DESC, rowid`,
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
      `SELECT (CAST(lng / @cell AS INTEGER) + 0.5) * @cell AS lng, (CAST(lat / @cell AS INTEGER) + 0.5) * @cell AS lat,
              COUNT(*) AS count, SUM(${heatWeightSql('priority')}) AS weight
         FROM alerts INDEXED BY alerts_reported_instant WHERE ${where}
        GROUP BY CAST(lng / @cell AS INTEGER), CAST(lat / @cell AS INTEGER)`,
    )
    .all(params);
  const total = cells.reduce((n, c) => n + c.count, 0);
  return { points, total, capped, cells };
}
