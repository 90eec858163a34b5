/** Signed stream URLs (issue 17, defect 5): unsigned, forged, expired or another camera's → 403. */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../gateway/server';
import {
  FIXTURE_CAMERAS,
  fixtureScenario,
  tempDir,
  TEST_STREAM_KEY,
  writeFixture,
} from '../tests/unit/gatewayFixtures';
import { checkStreamUrl, signPlaylist, signStreamUrl, streamUrlKey } from './streamUrl';

const [CAMERA, OTHER] = FIXTURE_CAMERAS as [string, string];
const NOW = Date.UTC(2026, 10, 20, 11, 0, 0);
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('stream URL signatures', () => {
  const url = `http://127.0.0.1:7410/streams/${CAMERA}/index.m3u8`;
  const params = (signed: string) => new URL(signed).searchParams;

  it('accept the camera and time they were signed for, until they expire', () => {
    const signed = signStreamUrl(TEST_STREAM_KEY, url, CAMERA, NOW, 60);
    expect(checkStreamUrl(TEST_STREAM_KEY, CAMERA, params(signed), NOW + 59_000)).toMatchObject({ ok: true });
    expect(checkStreamUrl(TEST_STREAM_KEY, CAMERA, params(signed), NOW + 60_000)).toEqual({
      ok: false,
      reason: expect.stringMatching(/expired/),
    });
    expect(checkStreamUrl(TEST_STREAM_KEY, OTHER, params(signed), NOW)).toEqual({
      ok: false,
      reason: 'stream URL signature does not match',
    });
    expect(checkStreamUrl(streamUrlKey('another-token'), CAMERA, params(signed), NOW)).toEqual({
      ok: false,
      reason: 'stream URL signature does not match',
    });
    const stretched = new URL(signed);
    stretched.searchParams.set('exp', String(Number(stretched.searchParams.get('exp')) + 3600));
    expect(checkStreamUrl(TEST_STREAM_KEY, CAMERA, stretched.searchParams, NOW)).toMatchObject({ ok: false });
    expect(checkStreamUrl(TEST_STREAM_KEY, CAMERA, new URLSearchParams(), NOW)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not signed/),
    });
    expect(checkStreamUrl(TEST_STREAM_KEY, CAMERA, new URLSearchParams('exp=1e9&sig=zz'), NOW)).toMatchObject(
      { ok: false, reason: 'malformed stream URL signature' },
    );
  });

  it("carry the playlist's signature onto its segment lines", () => {
    expect(signPlaylist('#EXTM3U\n#EXTINF:1.0,\nseg00001.ts\n', 'exp=1&sig=ab')).toBe(
      '#EXTM3U\n#EXTINF:1.0,\nseg00001.ts?exp=1&sig=ab\n',
    );
  });
});

describe('gateway /streams/ without a valid signature', () => {
  it('answers 403 before it looks at the camera or starts an encoder', async () => {
    const dir = tempDir('stream-url-');
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(2));
    const gateway = await startGateway({
      scenario: scenarioFile,
      pack: packDir,
      port: 0,
      speed: 1,
      tickMs: 20,
    });
    cleanup.push(() => gateway.close());
    const base = `${gateway.url}/streams/${CAMERA}/index.m3u8`;
    const status = async (u: string) => (await fetch(u)).status;
    expect(await status(base)).toBe(403);
    expect(await status(`${gateway.url}/streams/${CAMERA}/live.flv`)).toBe(403);
    expect(await status(signStreamUrl(streamUrlKey('forged-token'), base, CAMERA))).toBe(403);
    expect(await status(signStreamUrl(TEST_STREAM_KEY, base, OTHER))).toBe(403);
    expect(await status(signStreamUrl(TEST_STREAM_KEY, base, CAMERA, Date.now() - 3_600_000, 60))).toBe(403);
    const body = (await (await fetch(base)).json()) as { error: string };
    expect(body.error).toMatch(/not signed/);
    // Signed right, the request reaches the stream service (no streams in this pack: 404, not 403).
    expect(await status(signStreamUrl(TEST_STREAM_KEY, base, CAMERA))).not.toBe(403);
  });
});
