import { describe, expect, it, vi } from 'vitest';
import type { Camera } from '../../../shared/domain/camera';
import { createVideoRuntime, playableStreamUrl, resolveStreamUrl } from './videoRuntime';
import { checkStreamUrl, streamUrlKey } from '../../../node/streamUrl';

const base: Omit<Camera, 'id' | 'kind' | 'heading' | 'fov'> = {
  name: 'c',
  class: 1,
  lng: 112.85,
  lat: 35.5,
  range: 150,
  streams: [],
  online: true,
};
const dome: Camera = {
  ...base,
  id: '14990102001325000159',
  kind: 'dome',
  heading: null,
  fov: null,
  streams: [{ protocol: 'hls', url: '/streams/14990102001325000159/index.m3u8' }],
};
const gun: Camera = { ...base, id: '14990102041325000160', kind: 'gun', heading: 0, fov: 60, lat: 35.4995 };

function runtime(ack: unknown = { commandId: 'x', ok: true }) {
  const emit = vi.fn();
  const sendCommand = vi.fn(async () => ack);
  const video = createVideoRuntime({
    cameras: [dome, gun],
    gatewayUrl: 'http://127.0.0.1:7410',
    cameraOnline: () => ({ [gun.id]: false }),
    sendCommand,
    emit,
  });
  return { video, emit, sendCommand };
}

