import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFeedMessages, type DecodeContext } from '../../../electron/core/feed/feedDecoder';
import { AlertSchema } from '../../../shared/domain/alert';
import { FEED_MESSAGE_TYPES } from '../../../shared/protocol/feed';
import { findLoneSurrogate } from '../../../shared/protocol/wellFormedText';
import { alertReport } from '../fixtures';
import { FUZZ_RUNS, junk, nastyString, shapedJunk } from './arbitraries';

const ctx: DecodeContext = {
  lastSeq: 5,
  knownUnits: new Set(['U01', 'U02']),
  knownCameras: new Set(['14990101001320000001']),
  receivedAt: '2026-11-20T11:00:06.000Z',
};

const ALERT_KEYS = Object.keys(alertReport());

/** Envelopes near the real thing: valid or odd seqs and types, payloads from valid to junk. */
const nearEnvelope = fc.record(
  {
    seq: fc.oneof(fc.integer({ min: -2, max: 40 }), junk),
    type: fc.oneof(fc.constantFrom(...FEED_MESSAGE_TYPES), nastyString),
    sentAt: fc.oneof(fc.constant('2026-11-20T11:00:00.000Z'), nastyString),
    payload: fc.oneof(
      fc.constant(alertReport()),
      // A valid alert with some fields replaced by anything.
      shapedJunk(ALERT_KEYS).map((over) => ({ ...alertReport({ id: 'fz' }), ...over })),
      fc.record({
        unitId: fc.constantFrom('U01', 'U9', ''),
        lng: fc.double(),
        lat: fc.double(),
        at: nastyString,
      }),
      fc.record({ withheld: fc.record({ reason: nastyString, bytes: fc.oneof(fc.nat(), junk) }) }),
      junk,
    ),
  },
  { requiredKeys: [] },
);

describe('fuzz: feed decoder', () => {
  it('never throws; every message becomes data, a quarantine entry with a reason, or a dropped resend', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(nearEnvelope, junk), { maxLength: 12 }), (raw) => {
        const batch = decodeFeedMessages(raw, ctx);
        const kept =
          batch.alerts.length +
          batch.positions.length +
          batch.unitStatus.length +
          batch.cameraStatus.length +
          batch.quarantine.length;
        expect(kept).toBeLessThanOrEqual(raw.length);
        expect(batch.lastSeq).toBeGreaterThanOrEqual(ctx.lastSeq);
        for (const q of batch.quarantine) {
          expect(q.reason.length).toBeGreaterThan(0);
          expect(typeof q.raw).toBe('string');
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('stores only alerts that are valid and whose text is exactly storable', () => {
    fc.assert(
      fc.property(fc.array(nearEnvelope, { maxLength: 8 }), (raw) => {
        for (const alert of decodeFeedMessages(raw, ctx).alerts) {
          expect(AlertSchema.safeParse(alert).success).toBe(true);
          expect(findLoneSurrogate(alert)).toBeNull();
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
