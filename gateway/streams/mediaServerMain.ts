import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_PACK_RELATIVE, loadCityPack } from '../../node/citypack/loadCityPack';
import { findAppRoot } from '../../node/paths';
import { DEFAULT_PROFILE, parseSize } from './ffmpeg';
import { StreamService } from './streamService';

/**
 * A stand-alone media server speaking ZLMediaKit's URL conventions (`/rtp/<gbId>.live.flv`,
 * `/rtp/<gbId>/hls.m3u8`) for every camera of a pack: the "external media server at another
 * origin" of the end-to-end tests, and a way to try a console's media settings without a
 * real ZLMediaKit. No feed: every camera is online.
 *
 *   node dist/gateway/media.mjs [--pack DIR] [--port 7430] [--host 127.0.0.1]
 *     [--stream-size 320x180] [--stream-fps 8] [--max-streams 16]
 * Prints one "media server listening on <url>" line when ready.
 */
const root = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pack: { type: 'string', default: path.join(root, DEMO_PACK_RELATIVE) },
      port: { type: 'string', default: '7430' },
      host: { type: 'string', default: '127.0.0.1' },
      'stream-size': { type: 'string', default: `${DEFAULT_PROFILE.width}x${DEFAULT_PROFILE.height}` },
      'stream-fps': { type: 'string', default: String(DEFAULT_PROFILE.fps) },
      'max-streams': { type: 'string', default: '16' },
    },
    strict: true,
  });
  const pack = await loadCityPack(path.resolve(values.pack));
  const fps = Number(values['stream-fps']);
  const maxEncoders = Number(values['max-streams']);
  if (!(fps > 0 && fps <= 30)) throw new Error(`--stream-fps must be 1–30, got ${values['stream-fps']}`);
  if (!(maxEncoders >= 1)) throw new Error(`--max-streams must be at least 1, got ${values['max-streams']}`);
  const service = new StreamService({
    cameras: pack.cameras.map((c) => ({ ...c, online: true })),
    profile: { ...parseSize(values['stream-size']), fps },
    maxEncoders,
  });
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://media');
    void service.handle(req, res, pathname).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(err instanceof Error ? err.message : String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(values.port), values.host, () => resolve());
  });
  console.log(`media server listening on http://${values.host}:${(server.address() as AddressInfo).port}`);
  const shutdown = () => {
    server.closeAllConnections();
    server.close();
    void service.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
