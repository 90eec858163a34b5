/** Migrations 1–6: the console's core schema (alerts, closed loop, lifecycle, amendments, hardening, seats). */
import type { Migration } from './migrations';

export const MIGRATIONS_1_TO_6: readonly Migration[] = [
  {
    version: 1,
    description: 'alerts, units, positions, cameras, checkpoints, quarantine, meta',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE alerts (
        id            TEXT PRIMARY KEY,
        source        TEXT NOT NULL CHECK (source IN ('110','12345')),
        category      TEXT NOT NULL,
        priority      INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
        reported_at   TEXT NOT NULL,
        lng           REAL NOT NULL,
        lat           REAL NOT NULL,
        orig_lng      REAL NOT NULL,
        orig_lat      REAL NOT NULL,
        orig_crs      TEXT NOT NULL,
        address       TEXT NOT NULL,
        caller_name   TEXT,
        caller_phone  TEXT NOT NULL,
        description   TEXT NOT NULL,
        status        TEXT NOT NULL,
        received_at   TEXT NOT NULL,
        seq           INTEGER NOT NULL
      );
      CREATE INDEX alerts_status ON alerts (status, priority, reported_at);

      -- Every lifecycle step, timed and attributed (the closed loop builds on this).
      CREATE TABLE alert_events (
        id          INTEGER PRIMARY KEY,
        alert_id    TEXT NOT NULL REFERENCES alerts (id),
        at          TEXT NOT NULL,
        from_status TEXT,
        to_status   TEXT NOT NULL,
        operator    TEXT NOT NULL,
        note        TEXT
      );
      CREATE INDEX alert_events_alert ON alert_events (alert_id, id);

      CREATE TABLE units (
        id          TEXT PRIMARY KEY,
        callsign    TEXT NOT NULL,
        type        TEXT NOT NULL,
        district_id TEXT NOT NULL,
        home_lng    REAL NOT NULL,
        home_lat    REAL NOT NULL,
        status      TEXT NOT NULL DEFAULT 'available',
        status_at   TEXT,
        alert_id    TEXT
      );

      CREATE TABLE unit_positions (
        unit_id TEXT PRIMARY KEY REFERENCES units (id),
        lng     REAL NOT NULL,
        lat     REAL NOT NULL,
        heading REAL NOT NULL,
        speed   REAL NOT NULL,
        at      TEXT NOT NULL
      );

      CREATE TABLE unit_track (
        id      INTEGER PRIMARY KEY,
        unit_id TEXT NOT NULL,
        lng     REAL NOT NULL,
        lat     REAL NOT NULL,
        heading REAL NOT NULL,
        speed   REAL NOT NULL,
        at      TEXT NOT NULL
      );
      CREATE INDEX unit_track_unit_at ON unit_track (unit_id, at);

      CREATE TABLE cameras (
        id        TEXT PRIMARY KEY,
        name      TEXT NOT NULL,
        kind      TEXT NOT NULL,
        class     INTEGER NOT NULL,
        lng       REAL NOT NULL,
        lat       REAL NOT NULL,
        heading   REAL,
        fov       REAL,
        range_m   REAL NOT NULL,
        streams   TEXT NOT NULL,
        online    INTEGER NOT NULL,
        status_at TEXT
      );

      CREATE TABLE checkpoints (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        level      TEXT NOT NULL,
        lng        REAL NOT NULL,
        lat        REAL NOT NULL,
        road       TEXT NOT NULL,
        camera_ids TEXT NOT NULL
      );

      -- Messages that failed validation: kept whole for inspection, never block the feed.
      CREATE TABLE quarantine (
        id          INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,
        seq         INTEGER,
        type        TEXT,
        reason      TEXT NOT NULL,
        raw         TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description:
      'closed loop: audit log (hash-chained, append-only), operator accounts, command outbox, dispatches',
    sql: `
      -- Append-only, hash-chained: hash = SHA-256 over the canonical entry and prev_hash
      -- (electron/core/audit). The triggers stop honest mistakes; the chain catches the rest.
      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        operator  TEXT NOT NULL,
        action    TEXT NOT NULL,
        subject   TEXT NOT NULL,
        payload   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL UNIQUE
      );
      CREATE INDEX audit_log_subject ON audit_log (subject, seq);
      CREATE INDEX audit_log_operator ON audit_log (operator, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      -- Local operator accounts; password_hash is "scrypt$N$r$p$salt$key" (base64).
      CREATE TABLE operators (
        username      TEXT PRIMARY KEY,
        display_name  TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('duty_officer','supervisor','trainee')),
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        disabled_at   TEXT
      );

      -- Console → gateway commands, delivered in seq order, retried under the same command_id.
      CREATE TABLE outbox (
        seq             INTEGER PRIMARY KEY,
        command_id      TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL,
        payload         TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','acked','failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_attempt_at TEXT,
        last_error      TEXT,
        ack_at          TEXT
      );
      CREATE INDEX outbox_state ON outbox (state, seq);

      -- One row per unit sent to an alert: the 1-3-5 measures per unit.
      CREATE TABLE dispatches (
        id                  INTEGER PRIMARY KEY,
        alert_id            TEXT NOT NULL REFERENCES alerts (id),
        unit_id             TEXT NOT NULL,
        dispatched_at       TEXT NOT NULL,
        arrived_at          TEXT,
        response_seconds    REAL,
        tier_target_seconds INTEGER,
        tier_met            INTEGER CHECK (tier_met IN (0, 1)),
        command_id          TEXT
      );
      CREATE INDEX dispatches_alert ON dispatches (alert_id, dispatched_at);
      CREATE INDEX dispatches_unit ON dispatches (unit_id, dispatched_at);
      CREATE INDEX dispatches_command ON dispatches (command_id);

      -- Lifecycle events (shared/domain/lifecycle) carry their action and structured data.
      ALTER TABLE alert_events ADD COLUMN action TEXT;
      ALTER TABLE alert_events ADD COLUMN data TEXT;
    `,
  },
  {
    version: 3,
    description: 'alert lifecycle state (shared/domain/lifecycle) stored with each alert',
    sql: `
      -- JSON of AlertLifecycle; NULL for alerts stored before this version (rebuilt on first use).
      ALTER TABLE alerts ADD COLUMN lifecycle TEXT;
    `,
  },
  {
    version: 4,
    description:
      'alert amendments: the revision stored with each alert, and every revision with what changed',
    sql: `
      ALTER TABLE alerts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE alert_revisions (
        alert_id    TEXT NOT NULL REFERENCES alerts (id),
        revision    INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        -- JSON array of { field, from, to }; empty for the original report.
        changes     TEXT NOT NULL,
        PRIMARY KEY (alert_id, revision)
      );
    `,
  },
  {
    version: 5,
    description: 'hardening: keyed audit chain, sign-in throttle, trainer role',
    sql: `
      -- Entries from now on are HMAC-SHA256 under a key kept outside the database; the ones
      -- before stay plain SHA-256 and verify as a legacy prefix (electron/core/audit/auditLog.ts).
      ALTER TABLE audit_log ADD COLUMN alg TEXT NOT NULL DEFAULT 'sha256' CHECK (alg IN ('sha256','hmac-sha256'));

      -- The trainer role (drill clock) joins the CHECK: SQLite changes a CHECK by rebuilding the table.
      CREATE TABLE operators_v4 (
        username      TEXT PRIMARY KEY,
        display_name  TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('duty_officer','supervisor','trainee','trainer')),
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        disabled_at   TEXT
      );
      INSERT INTO operators_v4 SELECT username, display_name, role, password_hash, created_at, updated_at, disabled_at FROM operators;
      DROP TABLE operators;
      ALTER TABLE operators_v4 RENAME TO operators;

      -- Failed sign-ins per account (key 'account:<name>') and per seat (key 'seat'): growing
      -- delays, then a lockout (electron/core/accounts/signInThrottle.ts).
      CREATE TABLE sign_in_failures (
        key             TEXT PRIMARY KEY,
        failures        INTEGER NOT NULL,
        last_failure_at TEXT NOT NULL,
        not_before      TEXT,
        locked          INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
      );
    `,
  },
  {
    version: 6,
    description:
      'seats (protocol 2): owner of each alert and commitment of each unit, as the gateway broadcast them',
    sql: `
      -- The latest alert.owner envelope per alert; seq makes applying idempotent (only a higher seq replaces).
      CREATE TABLE alert_owners (
        alert_id   TEXT PRIMARY KEY,
        console_id TEXT NOT NULL,
        operator   TEXT NOT NULL,
        role       TEXT NOT NULL,
        seat       TEXT NOT NULL,
        mode       TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        at         TEXT NOT NULL,
        seq        INTEGER NOT NULL
      );
      -- The latest unit.assignment envelope per unit that holds a commitment (a release deletes the row).
      CREATE TABLE unit_commitments (
        unit_id    TEXT PRIMARY KEY,
        alert_id   TEXT NOT NULL,
        console_id TEXT NOT NULL,
        operator   TEXT NOT NULL,
        role       TEXT NOT NULL,
        seat       TEXT NOT NULL,
        at         TEXT NOT NULL,
        seq        INTEGER NOT NULL
      );
      CREATE INDEX unit_commitments_alert ON unit_commitments (alert_id);
    `,
  },
];
