/**
 * The shift statistics find today's rows through indexes (migration 6), not by reading every row
 * of the month: the query plans name the indexes (bench/dbMonth.ts measures the time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';

let dir: string;
let db: Db;
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const plan = (sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('2026-01-01T00:00:00.000Z') as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');

describe('month-sized queries', () => {
  it("count today's alerts by status and today's dispatches through their time indexes", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'month-q-'));
    db = openDatabase(dir);
    const counts = plan('SELECT status, COUNT(*) AS n FROM alerts WHERE received_at >= ? GROUP BY +status');
    expect(counts).toContain('alerts_received');
    expect(counts).not.toMatch(/SCAN alerts/);
    const dispatches = plan('SELECT COUNT(*) AS n FROM dispatches WHERE dispatched_at >= ?');
    expect(dispatches).toContain('dispatches_dispatched');
    expect(dispatches).not.toMatch(/SCAN dispatches/);
  });
});
