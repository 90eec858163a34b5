import { afterEach, describe, expect, it } from 'vitest';
import { decodeFeedMessages, type DecodeContext } from './feedDecoder';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { alertReport, envelope, tempDir } from '../../../tests/unit/fixtures';

const ctx: DecodeContext = {
  lastSeq: 0,
  knownUnits: new Set(['U01']),
  knownCameras: new Set(),
  receivedAt: '2026-11-20T11:00:06.000Z',
};
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

describe('feed decoder: text is stored exactly or refused', () => {
  const broken = 'A\uD800B';
  const variants = {
    address: alertReport({ address: broken }),
    description: alertReport({ description: broken }),
    'caller.name': alertReport({ caller: { name: broken, phone: '13812345678' } }),
    'caller.phone': alertReport({ caller: { phone: `138${broken}` } }),
    id: alertReport({ id: broken }),
  };

  it.each(Object.entries(variants))(
    'quarantines an alert whose %s holds a lone surrogate, with the reason',
    (field, report) => {
      const batch = decodeFeedMessages(
        [envelope(1, 'alert', report), envelope(2, 'alert', alertReport({ id: 'fine' }))],
        ctx,
      );
      expect(batch.alerts.map((a) => a.id)).toEqual(['fine']);
      expect(batch.quarantine).toHaveLength(1);
      expect(batch.quarantine[0]!.reason).toContain(`payload.${field}`);
      expect(batch.quarantine[0]!.reason).toMatch(/lone UTF-16 surrogate \(U\+D800\)/);
      expect(batch.lastSeq).toBe(2);
    },
  );

  it('keeps the refused message exactly, through SQLite', () => {
    const tmp = tempDir();
    const repo = new ConsoleRepository(openDatabase(tmp.dir));
    cleanup.push(() => (repo.close(), tmp.cleanup()));
    repo.applyFeedBatch(decodeFeedMessages([envelope(1, 'alert', variants.address)], ctx));
    expect(repo.alerts.list({ includeClosed: true })).toEqual([]);
    const [kept] = repo.meta.listQuarantine(10);
    expect(JSON.parse(kept!.raw).payload.address).toBe(broken);
  });

  it('refuses lone surrogates in unit and camera messages too', () => {
    const batch = decodeFeedMessages(
      [
        envelope(1, 'unit.status', {
          unitId: 'U01',
          status: 'available',
          at: '2026-11-20T11:00:00Z',
          note: '\uDFFF',
        }),
      ],
      ctx,
    );
    expect(batch.unitStatus).toEqual([]);
    expect(batch.quarantine[0]!.reason).toMatch(/payload\.note/);
  });
});

describe('feed decoder: envelopes the gateway withheld', () => {
  it('quarantines the stand-in with the gateway’s reason and moves the resume point past it', () => {
    const standIn = {
      withheld: {
        reason: "envelope of 1000230 bytes exceeds the feed's limit of 65536 bytes",
        bytes: 1000230,
      },
    };
    const batch = decodeFeedMessages(
      [envelope(7, 'alert', standIn), envelope(8, 'alert', alertReport({ id: 'after' }))],
      ctx,
    );
    expect(batch.alerts.map((a) => a.id)).toEqual(['after']);
    expect(batch.quarantine).toMatchObject([
      {
        seq: 7,
        type: 'alert',
        reason: "withheld by the gateway: envelope of 1000230 bytes exceeds the feed's limit of 65536 bytes",
      },
    ]);
    expect(batch.lastSeq).toBe(8);
  });
});
