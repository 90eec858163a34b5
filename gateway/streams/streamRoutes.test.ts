import { describe, expect, it } from 'vitest';
import { overlayText, parseSize } from './ffmpeg';
import { withProgramDateTimes } from './hlsEncoder';
import { parseStreamRoute } from './streamRoutes';

const ID = '14990102041325000160';

describe('parseStreamRoute', () => {
  it('reads the gateway paths', () => {
    expect(parseStreamRoute(`/streams/${ID}/index.m3u8`)).toEqual({
      kind: 'hls',
      cameraId: ID,
      file: 'index.m3u8',
    });
    expect(parseStreamRoute(`/streams/${ID}/seg00012.ts`)).toEqual({
      kind: 'hls',
      cameraId: ID,
      file: 'seg00012.ts',
    });
    expect(parseStreamRoute(`/streams/${ID}/live.flv`)).toEqual({ kind: 'flv', cameraId: ID });
    expect(parseStreamRoute(`/streams/${ID}/record/1764900000/index.m3u8`)).toEqual({
      kind: 'record',
      cameraId: ID,
      fromSec: 1764900000,
      file: 'index.m3u8',
    });
  });
  it('reads the ZLMediaKit conventions a WVP platform hands out', () => {
    expect(parseStreamRoute(`/rtp/${ID}.live.flv`)).toEqual({ kind: 'flv', cameraId: ID });
    expect(parseStreamRoute(`/rtp/${ID}/hls.m3u8`)).toEqual({
      kind: 'hls',
      cameraId: ID,
      file: 'index.m3u8',
    });
    expect(parseStreamRoute(`/rtp/${ID}/seg00001.ts`)).toEqual({
      kind: 'hls',
      cameraId: ID,
      file: 'seg00001.ts',
    });
  });
  it('refuses anything else', () => {
    expect(parseStreamRoute('/streams/123/index.m3u8')).toBeNull();
    expect(parseStreamRoute(`/streams/${ID}/a/b/c`)).toBeNull();
    expect(parseStreamRoute(`/live/${ID}.flv`)).toBeNull();
  });
});

describe('synthetic picture', () => {
  it('shows name, id and a clock; look-back shows the chosen moment', () => {
    const camera = { id: ID, name: '泽州路 100%', kind: 'gun' };
    expect(overlayText(camera, null)).toBe(`泽州路 100%%\n${ID} gun\n%{localtime:%Y-%m-%d %T}`);
    expect(overlayText(camera, 1764900000.7).split('\n')[2]).toBe('回放 %{pts:localtime:1764900000}');
  });
  it('parses picture sizes and refuses odd ones', () => {
    expect(parseSize('160x120')).toEqual({ width: 160, height: 120 });
    expect(() => parseSize('161x120')).toThrow(/even/);
    expect(() => parseSize('big')).toThrow(/320x180/);
  });
});

describe('withProgramDateTimes', () => {
  it("stamps each segment with the start plus the durations before it, replacing ffmpeg's", () => {
    const playlist = [
      '#EXTM3U',
      '#EXT-X-PLAYLIST-TYPE:EVENT',
      '#EXT-X-PROGRAM-DATE-TIME:2030-01-01T00:00:00.000Z',
      '#EXTINF:1.000000,',
      'seg00000.ts',
      '#EXTINF:1.250000,',
      'seg00001.ts',
      '',
    ].join('\n');
    const out = withProgramDateTimes(playlist, Date.UTC(2026, 11, 5, 8, 0, 0));
    const stamps = out.split('\n').filter((l) => l.startsWith('#EXT-X-PROGRAM-DATE-TIME'));
    expect(stamps).toEqual([
      '#EXT-X-PROGRAM-DATE-TIME:2026-12-05T08:00:00.000Z',
      '#EXT-X-PROGRAM-DATE-TIME:2026-12-05T08:00:01.000Z',
    ]);
    expect(out).toContain('seg00001.ts');
  });
});
