/**
 * Migration 20: the rollup's update trigger split by table, each firing only when a column its
 * rows are computed from changed.
 *
 * With six slices (migration 17) and three buckets (migration 18) one alert_stats update took
 * 18 rows out of and put 18 back into each of the three rollup tables, whatever changed: writing a
 * month of history cost 2.5 ms an alert against 1.0–1.4 ms before those migrations. Most updates
 * touch one table: a resolve step only the handling seconds, a dispatch (its unit) only the counts,
 * a change of a column no table reads (priority, the unit id, the dispatch target) none. The
 * insert and delete triggers stay as migration 18 made them.
 */
import { ROLLUP_BUCKETS } from './statsRollupBucketsMigration';
import { ROLLUP_SLICES } from './statsRollupDimsMigration';
import { applyTo, ROLLUP_INPUTS, STATS_ROLLUP_TABLES } from './statsRollupMigration';

/** The update triggers from this version on, one per rollup table. */
export const ROLLUP_UPDATE_TRIGGERS = STATS_ROLLUP_TABLES.map((t) => `${t}_on_change`);

export const STATS_ROLLUP_TRIGGERS_MIGRATION_SQL = `
  DROP TRIGGER stats_day_on_update;
  ${STATS_ROLLUP_TABLES.map(
    (t) => `
  CREATE TRIGGER ${t}_on_change AFTER UPDATE ON alert_stats
    WHEN ${ROLLUP_INPUTS[t].map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}
  BEGIN ${applyTo(t, ROLLUP_SLICES, ROLLUP_BUCKETS, 'OLD', -1)} ${applyTo(t, ROLLUP_SLICES, ROLLUP_BUCKETS, 'NEW', 1)}
  END;`,
  ).join('')}
`;
