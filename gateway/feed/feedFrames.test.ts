import { describe, expect, it } from 'vitest';
import {
  FEED_FRAME_BUDGET_BYTES,
  FEED_FRAME_LIMIT_BYTES,
  MAX_ENVELOPE_BYTES,
  WithheldPayloadSchema,
} from '../../shared/protocol/feed';
import { feedFrames } from './feedFrames';
import type { WireEnvelope } from './feedLog';

const envelope = (seq: number, filler: number): WireEnvelope => ({
  seq,
  type: 'alert',
  sentAt: '2026-11-20T11:00:00.000Z',
  payload: { id: `a-${seq}`, filler: 'x'.repeat(filler) },
});
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('feed frames', () => {
  it('bounds frames by count and by bytes, keeping every envelope in seq order', () => {
    const small = Array.from({ length: 1200 }, (_, i) => envelope(i + 1, 10));
    expect(feedFrames(small).map((f) => f.length)).toEqual([500, 500, 200]);
    const large = Array.from({ length: 100 }, (_, i) => envelope(i + 1, 60_000));
    const frames = feedFrames(large);
    expect(frames.length).toBeGreaterThan(5);
    for (const frame of frames) expect(bytes(frame)).toBeLessThanOrEqual(FEED_FRAME_BUDGET_BYTES);
    expect(frames.flat()).toEqual(large);
  });

  it('the budget is exact: a frame is filled up to it and never past it', () => {
    const list = Array.from({ length: 10 }, (_, i) => envelope(i + 1, 100));
    const one = bytes(list[0]);
    // Room for exactly three: "[" + 3 envelopes + 2 commas + "]".
    const frames = feedFrames(list, 2 + 3 * one + 2);
    expect(frames.map((f) => f.length)).toEqual([3, 3, 3, 1]);
    for (const frame of frames) expect(bytes(frame)).toBeLessThanOrEqual(2 + 3 * one + 2);
  });

  it('sends an envelope over the limit as a withheld stand-in with its seq, type and reason', () => {
    const [frame] = feedFrames([envelope(1, 10), envelope(2, MAX_ENVELOPE_BYTES), envelope(3, 10)]);
    expect(frame!.map((e) => [e.seq, e.type])).toEqual([
      [1, 'alert'],
      [2, 'alert'],
      [3, 'alert'],
    ]);
    const standIn = WithheldPayloadSchema.parse(frame![1]!.payload);
    expect(standIn.withheld.reason).toMatch(/exceeds the feed's limit of 65536 bytes/);
    expect(standIn.withheld.bytes).toBeGreaterThan(MAX_ENVELOPE_BYTES);
  });

  it('leaves the console room for the socket.io framing', () => {
    expect(FEED_FRAME_LIMIT_BYTES - FEED_FRAME_BUDGET_BYTES).toBeGreaterThanOrEqual(1024);
    expect(MAX_ENVELOPE_BYTES).toBeLessThan(FEED_FRAME_BUDGET_BYTES);
  });
});