describe('video runtime', () => {
  it('resolves relative stream paths on the gateway origin and keeps absolute ones', () => {
    expect(resolveStreamUrl('/streams/1/index.m3u8', 'http://127.0.0.1:7410')).toBe(
      'http://127.0.0.1:7410/streams/1/index.m3u8',
    );
    expect(resolveStreamUrl('http://media.local/live/1.m3u8', 'http://127.0.0.1:7410')).toBe(
      'http://media.local/live/1.m3u8',
    );
    // The gateway's own streams are signed for their camera; another media server's URL is left alone.
    const key = streamUrlKey('demo-token');
    const signed = new URL(playableStreamUrl('/streams/1/index.m3u8', '1', 'http://127.0.0.1:7410', key));
    expect(checkStreamUrl(key, '1', signed.searchParams)).toMatchObject({ ok: true });
    expect(playableStreamUrl('http://media.local/live/1.m3u8', '1', 'http://127.0.0.1:7410', key)).toBe(
      'http://media.local/live/1.m3u8',
    );
  });

  it('ranks cameras with live state, coverage, aim and playable URLs', () => {
    const [first, second] = runtime().video.nearbyCameras({ lng: 112.85, lat: 35.5003 }, 5);
    expect(first!.camera.id).toBe(dome.id);
    expect(first!.covers).toBe(true);
    expect(first!.aim?.pan).toBeCloseTo(0, 0);
    expect(first!.camera.streams[0]!.url).toBe(
      'http://127.0.0.1:7410/streams/14990102001325000159/index.m3u8',
    );
    expect(second!.camera.online).toBe(false);
  });

  it('selects cameras in a circle', async () => {
    const r = await runtime().video.handlers['cameras.inArea']({
      circle: { lng: 112.85, lat: 35.5, radiusM: 20 },
    });
    expect(r.map((c) => c.camera.id)).toEqual([dome.id]);
  });

  it('lists named cameras in the given order with live state, and refuses unknown ids', async () => {
    const { video } = runtime();
    const r = await video.handlers['cameras.byIds']({
      ids: [gun.id, dome.id],
      point: { lng: 112.85, lat: 35.5003 },
    });
    expect(r.map((c) => c.camera.id)).toEqual([gun.id, dome.id]);
    expect(r[0]!.camera.online).toBe(false);
    expect(r[1]!.distanceM).toBeGreaterThan(30);
    // The dome (PTZ) gets a pan/tilt aim at the point.
    expect(r[1]!.aim).toEqual({ pan: expect.any(Number), tilt: expect.any(Number) });
    expect(r[1]!.camera.streams[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:7410\//);
    await expect(video.handlers['cameras.byIds']({ ids: [dome.id, '14990102041325009999'] })).rejects.toThrow(
      /unknown camera 14990102041325009999/,
    );
  });

  it('aims a dome through a camera.ptz command and refuses fixed cameras and gateway failures', async () => {
    const { video, sendCommand } = runtime();
    const aimed = await video.handlers['cameras.aim']({ cameraId: dome.id, lng: 112.851, lat: 35.5 });
    expect(aimed.pan).toBeCloseTo(90, 0);
    expect(aimed.tilt).toBeLessThan(0);
    expect(sendCommand).toHaveBeenCalledWith(
      'gw:command',
      expect.objectContaining({
        kind: 'camera.ptz',
        payload: { cameraId: dome.id, pan: aimed.pan, tilt: aimed.tilt },
      }),
      5000,
    );
    await expect(
      video.handlers['cameras.aim']({ cameraId: gun.id, lng: 112.851, lat: 35.5 }),
    ).rejects.toThrow(/fixed gun camera and cannot be aimed/);
    const refused = runtime({ commandId: 'x', ok: false, error: 'camera is offline' });
    await expect(
      refused.video.handlers['cameras.aim']({ cameraId: dome.id, lng: 112.851, lat: 35.5 }),
    ).rejects.toThrow(/gateway refused camera.ptz: camera is offline/);
  });

  it('audits every PTZ command with its outcome: accepted, refused, or unanswered', async () => {
    const audit = vi.fn();
    const answers: unknown[] = [
      { commandId: 'x', ok: true },
      { commandId: 'x', ok: false, error: 'camera is offline' },
    ];
    const sendCommand = vi.fn(async () => {
      const next = answers.shift();
      if (!next) throw new Error('gateway command timed out');
      return next;
    });
    const video = createVideoRuntime({
      cameras: [dome, gun],
      gatewayUrl: 'http://127.0.0.1:7410',
      cameraOnline: () => ({}),
      sendCommand,
      emit: vi.fn(),
      audit,
    });
    const aim = () => video.handlers['cameras.aim']({ cameraId: dome.id, lng: 112.851, lat: 35.5 });
    await aim();
    await expect(aim()).rejects.toThrow(/refused/);
    await expect(aim()).rejects.toThrow(/timed out/);
    expect(audit.mock.calls.map(([e]) => [e.cameraId, e.ok, e.error ?? null])).toEqual([
      [dome.id, true, null],
      [dome.id, false, 'camera is offline'],
      [dome.id, false, 'gateway command timed out'],
    ]);
    expect(audit.mock.calls[0]![0]).toMatchObject({
      pan: expect.any(Number),
      tilt: expect.any(Number),
      commandId: expect.any(String),
    });
  });

  it('shares the selection with every window, once per change', async () => {
    const { video, emit } = runtime();
    expect(await video.handlers['selection.get']()).toEqual({ alertId: null });
    await video.handlers['selection.set']('A-1');
    await video.handlers['selection.set']('A-1');
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit).toHaveBeenCalledWith('selection.changed', { alertId: 'A-1' });
    expect(await video.handlers['selection.get']()).toEqual({ alertId: 'A-1' });
  });

  it("shares the wall's source (drawn area or named cameras) with every window, once per change", async () => {
    const { video, emit } = runtime();
    expect(await video.handlers['wall.getSource']()).toEqual({ area: null, cameras: null });
    const area = { circle: { lng: 112.85, lat: 35.5, radiusM: 200 } };
    await video.handlers['wall.setSource']({ area, cameras: null });
    await video.handlers['wall.setSource']({ area: { circle: { ...area.circle } }, cameras: null });
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit).toHaveBeenCalledWith('wall.sourceChanged', { area, cameras: null });
    await video.handlers['wall.setSource']({ area: null, cameras: null });
    expect(emit).toHaveBeenLastCalledWith('wall.sourceChanged', { area: null, cameras: null });
    expect(await video.handlers['wall.getSource']()).toEqual({ area: null, cameras: null });
  });
});
