/** The heat map's data (警情云图): stored alerts of a period, filtered by category and hour of day. */
import type { Db } from '../db/database';
import type { HeatmapQuery, HeatmapResult, HeatPoint } from '../../../shared/contract/insightContract';
import { cityHour } from '../../../shared/domain/cityTime';

/** More points than this add nothing a heat map can show; the newest are kept. */
export const HEATMAP_POINT_LIMIT = 20_000;

interface Row {
  id: string;
  lng: number;
  lat: number;
  category: HeatPoint['category'];
  priority: HeatPoint['priority'];
  reported_at: string;
  address: string;
}

/**
 * Merged and transferred alerts are left out: a merged one is the same incident as its keeper,
 * a transferred one happened elsewhere. The period compares instants (reported_at is ISO with an
 * offset), so it is filtered in JS after a coarse SQL prefilter on the text with a day's margin.
 */
export function heatmapPoints(db: Db, query: HeatmapQuery, limit = HEATMAP_POINT_LIMIT): HeatmapResult {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const margin = 86_400_000;
  const cats = query.categories?.length ? query.categories : null;
  const rows = db
    .prepare<unknown[], Row>(
      `SELECT id, lng, lat, category, priority, reported_at, address FROM alerts
       WHERE reported_at >= ? AND reported_at < ? AND status NOT IN ('merged', 'transferred')
       ${cats ? `AND category IN (${cats.map(() => '?').join(',')})` : ''}
`,
    )
    .all(
      new Date(from - margin).toISOString().slice(0, 10),
      new Date(to + margin).toISOString(),
      ...(cats ?? []),
    );
  const hour = query.hour ?? null;
  const matching = rows
    .map((r) => ({ r, t: Date.parse(r.reported_at) }))
    .filter(({ r, t }) => t >= from && t < to && (hour === null || cityHour(r.reported_at) === hour))
    .sort((a, b) => b.t - a.t)
    .map(({ r }) => r);
  return {
    points: matching.slice(0, limit).map((r) => ({
      id: r.id,
      lng: r.lng,
      lat: r.lat,
      category: r.category,
      priority: r.priority,
      reportedAt: r.reported_at,
      address: r.address,
    })),
    total: matching.length,
    capped: matching.length > limit,
  };
}
