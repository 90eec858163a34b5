import { MAX_ENVELOPE_BYTES } from './feed';
import { loneSurrogateReason } from './wellFormedText';

/** A message the gateway will not append to its feed: the reason, and its size when it has one. */
export interface IntakeRefusal {
  reason: string;
  bytes: number | null;
}

/** Thrown by the gateway's inject for a refused message; the admin endpoint answers it 422. */
export class IntakeRefused extends Error {
  constructor(readonly refusal: IntakeRefusal) {
    super(refusal.reason);
    this.name = 'IntakeRefused';
  }
}

/** Seq and sentAt at their widest, so the size measured is what the envelope weighs on the wire. */
const WIDEST_HEADER = { seq: Number.MAX_SAFE_INTEGER, sentAt: '2000-01-01T00:00:00.000+00:00' };

/** Bytes of a value as JSON on the wire (UTF-8); lone surrogates count as their \u escapes. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}

/** UTF-8 length of a string, as Node's Buffer.byteLength counts it (a lone surrogate as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Why a message from outside (admin inject, a console command) may not enter the feed, or null.
 * Refused: what is not JSON, an envelope over the feed's byte limit (it could not travel in a
 * bounded frame) and text a console would have to alter to store (a lone surrogate, in any field).
 */
export function intakeRefusal(message: { type: string; payload: unknown }): IntakeRefusal | null {
  let bytes: number;
  try {
    bytes = jsonBytes({ ...WIDEST_HEADER, type: message.type, payload: message.payload });
  } catch (err) {
    return {
      reason: `payload is not JSON: ${err instanceof Error ? err.message : String(err)}`,
      bytes: null,
    };
  }
  if (bytes > MAX_ENVELOPE_BYTES)
    return {
      reason: `envelope of ${bytes} bytes exceeds the feed's limit of ${MAX_ENVELOPE_BYTES} bytes`,
      bytes,
    };
  const text = loneSurrogateReason({ type: message.type, payload: message.payload });
  return text ? { reason: text, bytes } : null;
}
