import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Camera } from '../../../shared/domain/camera';
import { MediaServerSchema, type MediaServer } from '../../../shared/domain/mediaServers';
import { contentSecurityPolicy } from '../contentSecurityPolicy';
import { loadMediaServers } from './mediaConfig';
import { createStreamUrls } from './streamUrls';

const camera = (id: string, streams: Camera['streams'] = []): Camera => ({
  id,
  name: 'c',
  kind: 'gun',
  class: 1,
  lng: 112.85,
  lat: 35.5,
  heading: 0,
  fov: 60,
  range: 100,
  streams,
  online: true,
});
const A = '14990102041325000160';
const B = '14990202041325000161';
const GATEWAY = 'http://127.0.0.1:7410';
const servers: MediaServer[] = [
  {
    id: 'county',
    platform: 'zlmediakit',
    origin: 'http://10.2.0.5:8080',
    cameras: { prefixes: ['14990202'] },
  },
  { id: 'drill', platform: 'gateway' },
];

describe('camera stream URLs', () => {
  const urls = createStreamUrls({ servers, gatewayUrl: GATEWAY });

  it('builds ZLMediaKit / WVP URLs from the GB/T 28181 id alone', () => {
    expect(urls.live(camera(B))).toEqual([
      { protocol: 'flv', url: `http://10.2.0.5:8080/rtp/${B}.live.flv` },
      { protocol: 'hls', url: `http://10.2.0.5:8080/rtp/${B}/hls.m3u8` },
      { protocol: 'whep', url: `http://10.2.0.5:8080/index/api/webrtc?app=rtp&stream=${B}&type=play` },
    ]);
  });

  it('falls through to the drill gateway, whose look-back starts at the chosen second', () => {
    expect(urls.live(camera(A)).map((s) => s.url)).toEqual([
      `${GATEWAY}/streams/${A}/index.m3u8`,
      `${GATEWAY}/streams/${A}/live.flv`,
    ]);
    expect(urls.lookback(camera(A), 1764900000_999)).toEqual([
      { protocol: 'hls', url: `${GATEWAY}/streams/${A}/record/1764900000/index.m3u8` },
    ]);
    // ZLMediaKit has no look-back URL of its own here: none offered rather than a wrong one.
    expect(urls.lookback(camera(B), 1764900000_000)).toEqual([]);
  });

  it("keeps a camera's own listed streams first, resolved on the gateway", () => {
    expect(urls.live(camera(B, [{ protocol: 'hls', url: '/streams/x/index.m3u8' }]))).toEqual([
      { protocol: 'hls', url: `${GATEWAY}/streams/x/index.m3u8` },
    ]);
  });

  it('passes every URL through the one finishing step (where signing goes)', () => {
    const signed = createStreamUrls({
      servers,
      gatewayUrl: GATEWAY,
      finish: (url, c) => `${url}${url.includes('?') ? '&' : '?'}sig=${c.id.slice(-4)}`,
    });
    expect(signed.live(camera(A))[0]!.url).toBe(`${GATEWAY}/streams/${A}/index.m3u8?sig=0160`);
    expect(signed.lookback(camera(A), 1764900000_000)[0]!.url).toMatch(
      /record\/1764900000\/index\.m3u8\?sig=0160$/,
    );
  });

  it('allows exactly the media origins in the content security policy', () => {
    expect(urls.origins()).toEqual(['http://10.2.0.5:8080', GATEWAY]);
    const csp = contentSecurityPolicy({ gatewayOrigin: GATEWAY, mediaOrigins: urls.origins() });
    expect(csp).toContain(`connect-src 'self' ${GATEWAY} http://10.2.0.5:8080;`);
    expect(csp).toContain(`media-src 'self' blob: ${GATEWAY} http://10.2.0.5:8080;`);
  });

  it('refuses servers without an origin, with a path in it, or custom ones without templates', () => {
    expect(MediaServerSchema.safeParse({ id: 'x', platform: 'srs' }).success).toBe(false);
    expect(MediaServerSchema.safeParse({ id: 'x', platform: 'srs', origin: 'http://h/live' }).success).toBe(
      false,
    );
    expect(MediaServerSchema.safeParse({ id: 'x', platform: 'custom', origin: 'http://h' }).success).toBe(
      false,
    );
    expect(
      MediaServerSchema.safeParse({
        id: 'x',
        platform: 'custom',
        origin: 'http://h',
        templates: { hls: '{origin}/{gbId}.m3u8' },
      }).success,
    ).toBe(true);
  });
});

describe('media settings', () => {
  it("puts the site's servers before the pack's and names the file on bad input", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'media-'));
    try {
      writeFileSync(
        path.join(dir, 'pack.json'),
        JSON.stringify({ media: { servers: [{ id: 'drill', platform: 'gateway' }] } }),
      );
      const site = path.join(dir, 'media.json');
      writeFileSync(
        site,
        JSON.stringify({ servers: [{ id: 'zlm', platform: 'wvp', origin: 'http://10.0.0.9' }] }),
      );
      expect(loadMediaServers(dir, site).map((s) => s.id)).toEqual(['zlm', 'drill']);
      expect(loadMediaServers(dir, null).map((s) => s.id)).toEqual(['drill']);
      writeFileSync(site, JSON.stringify({ servers: [{ id: 'zlm', platform: 'wvp' }] }));
      expect(() => loadMediaServers(dir, site)).toThrow(
        /media\.json: servers\.0: every media server but the drill gateway needs an origin/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
