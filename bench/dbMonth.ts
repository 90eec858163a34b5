/**
 * The console's database after a month of a large city (issue 16): DB_MONTH_ALERTS alerts
 * (default 500,000, ~16,000 a day) spread over 30 days, each with its lifecycle steps
 * (acknowledged → dispatched → on scene → resolved → closed), one dispatch with its arrival, and
 * one audit entry per step; the last hour's alerts are still open. Written through the real
 * migrations and repositories (AlertRepository.insert, AlertStepStore, AuditLog.append), in
 * transactions of 2,000 alerts, into a temporary folder.
 *
 * Measured: start-up (open + migrations on the existing file), the queue load as the app does it
 * (AlertRepository.list open alerts, session.snapshot), the shift statistics (AlertStepStore
 * shiftRows + transferred, ShiftSummary) and the file size, which is also given per month.
 * Each query's plan is checked for full table scans. The figures are taken twice in one process:
 * opened as before (schema 5, no planner statistics) and as the console opens it now (schema 6's
 * indexes, PRAGMA optimize at open), as a ratio.
 * Budgets: start-up < 1 s, queue load < 100 ms, statistics < 250 ms.
 * `npx tsx bench/dbMonth.ts` or via bench/main.ts.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { DATABASE_FILE, openDatabase, type Db } from '../electron/core/db/database';
import { MIGRATIONS } from '../electron/core/db/migrations';
import { AlertRepository } from '../electron/core/db/alertRepository';
import { AlertStepStore } from '../electron/core/dispatch/alertStepStore';
import { AuditLog } from '../electron/core/audit/auditLog';
import { staticAuditKeyProvider } from '../electron/core/audit/auditKey';
import { localDayStart } from '../electron/core/dispatch/shiftSummary';
import { newLifecycle, type AlertLifecycle, type LifecycleEvent } from '../shared/domain/lifecycle';
import type { Alert, AlertStatus } from '../shared/domain/alert';
import { prng } from '../tests/unit/routingGraphs';

const DAY_MS = 24 * 3600 * 1000;
const BUDGET = { startupMs: 1000, queueMs: 100, statsMs: 250 };
/**
 * The version that adds the indexes the month's queries need; the baseline stops before it. Found by
 * its index, not by number: the migrations were renumbered when the seats' tables took version 6.
 */
const INDEX_MIGRATION = MIGRATIONS.find((m) => m.sql.includes('CREATE INDEX alerts_received'))!.version;

