import type Database from 'better-sqlite3';
import type { Migration } from './migrations';

/**
 * Applies the migrations newer than the database's `user_version`, in order, each inside its own
 * transaction with the version it sets; refuses a database newer than the newest migration.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new Error(
      `Database schema version ${current} is newer than this console (${latest}); refusing to open it.`,
    );
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
