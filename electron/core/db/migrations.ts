/**
 * Versioned schema migrations, applied in order inside one transaction each by migrate()
 * (migrationRunner.ts); the applied version is SQLite's `user_version`. Never edit a released
 * migration: add the next one. The bodies live by number range in their own modules.
 */
import { MIGRATIONS_1_TO_6 } from './migrationsCore';
import { MIGRATIONS_7_TO_16 } from './migrationsInsight';
import { STATS_ROLLUP_DIMS_MIGRATION_SQL } from './statsRollupDimsMigration';
import { STATS_ROLLUP_BUCKETS_MIGRATION_SQL } from './statsRollupBucketsMigration';
import { HEAT_DAY_STAMP_MIGRATION_SQL } from './heatDayStampMigration';
import { STATS_ROLLUP_TRIGGERS_MIGRATION_SQL } from './statsRollupTriggersMigration';
import { STATS_ROLLUP_DELTA_MIGRATION_SQL } from './statsRollupDeltaMigration';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  ...MIGRATIONS_1_TO_6,
  ...MIGRATIONS_7_TO_16,
  {
    version: 17,
    description:
      'statistics rollup by hour of day and category: two more slices kept by the triggers on alert_stats, backfilled',
    sql: STATS_ROLLUP_DIMS_MIGRATION_SQL,
  },
  {
    version: 18,
    description:
      'statistics rollup by ISO week and calendar month: two more buckets beside the day, kept by the triggers on alert_stats, backfilled from the day rows',
    sql: STATS_ROLLUP_BUCKETS_MIGRATION_SQL,
  },
  {
    version: 19,
    description:
      'heat map: a change stamp per city day, bumped by triggers on alerts (closed days cached by the host)',
    sql: HEAT_DAY_STAMP_MIGRATION_SQL,
  },
  {
    version: 20,
    description:
      'statistics rollup: the update trigger split by table, each firing only when a column its rows are computed from changed',
    sql: STATS_ROLLUP_TRIGGERS_MIGRATION_SQL,
  },
  {
    version: 21,
    description:
      'statistics rollup: counts moved by their difference when an update keeps the row’s keys (none when no count moved)',
    sql: STATS_ROLLUP_DELTA_MIGRATION_SQL,
  },
];
