// `npm start`: build what is stale, start the drill gateway with the demo scenario on
// loopback (unless --gateway is given), then open the Electron window when Electron's binary
// is installed, otherwise the browser host, saying why.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAll, isStale } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    gateway: { type: 'string' },
    token: { type: 'string', default: 'demo-token' },
    port: { type: 'string', default: '7420' },
    'data-dir': { type: 'string', default: path.join(root, '.data', 'console') },
    'gateway-port': { type: 'string', default: '7410' },
    speed: { type: 'string', default: '1' },
    browser: { type: 'boolean', default: false },
    // Training drill (docs/drills.md): its own gateway (this scenario, no loop) and data folders;
    // with --gateway, a trainer's drill seat instead of its own gateway.
    drill: { type: 'string' },
    // A city pack other than the embedded demo (docs/city-pack.md, "Onboarding your city").
    pack: { type: 'string' },
  },
});
const packArgs = values.pack ? ['--pack', path.resolve(values.pack)] : [];
// 30 days of generated history for the statistics (docs/statistics.md): the embedded demo only,
// never a drill; the console writes it only into a fresh folder of a synthetic pack.
const historyArgs = () => (values.pack || drill ? [] : ['--demo-history']);

let drill = null;
if (values.drill) {
  const file = path.resolve(values.drill);
  const scenario = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof scenario.id !== 'string' || !/^[a-z0-9-]+$/.test(scenario.id))
    throw new Error(`${file}: not a drill scenario (no valid id)`);
  const dir = path.join(root, '.data', 'drills', scenario.id);
  drill = {
    file,
    id: scenario.id,
    name: scenario.name?.zh ?? scenario.name?.en ?? scenario.id,
    gatewayState: path.join(dir, 'gateway'),
    dataDir: path.join(dir, 'console'),
  };
  values['data-dir'] = drill.dataDir;
  console.log(
    `演练 DRILL ${drill.id}: data in ${dir}${values.gateway ? `; joining the drill seat at ${values.gateway}` : ''}`,
  );
}
const drillGatewayArgs = drill ? ['--scenario', drill.file] : [];
const drillHostArgs = drill
  ? ['--drill', drill.id, '--drill-name', drill.name, '--drill-scenario', drill.file]
  : [];

const children = [];
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll();
    process.exit(0);
  });
}

function run(command, args, readyPattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let ready = false;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const match = readyPattern && String(chunk).match(readyPattern);
      if (match && !ready) {
        ready = true;
        resolve(match);
      }
    });
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`${path.basename(args[0] ?? command)} exited with code ${code}`));
      else if (code) {
        stopAll();
        process.exit(code);
      }
    });
    if (!readyPattern) resolve(null);
  });
}

function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const pathFile = path.join(path.dirname(require.resolve('electron/package.json')), 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = require('electron'); // the binary's path once it was downloaded
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

if (isStale()) await buildAll({ quiet: true });

let gatewayUrl = values.gateway;
if (!gatewayUrl) {
  const match = await run(
    process.execPath,
    [
      'dist/gateway/main.mjs',
      '--port',
      values['gateway-port'],
      '--speed',
      values.speed,
      '--token',
      values.token,
      ...(drill
        ? [...drillGatewayArgs, '--state', drill.gatewayState]
        : ['--state', path.join(root, '.data', 'gateway'), '--loop']),
      ...packArgs,
    ],
    /gateway listening on (\S+)/,
  );
  gatewayUrl = match[1];
}

const binary = values.browser ? null : electronBinary();
if (binary) {
  await run(binary, [
    '.',
    '--gateway',
    gatewayUrl,
    '--token',
    values.token,
    '--data-dir',
    values['data-dir'],
    '--demo-operators',
    ...historyArgs(),
    ...drillHostArgs,
    ...packArgs,
  ]);
} else {
  if (!values.browser) {
    console.log(
      "Electron's binary is not installed (its download needs GitHub), so the console runs in the browser host.",
    );
    console.log(
      'To use the desktop window: set ELECTRON_MIRROR to a reachable mirror and run `npm run electron:install`.',
    );
  }
  const match = await run(
    process.execPath,
    [
      'dist/host/main.mjs',
      '--port',
      values.port,
      '--gateway',
      gatewayUrl,
      '--token',
      values.token,
      '--data-dir',
      values['data-dir'],
      '--demo-operators',
      ...historyArgs(),
      ...drillHostArgs,
      ...packArgs,
    ],
    /console host ready at (\S+)/,
  );
  console.log(`\nOpen the console in Chromium or Chrome: ${match[1]}\n`);
}
