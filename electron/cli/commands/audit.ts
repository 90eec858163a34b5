/**
 * `audit verify [--data-dir DIR] [--anchor HASH]`: checks the audit log's keyed chain (key file
 * `<data-dir>.audit-key`) and, with --anchor, that a head hash recorded elsewhere (shift summary,
 * drill report, the gateway's command log) is still in it. JSON on stdout, exit 0 intact / 1 broken.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../core/db/database';
import { AuditLog } from '../../core/audit/auditLog';
import { fileAuditKeyProvider } from '../../core/audit/auditKey';
import { fileURLToPath } from 'node:url';
import { optionalOption, UsageError } from '../args';
import { defaultDataDir, findAppRoot } from '../../../node/paths';
import type { CliCommand } from './types';

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  usage: 'audit verify [--data-dir DIR] [--anchor HASH]',
  summary:
    "verify the console's keyed audit chain (default: the console's own .data/console; --anchor: a head hash recorded elsewhere must still be in it; JSON on stdout; exit 0 intact, 1 broken)",
  async run(args, io) {
    const anchor = optionalOption(args, 'anchor');
    if (anchor !== undefined && !/^[0-9a-f]{64}$/.test(anchor))
      throw new UsageError(`--anchor must be a 64-digit hex head hash, got "${anchor}"`);
    const dataDir =
      optionalOption(args, 'data-dir') ??
      defaultDataDir(findAppRoot(path.dirname(fileURLToPath(import.meta.url))));
    const database = path.resolve(dataDir, DATABASE_FILE);
    // Never create or migrate anything: verifying must not change what it verifies.
    if (!existsSync(database)) throw new Error(`no console database at ${database}`);
    const db = new Database(database, { readonly: true, fileMustExist: true });
    try {
      const hasLog =
        db
          .prepare<[], { n: number }>(
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'",
          )
          .get()!.n > 0;
      const version = Number(db.pragma('user_version', { simple: true }));
      if (!hasLog || version < 4)
        throw new Error(
          `${database} has ${hasLog ? 'an unkeyed' : 'no'} audit log (schema version ${version}); open it with the console once to upgrade`,
        );
      const result = new AuditLog(db, { key: fileAuditKeyProvider(dataDir, { create: false }) }).verify(
        anchor !== undefined ? { anchor } : {},
      );
      io.stdout(JSON.stringify({ database, ...result }) + '\n');
      return result.ok ? 0 : 1;
    } finally {
      db.close();
    }
  },
};
