/** Migrations 7–16: statistics, ETA calibration, video evidence, month-scale indexes, handover, heat map. */
import type { Migration } from './migrations';
import { STATS_MIGRATION_SQL } from './statsMigration';
import { STATS_ROLLUP_MIGRATION_SQL } from './statsRollupMigration';
import { HEATMAP_CELL_INDEX_SQL } from './heatmapCellMigration';

export const MIGRATIONS_7_TO_16: readonly Migration[] = [
  {
    version: 7,
    description:
      'statistics: one summary row per alert (alert_stats), kept by triggers, backfilled; alerts marked live or demo history',
    sql: STATS_MIGRATION_SQL,
  },
  {
    version: 8,
    description: 'ETA calibration: the road ETA predicted when each unit was sent, and the unit type then',
    sql: `
      -- NULL for dispatches stored before this version (or when the unit had no road ETA).
      ALTER TABLE dispatches ADD COLUMN predicted_eta_seconds REAL;
      ALTER TABLE dispatches ADD COLUMN unit_type TEXT;
    `,
  },
  {
    version: 9,
    description: 'video evidence: tile snapshots (files in the data folder) and marked moments per alert',
    sql: `
      CREATE TABLE video_snapshots (
        id         INTEGER PRIMARY KEY,
        alert_id   TEXT NOT NULL REFERENCES alerts (id),
        camera_id  TEXT NOT NULL,
        taken_at   TEXT NOT NULL,
        -- Relative to the data folder: snapshots/<alert>/<time>-<camera>.jpg
        file       TEXT NOT NULL UNIQUE,
        mime       TEXT NOT NULL CHECK (mime IN ('image/jpeg','image/png')),
        bytes      INTEGER NOT NULL CHECK (bytes > 0),
        sha256     TEXT NOT NULL,
        operator   TEXT NOT NULL
      );
      CREATE INDEX video_snapshots_alert ON video_snapshots (alert_id, taken_at);

      CREATE TABLE video_marks (
        id         INTEGER PRIMARY KEY,
        alert_id   TEXT NOT NULL REFERENCES alerts (id),
        camera_id  TEXT NOT NULL,
        at         TEXT NOT NULL,
        note       TEXT NOT NULL,
        operator   TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX video_marks_alert ON video_marks (alert_id, at);
    `,
  },
  {
    version: 10,
    description:
      'indexes for a month of a large city: the shift statistics read today by received/dispatched time',
    sql: `
      -- Without them the shift summary counts today's alerts and dispatches by reading every row
      -- of the month (bench/dbMonth.ts: 500,000 alerts).
      CREATE INDEX alerts_received ON alerts (received_at, status);
      CREATE INDEX dispatches_dispatched ON dispatches (dispatched_at);
      -- Statistics that know the new indexes (bounded by analysis_limit, set at open).
      ANALYZE alerts;
      ANALYZE dispatches;
    `,
  },
  {
    version: 11,
    description:
      'shift handover (交接班): what the outgoing officer handed over, accepted and signed by the incoming one',
    sql: `
      CREATE TABLE handovers (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        at                TEXT NOT NULL,
        outgoing          TEXT NOT NULL,
        incoming          TEXT NOT NULL,
        notes             TEXT NOT NULL,
        -- JSON of the handover (open and transferred cases, units out) as both officers saw it.
        snapshot          TEXT NOT NULL,
        -- The audit entries that sign it: the outgoing officer's hand-over, the incoming officer's acceptance.
        outgoing_audit_seq INTEGER NOT NULL,
        incoming_audit_seq INTEGER NOT NULL,
        CHECK (outgoing <> incoming)
      );
    `,
  },
  {
    version: 12,
    description:
      'statistics rollup: counts, response and handling seconds per local day in slices (all, district, unit type, source), kept by triggers on alert_stats, backfilled',
    sql: STATS_ROLLUP_MIGRATION_SQL,
  },
  {
    version: 13,
    description: 'heat map: alerts by reported time (the period prefilter of a month of a large city)',
    sql: `
      CREATE INDEX alerts_reported ON alerts (reported_at);
    `,
  },
  {
    version: 14,
    description:
      'heat map: alerts by report instant, covering what the heat map filters and aggregates (a month of a large city)',
    sql: `
      -- On the instant (reports carry any offset) and covering: the heat map's period, newest order,
      -- filters and grid read this index, not the alert rows (electron/core/insight/heatmap.ts).
      -- It replaces version 13's index on the text.
      DROP INDEX alerts_reported;
      CREATE INDEX alerts_reported_instant ON alerts (julianday(reported_at), status, category, priority, lng, lat);
    `,
  },
  {
    version: 15,
    description: 'ETA calibration by road class: the road class covering most of the route of each unit sent',
    sql: `
      -- A highway class (shared/domain/roadClass.ts); NULL ("unknown") for dispatches stored before
      -- this version or without a routed ETA.
      ALTER TABLE dispatches ADD COLUMN road_class TEXT;
    `,
  },
  {
    version: 16,
    description:
      'heat map: alerts by grid cell (the cells of a month of a large city aggregated in index order, without sorting)',
    sql: HEATMAP_CELL_INDEX_SQL,
  },
];
