import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';
import { migrate } from './migrationRunner';

export { migrate };

export type Db = Database.Database;

export const DATABASE_FILE = 'console.sqlite';

/**
 * Opens (creating if needed) the console database in `dataDir`, in WAL mode so the UI's reads
 * never wait on the feed's writes, and brings the schema up to the latest migration.
 */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the
  // last transactions, which the gateway's resume-from-seq then replays.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
  // Planner statistics (sqlite_stat1) kept current at open, bounded in cost: without them SQLite
  // picks the status index for "today's alerts by status" and reads a month's rows
  // (bench/dbMonth.ts). 0x10002: analyse the tables that would benefit, all tables checked.
  db.pragma('analysis_limit = 1000');
  migrate(db, migrations);
  db.pragma('optimize = 0x10002');
  return db;
}
