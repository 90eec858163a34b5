import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, migrate } from './database';
import { ConsoleRepository, type FeedBatch } from './consoleRepository';
import { MIGRATIONS } from './migrations';
import { decodeFeedMessages } from '../feed/feedDecoder';
import { alertReport, envelope, tempDir } from '../../../tests/unit/fixtures';

const unit = {
  id: 'U01',
  callsign: '巡逻1组',
  type: 'car' as const,
  districtId: 'D01',
  home: { lng: 112.85, lat: 35.5 },
};
const pack = {
  manifest: { id: 'fixture' },
  units: [unit],
  cameras: [
    {
      id: '14990101001320000001',
      name: '测试点位',
      kind: 'gun',
      class: 1,
      lng: 112.85,
      lat: 35.5,
      heading: 90,
      fov: 70,
      range: 80,
      streams: [],
      online: true,
    },
  ],
  checkpoints: [
    { id: 'C1', name: '卡口', level: 'city', lng: 112.9, lat: 35.4, road: 'G207', cameraIds: [] },
  ],
} as never;

function batchOf(messages: unknown[], repo: ConsoleRepository): FeedBatch {
  return decodeFeedMessages(messages, {
    lastSeq: repo.lastSeq(),
    knownUnits: repo.knownUnitIds(),
    knownCameras: new Set(['14990101001320000001']),
    receivedAt: new Date().toISOString(),
  });
}

describe('ConsoleRepository on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  beforeEach(() => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    repo.seedFromPack(pack);
  });
  afterEach(() => {
    repo.close();
    tmp.cleanup();
  });

  it('opens in WAL mode at the latest schema version', () => {
    expect(repo.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(repo.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('refuses a database from a newer console', () => {
    repo.db.pragma('user_version = 999');
    expect(() => migrate(repo.db, MIGRATIONS)).toThrow(/newer than this console/);
  });

  it('stores a feed batch with its resume point and its first lifecycle step', () => {
    const result = repo.applyFeedBatch(
      batchOf([envelope(1, 'alert', alertReport()), envelope(2, 'alert', alertReport({ id: 'b' }))], repo),
    );
    expect(result.newAlerts).toHaveLength(2);
    expect(repo.lastSeq()).toBe(2);
    expect(repo.alerts.list({ includeClosed: false }).map((a) => a.id)).toEqual(['110-20261120-0001', 'b']);
    expect(repo.alerts.events('b')).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'received', operator: 'system:feed' }),
    ]);
  });

  it('is idempotent: the same alert id twice is stored once and reported new once', () => {
    repo.applyFeedBatch(batchOf([envelope(1, 'alert', alertReport())], repo));
    const again = repo.applyFeedBatch(batchOf([envelope(2, 'alert', alertReport())], repo));
    expect(again.newAlerts).toHaveLength(0);
    expect(repo.alerts.list({ includeClosed: true })).toHaveLength(1);
  });

  it('keeps the latest position by time and the full track, and unit status', () => {
    const p = (at: string, lng: number) => ({ unitId: 'U01', lng, lat: 35.5, heading: 0, speed: 5, at });
    repo.applyFeedBatch(
      batchOf(
        [
          envelope(1, 'unit.position', p('2026-11-20T11:00:02.000Z', 112.86)),
          envelope(2, 'unit.position', p('2026-11-20T11:00:01.000Z', 112.85)),
          envelope(3, 'unit.status', { unitId: 'U01', status: 'off_duty', at: '2026-11-20T11:00:03.000Z' }),
        ],
        repo,
      ),
    );
    const [u] = repo.units.list();
    expect(u!.position!.lng).toBe(112.86);
    expect(u!.status).toBe('off_duty');
    expect(repo.db.prepare('SELECT COUNT(*) AS n FROM unit_track').get()).toEqual({ n: 2 });
  });

  it('keeps quarantined messages whole and counts them', () => {
    repo.applyFeedBatch(batchOf([envelope(1, 'alert', { id: 'x' })], repo));
    expect(repo.meta.quarantineCount()).toBe(1);
    expect(repo.meta.listQuarantine(10)[0]).toMatchObject({ seq: 1, type: 'alert' });
    expect(repo.lastSeq()).toBe(1);
  });

  it('shows exactly what it had after a restart, and re-seeding keeps live state', () => {
    repo.applyFeedBatch(
      batchOf(
        [
          envelope(7, 'alert', alertReport()),
          envelope(8, 'camera.status', {
            cameraId: '14990101001320000001',
            online: false,
            at: new Date().toISOString(),
          }),
        ],
        repo,
      ),
    );
    repo.close();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    repo.seedFromPack(pack);
    expect(repo.lastSeq()).toBe(8);
    expect(repo.alerts.get('110-20261120-0001')?.caller.phone).toBe('13812345678');
    expect(repo.reference.cameraOnline()['14990101001320000001']).toBe(false);
    expect(repo.reference.checkpointCount()).toBe(1);
  });

  it('rolls back the whole batch when one row fails', () => {
    const batch = batchOf([envelope(1, 'alert', alertReport())], repo);
    (batch.alerts[0] as { source: string }).source = 'bogus'; // violates the CHECK constraint
    expect(() => repo.applyFeedBatch(batch)).toThrow();
    expect(repo.lastSeq()).toBe(0);
    expect(repo.alerts.list({ includeClosed: true })).toHaveLength(0);
  });
});
