import { startLocalPostgres, type LocalPostgres } from '../../gateway/pg/embeddedServer';

/**
 * One embedded PostgreSQL per test file (started in beforeAll). If the binary cannot start on
 * this machine, `reason` says why and the PostgreSQL tests are skipped with that message.
 */
export async function testPostgres(): Promise<{ server: LocalPostgres | null; reason: string | null }> {
  try {
    return { server: await startLocalPostgres({ fast: true }), reason: null };
  } catch (err) {
    const reason = `embedded PostgreSQL could not start, PostgreSQL tests skipped: ${err instanceof Error ? err.message : String(err)}`;
    console.warn(reason);
    return { server: null, reason };
  }
}

let counter = 0;
/** A database name unique within this process. */
export function databaseName(prefix: string): string {
  counter++;
  return `${prefix}_${process.pid}_${counter}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}
