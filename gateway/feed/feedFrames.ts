import {
  FEED_FRAME_BUDGET_BYTES,
  FEED_FRAME_MAX_ENVELOPES,
  MAX_ENVELOPE_BYTES,
  type WithheldPayload,
} from '../../shared/protocol/feed';
import { jsonBytes } from '../../shared/protocol/envelopeIntake';
import type { WireEnvelope } from './feedLog';

/** Envelopes are immutable once logged, so each is measured once however many consoles it goes to. */
const measured = new WeakMap<WireEnvelope, number>();

function bytesOf(envelope: WireEnvelope): number {
  let bytes = measured.get(envelope);
  if (bytes === undefined) {
    bytes = jsonBytes(envelope);
    measured.set(envelope, bytes);
  }
  return bytes;
}

/**
 * The envelope as it may go out. One over MAX_ENVELOPE_BYTES (intake refuses those now, but a
 * log written before may hold some) goes as a withheld stand-in with the same seq and type, so
 * the console quarantines it with the reason and resumes past it instead of choking on it.
 */
function sendable(envelope: WireEnvelope): { envelope: WireEnvelope; bytes: number } {
  const bytes = bytesOf(envelope);
  if (bytes <= MAX_ENVELOPE_BYTES) return { envelope, bytes };
  const payload: WithheldPayload = {
    withheld: {
      reason: `envelope of ${bytes} bytes exceeds the feed's limit of ${MAX_ENVELOPE_BYTES} bytes; it stays in the gateway's log`,
      bytes,
    },
  };
  const standIn: WireEnvelope = { seq: envelope.seq, type: envelope.type, sentAt: envelope.sentAt, payload };
  return { envelope: standIn, bytes: jsonBytes(standIn) };
}

/**
 * Splits envelopes (in seq order) into feed frames of at most `maxCount` envelopes and `budget`
 * bytes of JSON each, so no frame exceeds what the console's socket takes (FEED_FRAME_LIMIT_BYTES).
 */
export function feedFrames(
  envelopes: readonly WireEnvelope[],
  budget = FEED_FRAME_BUDGET_BYTES,
  maxCount = FEED_FRAME_MAX_ENVELOPES,
): WireEnvelope[][] {
  const frames: WireEnvelope[][] = [];
  let frame: WireEnvelope[] = [];
  let frameBytes = 2; // "[" and "]"
  for (const original of envelopes) {
    const { envelope, bytes } = sendable(original);
    if (frame.length > 0 && (frame.length >= maxCount || frameBytes + 1 + bytes > budget)) {
      frames.push(frame);
      frame = [];
      frameBytes = 2;
    }
    frameBytes += (frame.length > 0 ? 1 : 0) + bytes; // a comma before all but the first
    frame.push(envelope);
  }
  if (frame.length > 0) frames.push(frame);
  return frames;
}
