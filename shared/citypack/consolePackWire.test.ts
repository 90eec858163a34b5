/**
 * The cameras' table form on the `city.pack` request: the renderer gets back exactly the cameras
 * the host has (every field, nulls and streams included), in fewer bytes.
 */
import { describe, expect, it } from 'vitest';
import type { Camera } from '../domain/camera';
import { CameraTableSchema, fromCameraTable, toCameraTable } from './consolePackWire';

const cameras: Camera[] = [
  {
    id: '14990102001325000035',
    name: '市政府人脸抓拍1',
    kind: 'face',
    class: 1,
    lng: 112.851703,
    lat: 35.50477,
    heading: 207,
    fov: 36,
    range: 37,
    streams: [{ protocol: 'hls', url: '/streams/14990102001325000035/index.m3u8' }],
    online: true,
  },
  {
    id: '14990102001325000036',
    name: '球机',
    kind: 'dome',
    class: 3,
    lng: 112.8,
    lat: 35.4,
    heading: null,
    fov: null,
    range: 120,
    streams: [],
    online: false,
  },
  {
    id: '14990102001325000037',
    name: '卡口',
    kind: 'anpr',
    class: 2,
    lng: 112.7,
    lat: 35.3,
    heading: 90,
    fov: 40,
    range: 50,
    streams: [{ protocol: 'flv', url: 'http://10.0.0.1/live.flv' }],
    online: true,
  },
];

describe('camera table', () => {
  it('gives back every camera with every field, nulls and streams included', () => {
    const table = toCameraTable(cameras);
    expect(fromCameraTable(table)).toEqual(cameras);
    // Streams only for the cameras that have them, by index.
    expect(table.streams.map(([i]) => i)).toEqual([0, 2]);
    // Through JSON, as the browser host's bridge carries it.
    expect(fromCameraTable(JSON.parse(JSON.stringify(table)) as typeof table)).toEqual(cameras);
  });

  it('keeps the field order of a parsed camera (one object shape for all)', () => {
    expect(Object.keys(fromCameraTable(toCameraTable(cameras))[1]!)).toEqual(Object.keys(cameras[1]!));
  });

  it('is smaller than the objects once many cameras share the keys', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      ...cameras[1]!,
      id: `1499010200132${String(i).padStart(7, '0')}`,
    }));
    expect(JSON.stringify(toCameraTable(many)).length).toBeLessThan(0.6 * JSON.stringify(many).length);
  });

  it('is valid only with one entry per camera in every column', () => {
    const table = toCameraTable(cameras);
    expect(CameraTableSchema.safeParse(table).success).toBe(true);
    expect(CameraTableSchema.safeParse({ ...table, lat: table.lat.slice(1) }).success).toBe(false);
    expect(CameraTableSchema.safeParse({ ...table, streams: [[3, []]] }).success).toBe(false);
  });
});
