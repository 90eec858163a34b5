import { describe, expect, it } from 'vitest';
import { pickStream, type CameraStream } from './streamChoice';

const hls: CameraStream = { protocol: 'hls', url: '/streams/1/index.m3u8' };
const flv: CameraStream = { protocol: 'flv', url: '/streams/1/live.flv' };
const whep: CameraStream = { protocol: 'whep', url: 'https://media/whep/1' };

describe('pickStream', () => {
  it("takes the pack's first playable stream", () => {
    expect(pickStream([flv, hls], { hls: true, flv: true })).toBe(flv);
    expect(pickStream([hls, flv], { hls: true, flv: true })).toBe(hls);
  });
  it('skips what the browser cannot play', () => {
    expect(pickStream([flv, hls], { hls: true, flv: false })).toBe(hls);
    expect(pickStream([hls, flv], { hls: false, flv: true })).toBe(flv);
  });
  it('never picks WHEP, and gives null when nothing is playable', () => {
    expect(pickStream([whep, hls], { hls: true, flv: true })).toBe(hls);
    expect(pickStream([whep], { hls: true, flv: true })).toBeNull();
    expect(pickStream([], { hls: true, flv: true })).toBeNull();
  });
});
