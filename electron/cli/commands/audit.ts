/** `audit verify [--data-dir DIR]`: checks the audit log's hash chain; JSON on stdout, exit 0 intact / 1 broken. */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../core/db/database';
import { AuditLog } from '../../core/audit/auditLog';
import { fileURLToPath } from 'node:url';
import { optionalOption } from '../args';
import { defaultDataDir, findAppRoot } from '../../core/paths';
import type { CliCommand } from './types';

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  usage: 'audit verify [--data-dir DIR]',
  summary: "verify the console's audit log hash chain (default: the console's own .data/console; JSON on stdout; exit 0 intact, 1 broken)",
  async run(args, io) {
    const dataDir = optionalOption(args, 'data-dir') ?? defaultDataDir(findAppRoot(path.dirname(fileURLToPath(import.meta.url))));
    const database = path.resolve(dataDir, DATABASE_FILE);
    // Never create or migrate anything: verifying must not change what it verifies.
    if (!existsSync(database)) throw new Error(`no console database at ${database}`);
    const db = new Database(database, { readonly: true, fileMustExist: true });
    try {
      const hasLog = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get()!.n > 0;
      if (!hasLog) throw new Error(`${database} has no audit log (schema version ${String(db.pragma('user_version', { simple: true }))}); open it with the console once to upgrade`);
      const result = new AuditLog(db).verify();
      io.stdout(JSON.stringify({ database, ...result }) + '\n');
      return result.ok ? 0 : 1;
    } finally {
      db.close();
    }
  },
};
