/**
 * Migration 16: the heat map's alerts by grid cell (警情云图, electron/core/insight/heatmap.ts).
 *
 * The cells of a month of a Xi'an-size city (500,000 alerts, 22,600 cells of 0.002°) were a
 * GROUP BY over the period index: every matching alert went through a temporary B-tree sort,
 * 0.6–1.8 s warm and seconds under load. A per-day rollup would not help: at that grid a day has
 * about one alert per (day, category, cell) — 491,216 such keys for 505,084 alerts. This index is
 * ordered by the cell, so the GROUP BY streams in index order (no sort) and, being covering, never
 * reads an alert row. It is kept by SQLite in the transaction of every alert write.
 *
 * The cell size is written into the index expressions, which the query must repeat exactly for
 * SQLite to use them: a different size needs a new migration (never edit this one).
 */

/** Grid of the aggregated heat map, in degrees (≈ 220 m north–south). */
export const HEAT_CELL_DEGREES_SQL = '0.002';
/** The cell column of a coordinate column, exactly as indexed. */
export const heatCellSql = (column: 'lng' | 'lat'): string =>
  `CAST(${column} / ${HEAT_CELL_DEGREES_SQL} AS INTEGER)`;

export const HEATMAP_CELL_INDEX = 'alerts_heat_cell';

export const HEATMAP_CELL_INDEX_SQL = `
  CREATE INDEX ${HEATMAP_CELL_INDEX} ON alerts (
    ${heatCellSql('lng')}, ${heatCellSql('lat')}, julianday(reported_at), status, category, priority, lng, lat
  );
`;