const ms = (x: number) => `${x.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};
const median = (f: () => unknown, n = 5) => {
  const xs = Array.from({ length: n }, () => time(f)[1]).sort((a, b) => a - b);
  return xs[Math.floor(n / 2)]!;
};

function fill(db: Db, alerts: number, now: number, log: (line: string) => void): void {
  const repo = new AlertRepository(db);
  const steps = new AlertStepStore(db);
  const audit = new AuditLog(db, {
    key: staticAuditKeyProvider(Buffer.alloc(32, 7)),
    now: () => new Date(now),
  });
  const rnd = prng(30);
  const start = now - 30 * DAY_MS;
  const batch = 2000;
  const t = performance.now();
  for (let b = 0; b < alerts; b += batch) {
    db.transaction(() => {
      for (let i = b; i < Math.min(alerts, b + batch); i++) {
        const at = start + (i / alerts) * 30 * DAY_MS;
        const iso = (dt: number) => new Date(at + dt * 1000).toISOString();
        const id = `110-M-${String(i).padStart(7, '0')}`;
        const lng = 108.9 + rnd() * 0.4;
        const lat = 34.2 + rnd() * 0.3;
        const alert: Alert = {
          id,
          source: i % 5 === 0 ? '12345' : '110',
          category: 'theft',
          priority: (1 + (i % 4)) as Alert['priority'],
          reportedAt: iso(-30),
          receivedAt: iso(0),
          seq: i + 1,
          position: { lng, lat },
          location: { lng, lat, crs: 'WGS84' },
          address: `月度路${i % 997}号`,
          caller: { phone: `1380${String(i).padStart(7, '0')}` },
          description: '一个月的警情（基准测试）',
          status: 'received',
        } as Alert;
        repo.insert(alert);
        // The last hour's alerts are open, at various steps; the rest ran their whole course.
        const open = now - at < 3600_000;
        const path: [AlertStatus, number][] = [
          ['acknowledged', 20],
          ['dispatched', 60],
          ['on_scene', 360],
          ['resolved', 1500],
          ['closed', 1800],
        ];
        const upTo = open ? i % 4 : path.length;
        let lifecycle: AlertLifecycle = newLifecycle({
          id,
          source: alert.source,
          receivedAt: alert.receivedAt,
        });
        let from: AlertStatus = 'received';
        const unit = `U${String(i % 500).padStart(3, '0')}`;
        for (const [to, dt] of path.slice(0, upTo)) {
          lifecycle = {
            ...lifecycle,
            status: to,
            ...(to === 'dispatched' ? { unitIds: [unit] } : {}),
            ...(to === 'on_scene' ? { firstArrivalAt: iso(dt) } : {}),
          };
          const event = {
            at: iso(dt),
            from,
            to,
            operator: 'duty1',
            note: null,
            action: to,
            data: to === 'dispatched' ? { unitIds: [unit] } : {},
          } as unknown as LifecycleEvent;
          steps.save(id, lifecycle, event);
          if (to === 'dispatched')
            steps.recordDispatch(id, unit, iso(dt), `cmd-${i}`, alert.priority === 1 ? 60 : 180);
          if (to === 'on_scene')
            steps.recordArrival(steps.openDispatch(id, unit)!.id, iso(dt), dt - 60, dt - 60 <= 300);
          audit.append({
            operator: 'duty1',
            action: `alert.${to}`,
            subject: `alert:${id}`,
            payload: { from, to },
            at: iso(dt),
          });
          from = to;
        }
      }
    })();
    if ((b / batch) % 50 === 49)
      log(`  … ${b + batch} alerts written (${((performance.now() - t) / 1000).toFixed(0)} s)`);
  }
}

interface Figures {
  startupMs: number;
  queueMs: number;
  openAlerts: number;
  statsMs: number;
  scans: string[];
}

/**
 * The same month's file as the console opened it before the indexes' migration: its two indexes
 * and the planner's statistics removed (the repositories need today's schema to write the month,
 * so the baseline is made from the filled file rather than from an older schema).
 */
function toBaseline(dir: string): void {
  const db = new Database(path.join(dir, DATABASE_FILE));
  try {
    db.exec('DROP INDEX IF EXISTS alerts_received; DROP INDEX IF EXISTS dispatches_dispatched;');
    const stats = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get();
    if (stats) db.exec('DELETE FROM sqlite_stat1');
  } finally {
    db.close();
  }
}

/** The console's open as it was before the indexes and planner statistics: the pragmas only. */
function openBaseline(dir: string): Db {
  const db = new Database(path.join(dir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
  return db;
}

/** What the console's first open of a pre-index file runs once: the indexes' migration. */
function addIndexes(dir: string): void {
  const db = openBaseline(dir);
  try {
    db.exec(MIGRATIONS.find((m) => m.version === INDEX_MIGRATION)!.sql);
  } finally {
    db.close();
  }
}

function measure(dir: string, now: number, open: (dir: string) => Db, after: boolean): Figures {
  const [db, startupMs] = time(() => open(dir));
  try {
    const repo = new AlertRepository(db);
    const steps = new AlertStepStore(db);
    const since = localDayStart(new Date(now)).toISOString();
    const openAlerts = repo.list({ includeClosed: false }).length;
    const queueMs = median(() => repo.list({ includeClosed: false }));
    const statsMs = median(() => {
      steps.shiftRows(since);
      steps.inStatus('transferred');
    });
    // Which of these queries read a whole table (SQLite's "SCAN t" without an index).
    const plans: [string, string, unknown[]][] = [
      [
        'queue',
        `SELECT * FROM alerts WHERE status IN ('received','acknowledged','dispatched','en_route','on_scene') ORDER BY priority, reported_at`,
        [],
      ],
      [
        'shift counts',
        `SELECT status, COUNT(*) AS n FROM alerts WHERE received_at >= ? GROUP BY ${after ? '+status' : 'status'}`,
        [since],
      ],
      ['shift dispatches', 'SELECT COUNT(*) AS n FROM dispatches WHERE dispatched_at >= ?', [since]],
      [
        'shift arrivals',
        'SELECT d.alert_id FROM dispatches d JOIN alerts a ON a.id = d.alert_id WHERE a.received_at >= ? AND d.arrived_at IS NOT NULL AND d.response_seconds IS NOT NULL ORDER BY d.arrived_at, d.id',
        [since],
      ],
      [
        'transferred',
        "SELECT id, lifecycle FROM alerts WHERE status = 'transferred' AND lifecycle IS NOT NULL",
        [],
      ],
    ];
    const scans = plans.flatMap(([name, sql, args]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
        .filter((r) => r.detail.startsWith('SCAN '))
        .map((r) => `${name}: ${r.detail}`),
    );
    return { startupMs, queueMs, openAlerts, statsMs, scans };
  } finally {
    db.close();
  }
}

export async function runDbMonthBench(log: (line: string) => void = console.log): Promise<void> {
  const alerts = Number(process.env['DB_MONTH_ALERTS'] ?? 500_000);
  log(
    `# console database after a month (${alerts} alerts over 30 days, lifecycle, dispatches, audit log; load ${os.loadavg()[0]!.toFixed(1)})`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'db-month-'));
  try {
    const now = Date.now();
    const db = openDatabase(dir);
    const [, fillMs] = time(() => fill(db, alerts, now, log));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const file = path.join(dir, DATABASE_FILE);
    const bytes = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    log(
      `written in ${(fillMs / 1000).toFixed(0)} s; database ${mib(bytes)} (${(bytes / alerts).toFixed(0)} bytes per alert; ${mib((bytes / alerts) * 500_000)} per month at 500,000 alerts)`,
    );
    try {
      const check = new Database(file, { readonly: true });
      const rows = check
        .prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8')
        .all() as { name: string; bytes: number }[];
      check.close();
      log(`  largest tables and indexes: ${rows.map((r) => `${r.name} ${mib(r.bytes)}`).join(', ')}`);
    } catch {
      // SQLite built without the dbstat table: no breakdown.
    }
    toBaseline(dir);
    const before = measure(dir, now, openBaseline, false);
    const [, indexMs] = time(() => addIndexes(dir));
    const after = measure(dir, now, (d) => openDatabase(d), true);
    const line = (name: string, f: Figures) =>
      `${name}: start-up ${ms(f.startupMs)}, queue load ${ms(f.queueMs)} (${f.openAlerts} open), statistics ${ms(f.statsMs)}; full scans: ${f.scans.length ? f.scans.join('; ') : 'none'}`;
    log(line(`before the indexes (schema ${INDEX_MIGRATION - 1})`, before));
    log(
      `first open of the month's file by this console (indexes migration, statistics): ${ms(indexMs)} (once)`,
    );
    log(line(`after (schema ${MIGRATIONS.at(-1)!.version})`, after));
    log(
      `after / before: queue ×${(after.queueMs / before.queueMs).toFixed(2)}, statistics ×${(after.statsMs / before.statsMs).toFixed(2)}`,
    );
    const met = (x: number, budget: number) => `${ms(x)} of ${budget} ms ${x <= budget ? 'met' : 'NOT met'}`;
    log(
      `budgets: start-up ${met(after.startupMs, BUDGET.startupMs)}, queue load ${met(after.queueMs, BUDGET.queueMs)}, statistics ${met(after.statsMs, BUDGET.statsMs)} (load ${os.loadavg()[0]!.toFixed(1)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runDbMonthBench();
