import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startConsoleRuntime } from '../core/consoleRuntime';
import { DEMO_PACK_RELATIVE } from '../../node/citypack/loadCityPack';
import { defaultDataDir, findAppRoot } from '../../node/paths';
import { startHostServer } from './hostServer';
import { DEFAULT_GATEWAY_URL, DEMO_GATEWAY_TOKEN } from '../../shared/protocol/gatewayDefaults';
import { existsSync } from 'node:fs';
import { loadMediaServers } from '../core/video/mediaConfig';
import { createStreamUrls } from '../core/video/streamUrls';

/**
 * Browser host: runs the console's Node side and serves the renderer to a browser on loopback.
 * Used where Electron's binary is missing, and as the second-seat / video-wall view.
 */
async function main(): Promise<void> {
  const root = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7420' },
      host: { type: 'string', default: '127.0.0.1' },
      /** Any host but loopback needs all three (node/listenPolicy.ts); the host then serves HTTPS. */
      'allow-remote': { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'data-dir': { type: 'string', default: defaultDataDir(root) },
      pack: { type: 'string', default: path.join(root, DEMO_PACK_RELATIVE) },
      gateway: { type: 'string', default: DEFAULT_GATEWAY_URL },
      token: { type: 'string', default: DEMO_GATEWAY_TOKEN },
      'api-token': { type: 'string' },
      'renderer-dir': { type: 'string', default: path.join(root, 'dist', 'renderer') },
      'demo-operators': { type: 'boolean', default: false },
      /** The seat's name the other seats see (status bar, owners); default the stored one. */
      seat: { type: 'string' },
      /** 30 days of generated history in a fresh demo data folder (docs/statistics.md); `npm start` passes it. */
      'demo-history': { type: 'boolean', default: false },
      /** Training drill: the scenario id (docs/drills.md); --data-dir must be the drill's own folder. */
      drill: { type: 'string' },
      'drill-name': { type: 'string' },
      /** The drill's scenario file, for scoring its expected actions (default resources/drills/<id>.json when it exists). */
      'drill-scenario': { type: 'string' },
      /** Media settings: the site's media servers (docs/city-pack.md, "Media servers"), before the pack's. */
      media: { type: 'string' },
    },
    strict: true,
  });
  const builtInScenario = values.drill
    ? path.join(root, 'resources', 'drills', `${values.drill}.json`)
    : null;
  const drillScenarioFile = values['drill-scenario']
    ? path.resolve(values['drill-scenario'])
    : builtInScenario && existsSync(builtInScenario)
      ? builtInScenario
      : null;
  const apiToken = values['api-token'] ?? randomBytes(16).toString('hex');
  const mediaServers = loadMediaServers(
    path.resolve(values.pack),
    values.media ? path.resolve(values.media) : null,
  );
  const gatewayUrl = values.gateway;
  const mediaOrigins = createStreamUrls({ servers: mediaServers, gatewayUrl }).origins();
  // Bound once the runtime is up: page loads and socket messages hold its background work back.
  let noteActivity = (): void => undefined;
  const server = await startHostServer({
    rendererDir: values['renderer-dir'],
    host: values.host,
    port: Number(values.port),
    apiToken,
    gatewayOrigin: new URL(values.gateway).origin,
    allowRemote: values['allow-remote'],
    tlsCertFile: values['tls-cert'] ?? null,
    tlsKeyFile: values['tls-key'] ?? null,
    mediaOrigins,
    onActivity: () => noteActivity(),
  });
  const runtime = await startConsoleRuntime({
    dataDir: path.resolve(values['data-dir']),
    packDir: path.resolve(values.pack),
    gatewayUrl: values.gateway,
    gatewayToken: values.token,
    host: 'browser',
    version: process.env.npm_package_version ?? '0.1.0',
    emit: server.emit,
    demoOperators: values['demo-operators'],
    ...(values.seat ? { seatName: values.seat } : {}),
    demoHistory: values['demo-history'],
    drill: values.drill
      ? { scenarioId: values.drill, ...(values['drill-name'] ? { name: values['drill-name'] } : {}) }
      : null,
    drillScenarioFile,
    mediaServers,
  });
  server.attach(runtime.handlers);
  noteActivity = runtime.noteActivity;
  const { load } = runtime.routing;
  console.log(
    `road graph: ${load.from} ${load.graphMs.toFixed(0)} ms + router ${load.routerMs.toFixed(0)} ms; tiers: ${load.tiersFile ?? 'default'}`,
  );
  // Tests and the launcher wait for this exact line.
  console.log(`console host ready at ${server.url}/?token=${apiToken}`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
