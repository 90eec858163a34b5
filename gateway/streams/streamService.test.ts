import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGateway } from '../server';
import { GatewayEvents, type CommandAck } from '../../shared/protocol/feed';
import {
  FIXTURE_CAMERAS,
  fetchStream,
  TEST_STREAM_KEY,
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
} from '../../tests/unit/gatewayFixtures';
import { StreamService } from './streamService';
import { findExecutable } from './ffmpeg';

// CI installs ffmpeg (.ci/run); without it only the "missing ffmpeg" behaviour can be tested.
const hasFfmpeg = findExecutable('ffmpeg') !== null;
const withFfmpeg = hasFfmpeg ? it : it.skip;
if (!hasFfmpeg)
  console.warn(
    'streamService.test: ffmpeg is not on PATH; live-encoding tests are skipped (apt-get install ffmpeg)',
  );

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const [STREAMED, NO_STREAM, STREAMED_2] = FIXTURE_CAMERAS as [string, string, string];

/** The fixture pack with HLS streams on the first and third camera (the second goes offline at t=2.5 in the fixture scenario). */
function fixtureWithStreams(domes: string[] = []) {
  const dir = tempDir('streams-test-');
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  // No camera.status in this scenario: tests inject their own.
  const scenario = fixtureScenario(2);
  scenario.events = scenario.events.filter((e) => e.type !== 'camera.status');
  const { packDir, scenarioFile } = writeFixture(dir, scenario);
  const file = path.join(packDir, 'cameras.json');
  const cameras = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    id: string;
    streams: unknown[];
    kind: string;
    heading: number | null;
    fov: number | null;
  }[];
  for (const c of cameras)
    if (c.id !== NO_STREAM) c.streams = [{ protocol: 'hls', url: `/streams/${c.id}/index.m3u8` }];
  for (const c of cameras)
    if (domes.includes(c.id)) Object.assign(c, { kind: 'dome', heading: null, fov: null });
  fs.writeFileSync(file, JSON.stringify(cameras));
  return { packDir, scenarioFile, cameras };
}

async function startWithStreams(streams: Parameters<typeof startGateway>[0]['streams'] = {}) {
  const { packDir, scenarioFile } = fixtureWithStreams();
  const gateway = await startGateway({
    scenario: scenarioFile,
    pack: packDir,
    port: 0,
    speed: 1,
    tickMs: 20,
    streams,
  });
  cleanup.push(() => gateway.close());
  return gateway;
}

const mediaSequence = (playlist: string) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)?.[1] ?? NaN);
const segments = (playlist: string) => playlist.split('\n').filter((l) => /\.(ts|m4s)(\?|$)/.test(l.trim()));

