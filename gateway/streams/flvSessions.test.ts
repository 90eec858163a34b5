import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FIXTURE_CAMERAS,
  fetchStream,
  TEST_STREAM_KEY,
  fixtureScenario,
  tempDir,
  waitFor,
  writeFixture,
} from '../../tests/unit/gatewayFixtures';
import { findExecutable } from './ffmpeg';
import { StreamService } from './streamService';

// CI installs ffmpeg (.ci/run); without it the live-encoding tests are skipped.
const withFfmpeg = findExecutable('ffmpeg') !== null ? it : it.skip;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const [FLV_CAMERA, NO_STREAM, HLS_ONLY] = FIXTURE_CAMERAS as [string, string, string];

/** The fixture cameras: the first serves HTTP-FLV (and HLS), the third HLS only, the second nothing. */
async function serve(options: { offlineGraceMs?: number } = {}) {
  const dir = tempDir('flv-test-');
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { packDir } = writeFixture(dir, fixtureScenario(2));
  const cameras = JSON.parse(fs.readFileSync(path.join(packDir, 'cameras.json'), 'utf8')) as {
    id: string;
    streams: unknown[];
  }[];
  for (const c of cameras) {
    if (c.id === FLV_CAMERA)
      c.streams = [
        { protocol: 'flv', url: `/streams/${c.id}/live.flv` },
        { protocol: 'hls', url: `/streams/${c.id}/index.m3u8` },
      ];
    if (c.id === HLS_ONLY) c.streams = [{ protocol: 'hls', url: `/streams/${c.id}/index.m3u8` }];
  }
  const service = new StreamService({
    cameras: cameras as never,
    urlKey: TEST_STREAM_KEY,
    warn: () => {},
    ...options,
  });
  const server = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    void service.handle(req, res, u.pathname, u.searchParams);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise((r) => server.close(r)));
  cleanup.push(() => service.close());
  return { service, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Reads the response body until `bytes` have arrived (or the stream ends). */
async function readAtLeast(res: Response, bytes: number): Promise<Uint8Array> {
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < bytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
  }
  reader.releaseLock();
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

describe('gateway live HTTP-FLV', () => {
  withFfmpeg(
    'streams FLV for as long as the viewer stays, and stops the encoder when it leaves',
    async () => {
      const { service, url } = await serve();
      const abort = new AbortController();
      const res = await fetchStream(`${url}/streams/${FLV_CAMERA}/live.flv`, { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('video/x-flv');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const head = await readAtLeast(res, 9);
      expect(String.fromCharCode(head[0]!, head[1]!, head[2]!)).toBe('FLV');
      expect(head[4]! & 0x01).toBe(1); // video flag in the FLV header
      // Live: more data keeps coming (10 fps H.264 at ~200 kbit/s).
      expect((await readAtLeast(res, 20_000)).length).toBeGreaterThanOrEqual(20_000);
      expect(service.pids()).toHaveLength(1);
      const [pid] = service.pids();
      abort.abort();
      await waitFor(() => service.pids().length === 0, 5000, 'FLV encoder to stop after the viewer left');
      await waitFor(
        () => {
          try {
            process.kill(pid!, 0);
            return false;
          } catch {
            return true;
          }
        },
        5000,
        'ffmpeg process to exit',
      );
    },
  );

  withFfmpeg(
    'ends the stream after the grace period when the camera goes offline, and refuses new viewers',
    async () => {
      const { service, url } = await serve({ offlineGraceMs: 500 });
      const res = await fetchStream(`${url}/streams/${FLV_CAMERA}/live.flv`);
      expect(res.status).toBe(200);
      await readAtLeast(res, 9);
      service.observe([
        {
          type: 'camera.status',
          payload: { cameraId: FLV_CAMERA, online: false, at: new Date().toISOString() },
        },
      ]);
      // The body ends: reading to the end terminates.
      await readAtLeast(res, Number.MAX_SAFE_INTEGER);
      const refused = await fetchStream(`${url}/streams/${FLV_CAMERA}/live.flv`);
      expect(refused.status).toBe(410);
      expect(await refused.json()).toMatchObject({ error: `camera ${FLV_CAMERA} is offline`, online: false });
    },
  );

  withFfmpeg(
    'serves every camera in the pack, also under the ZLMediaKit path, and refuses unknown ones',
    async () => {
      const { url } = await serve();
      // No stream listed in the pack: the demo service still serves it (every camera plays).
      const none = await fetchStream(`${url}/rtp/${NO_STREAM}.live.flv`);
      expect(none.status).toBe(200);
      expect(none.headers.get('content-type')).toBe('video/x-flv');
      const head = await readAtLeast(none, 3);
      expect(new TextDecoder().decode(head.slice(0, 3))).toBe('FLV');
      await none.body?.cancel();
      const unknown = await fetchStream(`${url}/streams/14050200001320009999/live.flv`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: 'unknown camera 14050200001320009999' });
    },
  );
});
