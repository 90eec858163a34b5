import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_PACK_RELATIVE } from '../node/citypack/loadCityPack';
import { DEFAULT_PORT, DEFAULT_SPEED, DEFAULT_TOKEN, startGateway } from './server';
import { startDrillRoom } from './scenario/drillRoom';
import { findAppRoot } from '../node/paths';
import { DEFAULT_PROFILE, parseSize } from './streams/ffmpeg';
import { parseDatabaseUrl } from './pg/pgLogStore';

/**
 * CLI: npx tsx gateway/main.ts [--scenario FILE] [--pack DIR] [--speed 5] [--port 7410]
 *   [--host 127.0.0.1] [--token T] [--state DIR] [--loop] [--tick-ms 50] [--no-fsync]
 *   [--allow-remote --tls-cert FILE --tls-key FILE]  required for any --host but loopback; serves HTTPS
 *   [--stream-size 320x180] [--stream-fps 8] [--max-streams 16]  synthetic video for every camera
 *   [--stream-start-ms 8000]  how long a stream's first request waits for its encoder's playlist
 *   [--seats N]  a training room: seat k on port+k, the room's clock control on --port (docs/drills.md)
 *   [--database postgres://user:password@host:5432/db]  the feed log in PostgreSQL, shared by every
 *     gateway given the same database (docs/deployment.md); without it, the state dir's file log
 *   [--liveness-ms 15000]  with --database: a gateway silent this long is gone, its seats leave presence
 * Prints exactly one "gateway listening on <url>" line when ready; tests and the launcher wait for it.
 */
// Works from the sources (gateway/) and from the bundle (dist/gateway/).
const root = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));

function number(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: path.join(root, 'resources', 'drills', 'demo-evening.json') },
      pack: { type: 'string', default: path.join(root, DEMO_PACK_RELATIVE) },
      speed: { type: 'string', default: String(DEFAULT_SPEED) },
      port: { type: 'string', default: String(DEFAULT_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-remote': { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      token: { type: 'string', default: DEFAULT_TOKEN },
      state: { type: 'string' },
      loop: { type: 'boolean', default: false },
      'tick-ms': { type: 'string', default: '50' },
      'no-fsync': { type: 'boolean', default: false },
      seats: { type: 'string' },
      database: { type: 'string' },
      'liveness-ms': { type: 'string' },
      /** Synthetic video: picture size, frame rate and the cap on concurrent encoders. */
      'stream-size': { type: 'string', default: `${DEFAULT_PROFILE.width}x${DEFAULT_PROFILE.height}` },
      'stream-fps': { type: 'string', default: String(DEFAULT_PROFILE.fps) },
      'max-streams': { type: 'string', default: '16' },
      'stream-start-ms': { type: 'string', default: '8000' },
    },
    strict: true,
  });
  const common = {
    scenario: path.resolve(values.scenario),
    pack: path.resolve(values.pack),
    speed: number('speed', values.speed),
    port: number('port', values.port),
    host: values.host,
    allowRemote: values['allow-remote'],
    tlsCertFile: values['tls-cert'] ? path.resolve(values['tls-cert']) : null,
    tlsKeyFile: values['tls-key'] ? path.resolve(values['tls-key']) : null,
    token: values.token,
    stateDir: values.state ? path.resolve(values.state) : null,
    database: values.database === undefined ? null : (parseDatabaseUrl(values.database), values.database),
    ...(values['liveness-ms'] === undefined
      ? {}
      : { livenessMs: number('liveness-ms', values['liveness-ms']) }),
    loop: values.loop,
    tickMs: number('tick-ms', values['tick-ms']),
    fsync: !values['no-fsync'],
    streams: {
      profile: { ...parseSize(values['stream-size']), fps: number('stream-fps', values['stream-fps']) },
      maxEncoders: number('max-streams', values['max-streams']),
      readyTimeoutMs: number('stream-start-ms', values['stream-start-ms']),
    },
  };
  let gateway: { close(): Promise<void> };
  if (values.seats !== undefined) {
    if (values.loop) throw new Error('--seats runs a drill for trainees: it cannot --loop');
    if (values.database)
      throw new Error('--seats gives each trainee a seq space of their own: it cannot share a --database');
    const room = await startDrillRoom({ ...common, seats: number('seats', values.seats), port: common.port });
    for (const s of room.seats) console.log(`seat ${s.seat}: ${s.url}`);
    console.log(`drill room listening on ${room.url}`);
    gateway = room;
  } else {
    const single = await startGateway(common);
    console.log(`gateway listening on ${single.url}`);
    gateway = single;
  }

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
