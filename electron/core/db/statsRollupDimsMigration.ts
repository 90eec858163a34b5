/**
 * Migration 17: hour of day and category as slices of the statistics rollup (migration 12).
 *
 * Those two filters were answered row by row from alert_stats: a month at one hour (34,000 of
 * 515,000 alerts, spread over every day) or one category (63,000) took 0.4–0.7 s, as long as no
 * rollup at all. Each alert_stats row now also counts in its local hour (dim 'h', the hour as
 * text) and its category (dim 'c'). The triggers of migration 12 are replaced by ones that keep
 * all six slices, in the transaction of every write; the two new slices are backfilled from the
 * summary as it stands. A responsible unit is no slice: its month is ~1,400 rows read through
 * alert_stats_unit (bench/stats.ts).
 */
import {
  rollupBackfillSql,
  rollupTriggersSql,
  SLICES_12,
  STATS_ROLLUP_TRIGGERS,
  type RollupSlice,
} from './statsRollupMigration';

const NEW_SLICES: readonly RollupSlice[] = [
  ['h', (r) => `CAST(${r}.local_hour AS TEXT)`],
  ['c', (r) => `${r}.category`],
];

/** Every slice of the rollup from this version on: none, district, unit type, source, hour, category. */
export const ROLLUP_SLICES: readonly RollupSlice[] = [...SLICES_12, ...NEW_SLICES];

export const STATS_ROLLUP_DIMS_MIGRATION_SQL = `
  ${STATS_ROLLUP_TRIGGERS.map((t) => `DROP TRIGGER ${t};`).join('\n  ')}
  ${rollupTriggersSql(ROLLUP_SLICES)}
  -- The new slices, from the summary as it stands.
  ${rollupBackfillSql(NEW_SLICES)}
`;
