import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { ConsoleRepository } from './consoleRepository';
import { decodeFeedMessages } from '../feed/feedDecoder';
import { alertReport, envelope, tempDir } from '../../../tests/unit/fixtures';

const ID = '110-20261120-0001';

describe('alert amendments (same id, higher revision) on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  const feed = (messages: unknown[]) =>
    repo.applyFeedBatch(
      decodeFeedMessages(messages, {
        lastSeq: repo.lastSeq(),
        knownUnits: new Set(),
        knownCameras: new Set(),
        receivedAt: new Date().toISOString(),
      }),
    );
  beforeEach(() => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
  });
  afterEach(() => {
    repo.close();
    tmp.cleanup();
  });

  it('a raised priority and a corrected address update the one stored alert and keep both revisions', () => {
    feed([envelope(1, 'alert', alertReport({ priority: 3, address: '文化路12号' }))]);
    const result = feed([
      envelope(2, 'alert', alertReport({ priority: 1, address: '文化路21号', revision: 2 })),
    ]);
    expect(result.newAlerts).toEqual([]);
    expect(result.amendedAlerts.map((a) => [a.id, a.priority, a.address, a.revision])).toEqual([
      [ID, 1, '文化路21号', 2],
    ]);
    expect(repo.alerts.list({ includeClosed: true })).toHaveLength(1);
    const stored = repo.alerts.get(ID)!;
    expect([stored.priority, stored.address, stored.revision, stored.seq]).toEqual([1, '文化路21号', 2, 1]);
    const revisions = repo.alerts.revisions(ID);
    expect(revisions.map((r) => [r.revision, r.seq])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(revisions[0]!.changes).toEqual([]);
    expect(revisions[1]!.changes).toEqual([
      { field: 'priority', from: 3, to: 1 },
      { field: 'address', from: '文化路12号', to: '文化路21号' },
    ]);
  });

  it('a resend of the stored revision or an older revision changes nothing', () => {
    feed([envelope(1, 'alert', alertReport({ revision: 2, address: 'B' }))]);
    const resend = feed([envelope(2, 'alert', alertReport({ revision: 2, address: 'C' }))]);
    const older = feed([envelope(3, 'alert', alertReport({ revision: 1, address: 'A' }))]);
    expect([
      ...resend.newAlerts,
      ...resend.amendedAlerts,
      ...older.newAlerts,
      ...older.amendedAlerts,
    ]).toEqual([]);
    expect(repo.alerts.get(ID)!.address).toBe('B');
    expect(repo.alerts.revisions(ID).map((r) => r.revision)).toEqual([2]);
  });

  it('an amendment keeps the lifecycle state the console has reached', () => {
    feed([envelope(1, 'alert', alertReport())]);
    repo.db.prepare("UPDATE alerts SET status = 'dispatched' WHERE id = ?").run(ID);
    feed([envelope(2, 'alert', alertReport({ revision: 2, description: '嫌疑人持刀' }))]);
    const stored = repo.alerts.get(ID)!;
    expect([stored.status, stored.description]).toEqual(['dispatched', '嫌疑人持刀']);
  });

  it('an original and its amendment in one burst are both applied, in order', () => {
    const result = feed([
      envelope(1, 'alert', alertReport({ priority: 3 })),
      envelope(2, 'alert', alertReport({ priority: 2, revision: 2 })),
    ]);
    expect(result.newAlerts.map((a) => a.id)).toEqual([ID]);
    expect(result.amendedAlerts.map((a) => a.priority)).toEqual([2]);
    expect(repo.alerts.revisions(ID).map((r) => r.revision)).toEqual([1, 2]);
  });

  it('a corrected location moves the WGS84 position and keeps the original coordinates', () => {
    feed([envelope(1, 'alert', alertReport())]);
    const before = repo.alerts.get(ID)!;
    const moved = { lng: before.location.lng + 0.01, lat: before.location.lat, crs: before.location.crs };
    feed([envelope(2, 'alert', alertReport({ location: moved, revision: 2 }))]);
    const after = repo.alerts.get(ID)!;
    expect(after.location).toEqual(moved);
    expect(after.position.lng).toBeGreaterThan(before.position.lng + 0.009);
    expect(repo.alerts.revisions(ID)[1]!.changes.map((c) => c.field)).toEqual(['location']);
  });
});
