import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { MIGRATIONS } from '../db/migrations';
import { tempDir } from '../../../tests/unit/fixtures';

describe('migration 2 (closed loop tables)', () => {
  it('upgrades a version 1 database in place and keeps its data', () => {
    const tmp = tempDir();
    try {
      const v1 = openDatabase(
        tmp.dir,
        MIGRATIONS.filter((m) => m.version === 1),
      );
      expect(v1.pragma('user_version', { simple: true })).toBe(1);
      v1.prepare("INSERT INTO meta (key, value) VALUES ('feed.lastSeq', '42')").run();
      v1.prepare(
        `INSERT INTO alerts (id, source, category, priority, reported_at, lng, lat, orig_lng, orig_lat, orig_crs, address, caller_phone, description, status, received_at, seq)
         VALUES ('A1', '110', 'fight', 2, '2026-11-20T11:00:00Z', 112.85, 35.49, 112.85, 35.49, 'WGS84', '建设路', '13800000000', '打架', 'received', '2026-11-20T11:00:01Z', 7)`,
      ).run();
      v1.prepare(
        "INSERT INTO alert_events (alert_id, at, from_status, to_status, operator, note) VALUES ('A1', '2026-11-20T11:00:01Z', NULL, 'received', 'system:feed', 'seq 7')",
      ).run();
      v1.close();

      const db = openDatabase(tmp.dir);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
      expect(db.prepare("SELECT value FROM meta WHERE key = 'feed.lastSeq'").pluck().get()).toBe('42');
      expect(db.prepare("SELECT category, seq FROM alerts WHERE id = 'A1'").get()).toEqual({
        category: 'fight',
        seq: 7,
      });
      expect(db.prepare('SELECT to_status, note, action, data FROM alert_events').all()).toEqual([
        { to_status: 'received', note: 'seq 7', action: null, data: null },
      ]);
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual(expect.arrayContaining(['audit_log', 'operators', 'outbox', 'dispatches']));
      const triggers = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        .pluck()
        .all();
      expect(triggers).toEqual(expect.arrayContaining(['audit_log_no_delete', 'audit_log_no_update']));
      // Version 6's statistics summary was backfilled from the stored alert.
      expect(db.prepare('SELECT alert_id, category, status, origin FROM alert_stats').all()).toEqual([
        { alert_id: 'A1', category: 'fight', status: 'received', origin: 'live' },
      ]);
      const indexes = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .pluck()
        .all();
      expect(indexes).toEqual(
        expect.arrayContaining([
          'audit_log_subject',
          'outbox_state',
          'dispatches_alert',
          'dispatches_unit',
          'dispatches_command',
        ]),
      );
      // dispatches refer to real alerts.
      expect(() =>
        db
          .prepare(
            "INSERT INTO dispatches (alert_id, unit_id, dispatched_at) VALUES ('nope', 'U1', '2026-11-20T11:01:00Z')",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      db.prepare(
        "INSERT INTO dispatches (alert_id, unit_id, dispatched_at, tier_target_seconds, tier_met) VALUES ('A1', 'U1', '2026-11-20T11:01:00Z', 180, 1)",
      ).run();
      db.close();
      // Reopening is a no-op.
      const again = openDatabase(tmp.dir);
      expect(again.prepare('SELECT COUNT(*) FROM dispatches').pluck().get()).toBe(1);
      again.close();
    } finally {
      tmp.cleanup();
    }
  });
});