describe('gateway live streams', () => {
  withFfmpeg('serves a live HLS playlist whose segments keep coming', async () => {
    const gateway = await startWithStreams();
    const started = Date.now();
    const first = await fetchStream(`${gateway.url}/streams/${STREAMED}/index.m3u8`);
    const firstMs = Date.now() - started;
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const playlist = await first.text();
    expect(playlist).toContain('#EXTM3U');
    const names = segments(playlist);
    expect(names.length).toBeGreaterThan(0);
    console.info(`first playlist after ${firstMs} ms`);

    const segment = await fetchStream(`${gateway.url}/streams/${STREAMED}/${names[0]!.trim()}`);
    expect(segment.status).toBe(200);
    expect(segment.headers.get('content-type')).toBe('video/mp2t');
    const bytes = new Uint8Array(await segment.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(188);
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte

    // Live: a newer segment appears.
    const seq0 = mediaSequence(playlist);
    const lastSegment0 = names[names.length - 1];
    let latest = playlist;
    const deadline = Date.now() + 6000;
    while (Date.now() < deadline) {
      latest = await (await fetchStream(`${gateway.url}/streams/${STREAMED}/index.m3u8`)).text();
      const last = segments(latest).at(-1);
      if (last !== lastSegment0 || mediaSequence(latest) > seq0) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(segments(latest).at(-1)).not.toBe(lastSegment0);
  });

  withFfmpeg('answers a CORS preflight and rejects path tricks', async () => {
    const gateway = await startWithStreams();
    const preflight = await fetchStream(`${gateway.url}/streams/${STREAMED}/index.m3u8`, {
      method: 'OPTIONS',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const sneaky = await fetchStream(`${gateway.url}/streams/${STREAMED}/..%2F..%2Fetc%2Fpasswd`);
    expect(sneaky.status).toBe(404);
    const beforeStart = await fetchStream(`${gateway.url}/streams/${STREAMED_2}/seg00001.ts`);
    expect(beforeStart.status).toBe(404);
    expect(((await beforeStart.json()) as { error: string }).error).toMatch(/not running/);
  });

  withFfmpeg(
    'serves every camera of the pack, and refuses unknown and offline cameras with a JSON reason',
    async () => {
      const gateway = await startWithStreams({ warn: () => {} });
      const unknown = await fetchStream(`${gateway.url}/streams/14050200001320009999/index.m3u8`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: 'unknown camera 14050200001320009999' });
      // The pack lists no stream for this camera; the demo service serves it all the same.
      const noStream = await fetchStream(`${gateway.url}/streams/${NO_STREAM}/index.m3u8`);
      expect(noStream.status).toBe(200);
      expect(await noStream.text()).toContain('#EXT-X-PROGRAM-DATE-TIME');

      gateway.inject('camera.status', { cameraId: STREAMED_2, online: false, at: new Date().toISOString() });
      const offline = await fetchStream(`${gateway.url}/streams/${STREAMED_2}/index.m3u8`);
      expect(offline.status).toBe(410);
      expect(await offline.json()).toEqual({
        error: `camera ${STREAMED_2} is offline`,
        cameraId: STREAMED_2,
        online: false,
      });
    },
  );

  it('answers 503 with a clear error and warns once when ffmpeg is missing', async () => {
    const warn = vi.fn();
    const gateway = await startWithStreams({ ffmpeg: '/nonexistent/ffmpeg', warn });
    for (let i = 0; i < 2; i++) {
      const res = await fetchStream(`${gateway.url}/streams/${STREAMED}/index.m3u8`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toMatch(/ffmpeg is not installed/);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/ffmpeg not found/);
  });
});

describe('StreamService encoder lifecycle', () => {
  async function serve(options: Partial<ConstructorParameters<typeof StreamService>[0]> = {}) {
    const { cameras } = fixtureWithStreams();
    const service = new StreamService({ cameras: cameras as never, urlKey: TEST_STREAM_KEY, ...options });
    const server = http.createServer((req, res) => {
      const u = new URL(req.url!, 'http://x');
      void service.handle(req, res, u.pathname, u.searchParams);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => server.close(r)));
    cleanup.push(() => service.close());
    return { service, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  withFfmpeg('stops an encoder after the idle time, and all of them on close', async () => {
    const { service, url } = await serve({ idleMs: 1000 });
    const first = await fetchStream(`${url}/streams/${STREAMED}/index.m3u8`);
    expect(first.status, await first.clone().text()).toBe(200);
    expect(service.running()).toEqual([STREAMED]);
    await waitFor(() => service.running().length === 0, 5000, 'idle encoder to stop');

    expect((await fetchStream(`${url}/streams/${STREAMED_2}/index.m3u8`)).status).toBe(200);
    const pids = service.pids();
    expect(pids).toHaveLength(1);
    await service.close();
    expect(service.running()).toEqual([]);
    expect(() => process.kill(pids[0]!, 0)).toThrow();
  });

  // The stopped encoder's folder is removed once its ffmpeg has exited; a new encoder for the same
  // camera must not be writing into that folder then (a 502 for the viewer who came back).
  withFfmpeg('starts a camera again at once after its idle encoder was stopped', async () => {
    const { service, url } = await serve({ idleMs: 300 });
    expect((await fetchStream(`${url}/streams/${STREAMED}/index.m3u8`)).status).toBe(200);
    await waitFor(() => service.running().length === 0, 5000, 'idle encoder to stop');
    const again = await fetchStream(`${url}/streams/${STREAMED}/index.m3u8`);
    expect(again.status, await again.clone().text()).toBe(200);
    expect(service.running()).toEqual([STREAMED]);
    expect((await fetchStream(`${url}/streams/${STREAMED}/index.m3u8`)).status).toBe(200);
  });

  withFfmpeg('limits concurrent encoders', async () => {
    const { url } = await serve({ maxEncoders: 1 });
    expect((await fetchStream(`${url}/streams/${STREAMED}/index.m3u8`)).status).toBe(200);
    const second = await fetchStream(`${url}/streams/${STREAMED_2}/index.m3u8`);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('5');
    expect(((await second.json()) as { error: string }).error).toMatch(/too many live streams \(limit 1\)/);
    // HTTP-FLV viewers and look-back count against the same cap.
    expect((await fetchStream(`${url}/streams/${STREAMED_2}/live.flv`)).status).toBe(429);
  });

  withFfmpeg(
    'looks back: an EVENT playlist whose program date times start at the chosen moment',
    async () => {
      const { service, url } = await serve();
      const fromSec = Math.floor(Date.now() / 1000) - 120;
      const res = await fetchStream(`${url}/streams/${STREAMED}/record/${fromSec}/index.m3u8`);
      expect(res.status).toBe(200);
      const playlist = await res.text();
      expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
      const first = /#EXT-X-PROGRAM-DATE-TIME:(\S+)/.exec(playlist)?.[1];
      expect(first).toBe(new Date(fromSec * 1000).toISOString());
      expect(service.running()).toEqual([`${STREAMED}@${fromSec}`]);
      const seg = segments(playlist)[0]!.trim();
      expect((await fetch(`${url}/streams/${STREAMED}/record/${fromSec}/${seg}`)).status).toBe(200);
      // Not in the future, not beyond the look-back window.
      expect(
        (await fetchStream(`${url}/streams/${STREAMED}/record/${fromSec + 3600}/index.m3u8`)).status,
      ).toBe(416);
      expect(
        (await fetchStream(`${url}/streams/${STREAMED}/record/${fromSec - 90_000}/index.m3u8`)).status,
      ).toBe(416);
    },
  );

  withFfmpeg(
    'keeps a running stream for a grace period after its camera goes offline, then stops it',
    async () => {
      const { service, url } = await serve({ offlineGraceMs: 800 });
      expect((await fetchStream(`${url}/streams/${STREAMED}/index.m3u8`)).status).toBe(200);
      service.observe([
        {
          type: 'camera.status',
          payload: { cameraId: STREAMED, online: false, at: new Date().toISOString() },
        },
      ]);
      expect((await fetchStream(`${url}/streams/${STREAMED}/index.m3u8`)).status).toBe(200);
      await waitFor(() => service.running().length === 0, 4000, 'offline encoder to stop');
      expect((await fetchStream(`${url}/streams/${STREAMED}/index.m3u8`)).status).toBe(410);
    },
  );
});

describe('camera.ptz command', () => {
  it('acks an aim at an online dome and refuses fixed, unknown and offline cameras clearly', async () => {
    const { packDir, scenarioFile } = fixtureWithStreams([STREAMED]);
    const gateway = await startGateway({
      scenario: scenarioFile,
      pack: packDir,
      port: 0,
      speed: 1,
      tickMs: 20,
      streams: { warn: () => {} },
    });
    cleanup.push(() => gateway.close());
    const c = recordingClient(gateway.url);
    cleanup.push(() => c.close());
    const send = (commandId: string, payload: unknown) =>
      c.socket.timeout(3000).emitWithAck(GatewayEvents.command, {
        commandId,
        kind: 'camera.ptz',
        payload,
      }) as Promise<CommandAck>;

    expect(await send('ptz-ok-0001', { cameraId: STREAMED, pan: 135.5, tilt: -12 })).toEqual({
      commandId: 'ptz-ok-0001',
      ok: true,
    });
    expect(await send('ptz-ok-0001', { cameraId: STREAMED, pan: 135.5, tilt: -12 })).toMatchObject({
      ok: true,
      duplicate: true,
    });
    expect(await send('ptz-fixed-01', { cameraId: STREAMED_2, pan: 10, tilt: -5 })).toMatchObject({
      ok: false,
      error: `camera ${STREAMED_2} (gun) is fixed, not PTZ: it cannot be aimed`,
    });
    expect(
      await send('ptz-unknown-1', { cameraId: '14050200001320009999', pan: 10, tilt: -5 }),
    ).toMatchObject({ ok: false, error: 'unknown camera 14050200001320009999' });
    expect(await send('ptz-bad-0001', { cameraId: STREAMED, pan: 400, tilt: -5 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/invalid payload: pan/),
    });
    gateway.inject('camera.status', { cameraId: STREAMED, online: false, at: new Date().toISOString() });
    expect(await send('ptz-offline-1', { cameraId: STREAMED, pan: 10, tilt: -5 })).toMatchObject({
      ok: false,
      error: `camera ${STREAMED} is offline`,
    });
  });
});
