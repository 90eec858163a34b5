/**
 * A drill never touches live data: two real console runtimes, one live and one drill, on two
 * temp folders and two in-process gateways. The drill's alert, steps and audit entries land in
 * the drill folder only, carry the drill mode, and neither folder can be started in the other mode.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir, waitFor } from '../../../tests/unit/gatewayFixtures';
import { runtimeFixtures } from '../../../tests/unit/runtimeFixtures';
import type { ConsoleRuntime } from '../consoleRuntime';

const fixtures = runtimeFixtures();
const { cleanup } = fixtures;

const DRILL_ALERT = {
  id: '110-DRILL-ISO-1',
  source: '110',
  category: 'robbery',
  priority: 1,
  reportedAt: '2026-11-20T20:00:05+08:00',
  caller: { phone: '13800000000' },
  address: '演练路1号',
  description: 'drill alert',
};

function runtime(
  dir: string,
  packDir: string,
  gatewayUrl: string,
  drill: { scenarioId: string } | null,
): Promise<ConsoleRuntime> {
  return fixtures.runtime({ dataDir: dir, packDir, gatewayUrl, drill });
}

describe('drill isolation', () => {
  it('keeps drill data out of the live folder and refuses to swap modes', async () => {
    const f = fixtures.fixture('drill-iso-');
    const { root, packDir, scenario } = f;
    const liveGateway = await fixtures.gateway(f);
    const drillGateway = await fixtures.gateway(f, { stateDir: path.join(root, 'drill', 'gateway') });

    const liveDir = path.join(root, 'live');
    const drillDir = path.join(root, 'drill', 'console');
    const live = await runtime(liveDir, packDir, liveGateway.url, null);
    const drill = await runtime(drillDir, packDir, drillGateway.url, { scenarioId: scenario.id });

    const snapshot = await drill.handlers['session.snapshot']();
    expect(snapshot.host.drill).toEqual({ scenarioId: scenario.id });
    expect((await live.handlers['session.snapshot']()).host.drill).toBeNull();
    await expect(live.handlers['drill.report']()).rejects.toThrow(/not in drill mode/);

    const pack = drill.pack;
    drillGateway.inject('alert', {
      ...DRILL_ALERT,
      location: { lng: pack.units[0]!.home.lng, lat: pack.units[0]!.home.lat, crs: 'WGS84' },
    });
    await waitFor(() => drill.repository.alerts.get(DRILL_ALERT.id) !== null, 5000, 'drill alert stored');

    // A drill step: allowed to a trainee only in a drill, and stamped with the drill mode.
    await drill.handlers['operator.signIn']({ username: 'trainee', password: 'demo-1234' });
    await drill.handlers['alerts.act']({ alertId: DRILL_ALERT.id, action: { type: 'acknowledge' } });
    await drill.handlers['alerts.act']({
      alertId: DRILL_ALERT.id,
      action: { type: 'cancel', reason: 'drill: test cancel' },
    });

    // Replay controls go through the runtime to the drill gateway, for the trainer only, audited.
    await expect(drill.handlers['drill.control']({ action: 'pause' })).rejects.toThrow(
      /drillClock needs trainer or supervisor; trainee is trainee/,
    );
    await drill.handlers['operator.signOut']();
    await drill.handlers['operator.signIn']({ username: 'trainer', password: 'demo-1234' });
    const pausedClock = await drill.handlers['drill.control']({ action: 'pause' });
    expect(pausedClock).toMatchObject({ paused: true, scenario: scenario.id });
    const report = await drill.handlers['drill.report']();
    expect(report.alerts.map((a) => a.alertId)).toContain(DRILL_ALERT.id);
    const exported = await drill.handlers['drill.exportReport']({ format: 'html' });
    expect(exported.path.startsWith(drillDir)).toBe(true);
    const html = readFileSync(exported.path, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain(DRILL_ALERT.id);

    await drill.close();
    await live.close();

    const liveDb = new Database(path.join(liveDir, 'console.sqlite'), { readonly: true });
    const drillDb = new Database(path.join(drillDir, 'console.sqlite'), { readonly: true });
    try {
      const count = (db: Database.Database, sql: string) =>
        (db.prepare(sql).get(DRILL_ALERT.id) as { n: number }).n;
      expect(count(liveDb, 'SELECT COUNT(*) AS n FROM alerts WHERE id = ?')).toBe(0);
      expect(count(liveDb, 'SELECT COUNT(*) AS n FROM alert_events WHERE alert_id = ?')).toBe(0);
      expect(count(liveDb, "SELECT COUNT(*) AS n FROM audit_log WHERE subject = 'alert:' || ?")).toBe(0);
      expect(count(drillDb, 'SELECT COUNT(*) AS n FROM alerts WHERE id = ?')).toBe(1);
      const mode = `drill:${scenario.id}`;
      expect(
        (liveDb.prepare("SELECT value FROM meta WHERE key = 'mode'").get() as { value: string }).value,
      ).toBe('live');
      expect(
        (drillDb.prepare("SELECT value FROM meta WHERE key = 'mode'").get() as { value: string }).value,
      ).toBe(mode);
      const audit = drillDb
        .prepare("SELECT payload FROM audit_log WHERE subject = 'alert:' || ?")
        .all(DRILL_ALERT.id) as { payload: string }[];
      expect(audit.length).toBeGreaterThanOrEqual(2);
      for (const a of audit) expect(JSON.parse(a.payload).mode).toBe(mode);
      const steps = drillDb
        .prepare("SELECT data FROM alert_events WHERE alert_id = ? AND operator = 'trainee'")
        .all(DRILL_ALERT.id) as { data: string }[];
      expect(steps.map((s) => JSON.parse(s.data).mode)).toEqual([mode, mode]);
      const seat = drillDb
        .prepare(
          "SELECT operator, action FROM audit_log WHERE action IN ('seat.refused', 'drill.clock', 'drill.reportExported') ORDER BY seq",
        )
        .all();
      expect(seat).toEqual([
        { operator: 'trainee', action: 'seat.refused' },
        { operator: 'trainer', action: 'drill.clock' },
        { operator: 'trainer', action: 'drill.reportExported' },
      ]);
    } finally {
      liveDb.close();
      drillDb.close();
    }

    // The mode guard: neither folder starts in the other mode.
    await expect(runtime(liveDir, packDir, drillGateway.url, { scenarioId: scenario.id })).rejects.toThrow(
      new RegExp(`${liveDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} belongs to live work`),
    );
    await expect(runtime(drillDir, packDir, liveGateway.url, null)).rejects.toThrow(
      /belongs to the drill "test-drill", not live work/,
    );
    await expect(runtime(drillDir, packDir, drillGateway.url, { scenarioId: 'other-drill' })).rejects.toThrow(
      /belongs to the drill "test-drill"/,
    );
  }, 30_000);

  it('refuses a drill on a folder that holds live data from before modes were recorded', async () => {
    const root = tempDir('drill-iso-');
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    const { assertDataDirMode } = await import('./dataDirMode');
    const { openDatabase } = await import('../db/database');
    const db = openDatabase(root);
    db.prepare("INSERT INTO meta (key, value) VALUES ('feed.lastSeq', '42')").run();
    db.close();
    expect(() => assertDataDirMode(root, 'drill:x')).toThrow(/holds live console data/);
    expect(() => assertDataDirMode(root, 'live')).not.toThrow();
  });

  it('refuses a gateway whose hello names another scenario: clear error, nothing stored, no commands', async () => {
    const f = fixtures.fixture('drill-iso-');
    const { packDir, scenario } = f;
    const gateway = await fixtures.gateway(f);
    const dir = path.join(f.root, 'wrong-drill');
    const drill = await runtime(dir, packDir, gateway.url, { scenarioId: 'other-drill' });

    await waitFor(() => drill.feed.currentStatus().state === 'error', 5000, 'refusal');
    expect(drill.feed.currentStatus().error).toMatch(
      new RegExp(`names scenario "${scenario.id}", not the drill "other-drill"; nothing was stored`),
    );
    gateway.inject('alert', {
      ...DRILL_ALERT,
      location: { lng: drill.pack.units[0]!.home.lng, lat: drill.pack.units[0]!.home.lat, crs: 'WGS84' },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(drill.repository.alerts.list({ includeClosed: true })).toHaveLength(0);
    expect(drill.repository.lastSeq()).toBe(0);
    await expect(drill.feed.command('gw:command', {})).rejects.toThrow(/refused gateway/);
    await drill.close();
    const db = new Database(path.join(dir, 'console.sqlite'), { readonly: true });
    try {
      expect((db.prepare('SELECT COUNT(*) AS n FROM alerts').get() as { n: number }).n).toBe(0);
      expect(db.prepare("SELECT value FROM meta WHERE key = 'feed.gatewayId'").get()).toBeUndefined();
    } finally {
      db.close();
    }
  }, 30_000);
});
