import { afterAll, afterEach, beforeAll } from 'vitest';
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

/**
 * The usual setup of a PostgreSQL test file: one embedded server for the file (stopped after it),
 * and a list of clean-ups (gateways, clients) run after each test, newest first.
 */
export function usePostgresPerFile(): {
  readonly server: LocalPostgres | null;
  readonly reason: string | null;
  readonly cleanup: (() => unknown)[];
} {
  const state = {
    server: null as LocalPostgres | null,
    reason: null as string | null,
    cleanup: [] as (() => unknown)[],
  };
  beforeAll(async () => {
    ({ server: state.server, reason: state.reason } = await testPostgres());
  }, 60_000);
  afterAll(async () => {
    await state.server?.stop();
  }, 60_000);
  afterEach(async () => {
    for (const fn of state.cleanup.splice(0).reverse()) await fn();
  });
  return state;
}
