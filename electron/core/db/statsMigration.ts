/**
 * Migration 6: the statistics summary (docs/statistics.md). One row per alert with everything
 * the statistics view filters and aggregates on, so a month of a large city (500,000 alerts)
 * is answered from one narrow, indexed table instead of joins over alerts, dispatches and
 * events. Triggers keep it current inside the very transaction that writes the alert, the
 * dispatch or the lifecycle step (no code path can forget it); existing rows are backfilled.
 *
 * Times are epoch milliseconds (UTC); `local_day` / `local_hour` are the console's local time
 * as SQLite's `localtime` sees it when the row is written (the process time zone).
 */

/** ISO 8601 text (with Z or an offset) → epoch ms. */
const ms = (x: string): string => `CAST(ROUND((julianday(${x}) - 2440587.5) * 86400000) AS INTEGER)`;

export const STATS_MIGRATION_SQL = `
  -- 'live' (the feed) or 'demo-history' (generated for the demo: docs/statistics.md).
  ALTER TABLE alerts ADD COLUMN origin TEXT NOT NULL DEFAULT 'live';

  CREATE TABLE alert_stats (
    alert_id                TEXT NOT NULL UNIQUE,
    received_ms             INTEGER NOT NULL,
    local_day               TEXT NOT NULL,
    local_hour              INTEGER NOT NULL,
    source                  TEXT NOT NULL,
    category                TEXT NOT NULL,
    priority                INTEGER NOT NULL,
    status                  TEXT NOT NULL,
    origin                  TEXT NOT NULL,
    -- The first unit sent (the responsible unit), its type and district as they were then.
    unit_id                 TEXT,
    unit_type               TEXT,
    district_id             TEXT,
    dispatched_ms           INTEGER,
    dispatch_target_seconds INTEGER,
    -- The first arrival of any unit, with the target and verdict stored on its dispatch row.
    arrived_ms              INTEGER,
    response_seconds        REAL,
    tier_target_seconds     INTEGER,
    tier_met                INTEGER,
    resolved_ms             INTEGER,
    transfer_due_ms         INTEGER,
    closed_ms               INTEGER
  );
  CREATE INDEX alert_stats_received ON alert_stats (received_ms);
  CREATE INDEX alert_stats_district ON alert_stats (district_id, received_ms);
  CREATE INDEX alert_stats_unit ON alert_stats (unit_id, received_ms);
  CREATE INDEX alert_stats_unit_type ON alert_stats (unit_type, received_ms);
  CREATE INDEX alert_stats_category ON alert_stats (category, received_ms);
  CREATE INDEX alert_stats_source ON alert_stats (source, received_ms);
  CREATE INDEX alert_stats_hour ON alert_stats (local_hour, received_ms);

  CREATE TRIGGER alert_stats_on_alert AFTER INSERT ON alerts BEGIN
    INSERT INTO alert_stats (alert_id, received_ms, local_day, local_hour, source, category, priority, status, origin)
    VALUES (NEW.id, ${ms('NEW.received_at')}, date(NEW.received_at, 'localtime'), CAST(strftime('%H', NEW.received_at, 'localtime') AS INTEGER),
            NEW.source, NEW.category, NEW.priority, NEW.status, NEW.origin)
    ON CONFLICT (alert_id) DO NOTHING;
  END;

  CREATE TRIGGER alert_stats_on_alert_change AFTER UPDATE OF status, category, priority, origin ON alerts BEGIN
    UPDATE alert_stats SET status = NEW.status, category = NEW.category, priority = NEW.priority, origin = NEW.origin WHERE alert_id = NEW.id;
  END;

  CREATE TRIGGER alert_stats_on_dispatch AFTER INSERT ON dispatches BEGIN
    UPDATE alert_stats SET
      unit_id = NEW.unit_id,
      unit_type = (SELECT type FROM units WHERE id = NEW.unit_id),
      district_id = (SELECT district_id FROM units WHERE id = NEW.unit_id),
      dispatched_ms = ${ms('NEW.dispatched_at')},
      dispatch_target_seconds = NEW.tier_target_seconds
    WHERE alert_id = NEW.alert_id AND dispatched_ms IS NULL;
  END;

  -- A dispatch row written already arrived (imported or generated history) counts as an arrival too.
  CREATE TRIGGER alert_stats_on_dispatch_arrived AFTER INSERT ON dispatches WHEN NEW.arrived_at IS NOT NULL BEGIN
    UPDATE alert_stats SET
      arrived_ms = ${ms('NEW.arrived_at')},
      response_seconds = NEW.response_seconds,
      tier_target_seconds = NEW.tier_target_seconds,
      tier_met = NEW.tier_met
    WHERE alert_id = NEW.alert_id AND (arrived_ms IS NULL OR ${ms('NEW.arrived_at')} < arrived_ms);
  END;

  CREATE TRIGGER alert_stats_on_arrival AFTER UPDATE OF arrived_at ON dispatches WHEN NEW.arrived_at IS NOT NULL BEGIN
    UPDATE alert_stats SET
      arrived_ms = ${ms('NEW.arrived_at')},
      response_seconds = NEW.response_seconds,
      tier_target_seconds = NEW.tier_target_seconds,
      tier_met = NEW.tier_met
    WHERE alert_id = NEW.alert_id AND (arrived_ms IS NULL OR ${ms('NEW.arrived_at')} < arrived_ms);
  END;

  CREATE TRIGGER alert_stats_on_step AFTER INSERT ON alert_events WHEN NEW.action IN ('resolve', 'close', 'transfer', 'reopen') BEGIN
    UPDATE alert_stats SET
      resolved_ms = CASE NEW.action WHEN 'resolve' THEN ${ms('NEW.at')} WHEN 'reopen' THEN NULL ELSE resolved_ms END,
      closed_ms = CASE NEW.action WHEN 'close' THEN ${ms('NEW.at')} WHEN 'reopen' THEN NULL ELSE closed_ms END,
      transfer_due_ms = CASE NEW.action WHEN 'transfer' THEN ${ms("json_extract(NEW.data, '$.dueAt')")} ELSE transfer_due_ms END
    WHERE alert_id = NEW.alert_id;
  END;

  -- Backfill: every alert stored before this version, with its first dispatch and arrival and
  -- its latest resolve / close / transfer step.
  INSERT INTO alert_stats (alert_id, received_ms, local_day, local_hour, source, category, priority, status, origin)
    SELECT id, ${ms('received_at')}, date(received_at, 'localtime'), CAST(strftime('%H', received_at, 'localtime') AS INTEGER),
           source, category, priority, status, origin FROM alerts;
  UPDATE alert_stats SET (unit_id, unit_type, district_id, dispatched_ms, dispatch_target_seconds) = (
    SELECT d.unit_id, u.type, u.district_id, ${ms('d.dispatched_at')}, d.tier_target_seconds
      FROM dispatches d LEFT JOIN units u ON u.id = d.unit_id
     WHERE d.alert_id = alert_stats.alert_id ORDER BY d.id LIMIT 1);
  UPDATE alert_stats SET (arrived_ms, response_seconds, tier_target_seconds, tier_met) = (
    SELECT ${ms('d.arrived_at')}, d.response_seconds, d.tier_target_seconds, d.tier_met
      FROM dispatches d WHERE d.alert_id = alert_stats.alert_id AND d.arrived_at IS NOT NULL ORDER BY julianday(d.arrived_at), d.id LIMIT 1);
  UPDATE alert_stats SET
    resolved_ms = (SELECT ${ms('e.at')} FROM alert_events e WHERE e.alert_id = alert_stats.alert_id AND e.action = 'resolve' ORDER BY e.id DESC LIMIT 1),
    closed_ms = (SELECT ${ms('e.at')} FROM alert_events e WHERE e.alert_id = alert_stats.alert_id AND e.action = 'close' ORDER BY e.id DESC LIMIT 1),
    transfer_due_ms = (SELECT ${ms("json_extract(e.data, '$.dueAt')")} FROM alert_events e WHERE e.alert_id = alert_stats.alert_id AND e.action = 'transfer' ORDER BY e.id DESC LIMIT 1);
`;
