/**
 * Migration 21: stats_day's update trigger split by whether the row's keys moved.
 *
 * Most updates of an alert_stats row keep its keys (day, hour, category, district, unit type,
 * source): an arrival, a status step, a closure. Taking the old row out and putting the new one in
 * cost 2 × 18 upserts (six slices × three buckets); when the keys stayed, one upsert per slice
 * and bucket with the difference does the same, and none when no count moved (a status step from
 * dispatched to en route to on scene). A change of keys (the first dispatch sets district and unit
 * type; an amended category) still takes the old row out and puts the new one in.
 */
import { ROLLUP_BUCKETS } from './statsRollupBucketsMigration';
import { ROLLUP_SLICES } from './statsRollupDimsMigration';
import { applyCountDelta, applyTo, ROLLUP_INPUTS, ROLLUP_KEY_COLUMNS } from './statsRollupMigration';

const keysMoved = ROLLUP_KEY_COLUMNS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
const countsMoved = ROLLUP_INPUTS.stats_day
  .filter((c) => !ROLLUP_KEY_COLUMNS.includes(c))
  .map((c) => `OLD.${c} IS NOT NEW.${c}`)
  .join(' OR ');

export const STATS_ROLLUP_DELTA_MIGRATION_SQL = `
  DROP TRIGGER stats_day_on_change;
  CREATE TRIGGER stats_day_on_change AFTER UPDATE ON alert_stats WHEN ${keysMoved}
  BEGIN ${applyTo('stats_day', ROLLUP_SLICES, ROLLUP_BUCKETS, 'OLD', -1)} ${applyTo('stats_day', ROLLUP_SLICES, ROLLUP_BUCKETS, 'NEW', 1)}
  END;
  CREATE TRIGGER stats_day_on_count_change AFTER UPDATE ON alert_stats WHEN NOT (${keysMoved}) AND (${countsMoved})
  BEGIN ${applyCountDelta(ROLLUP_SLICES, ROLLUP_BUCKETS)}
  END;
`;
