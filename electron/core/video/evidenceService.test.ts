import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { decodeFeedMessages } from '../feed/feedDecoder';
import { alertReport, envelope, tempDir } from '../../../tests/unit/fixtures';
import { SNAPSHOT_MAX_BYTES } from '../../../shared/contract/evidenceContract';
import { createEvidenceService, safeName } from './evidenceService';

const ALERT = '110-20261120-0001';
const CAMERA = '41100000001310000001';
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(64, 7),
  Buffer.from([0xff, 0xd9]),
]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 1),
]);

describe('video evidence (snapshots and marks) on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  let audits: { operator: string; action: string; subject: string; payload: unknown }[];
  let events: unknown[];
  let service: ReturnType<typeof createEvidenceService>;
  beforeEach(() => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    repo.applyFeedBatch(
      decodeFeedMessages([envelope(1, 'alert', alertReport({}))], {
        lastSeq: 0,
        knownUnits: new Set(),
        knownCameras: new Set(),
        receivedAt: new Date().toISOString(),
      }),
    );
    audits = [];
    events = [];
    service = createEvidenceService({
      db: repo.db,
      dataDir: tmp.dir,
      alertExists: (id) => Boolean(repo.alerts.get(id)),
      cameraExists: (id) => id === CAMERA,
      operatorName: () => 'duty',
      audit: (operator, action, subject, payload) => audits.push({ operator, action, subject, payload }),
      emit: (name, payload) => events.push([name, payload]),
      now: () => new Date('2026-11-20T08:30:05.123Z'),
    });
  });
  afterEach(() => {
    repo.close();
    tmp.cleanup();
  });
  const snap = (image: Buffer, over: Record<string, unknown> = {}) =>
    service.handlers['evidence.snapshot']({
      alertId: ALERT,
      cameraId: CAMERA,
      image: { mime: 'image/jpeg', dataBase64: image.toString('base64') },
      ...over,
    } as never);

  it('stores a snapshot file under the data folder, records its row and audits it', async () => {
    const s = await snap(JPEG);
    expect(s.file).toBe(`snapshots/${ALERT}/20261120T083005123Z-${CAMERA}.jpg`);
    expect(readFileSync(path.join(tmp.dir, s.file))).toEqual(JPEG);
    expect(s).toMatchObject({
      alertId: ALERT,
      cameraId: CAMERA,
      mime: 'image/jpeg',
      bytes: JPEG.length,
      operator: 'duty',
    });
    // A second one in the same millisecond gets its own file.
    const again = await snap(JPEG);
    expect(again.file).not.toBe(s.file);
    const list = await service.handlers['evidence.list']({ alertId: ALERT });
    expect(list.snapshots.map((x) => x.id)).toEqual([s.id, again.id]);
    expect(audits[0]).toMatchObject({
      operator: 'duty',
      action: 'video.snapshot',
      subject: `alert:${ALERT}`,
      payload: { cameraId: CAMERA, file: s.file, sha256: s.sha256 },
    });
    expect(events).toContainEqual(['evidence.changed', { alertId: ALERT }]);
    const image = await service.handlers['evidence.image']({ id: s.id });
    expect(Buffer.from(image.dataBase64, 'base64')).toEqual(JPEG);
  });

  it('keeps PNG as PNG', async () => {
    const s = await service.handlers['evidence.snapshot']({
      alertId: ALERT,
      cameraId: CAMERA,
      image: { mime: 'image/png', dataBase64: PNG.toString('base64') },
    });
    expect(s.file.endsWith('.png')).toBe(true);
  });

  it('refuses an unknown alert or camera, oversize data and bytes that are not the image claimed, storing nothing', async () => {
    await expect(snap(JPEG, { alertId: '110-NOPE' })).rejects.toThrow(/unknown alert/);
    await expect(snap(JPEG, { cameraId: '41100000001310009999' })).rejects.toThrow(/unknown camera/);
    await expect(snap(JPEG, { cameraId: '../../etc' })).rejects.toThrow();
    await expect(snap(Buffer.from('<html>not an image</html>'))).rejects.toThrow(/not a image\/jpeg/);
    await expect(snap(PNG)).rejects.toThrow(/not a image\/jpeg/);
    const huge = Buffer.concat([JPEG, Buffer.alloc(SNAPSHOT_MAX_BYTES)]);
    await expect(snap(huge)).rejects.toThrow(/larger than|at most/);
    await expect(
      service.handlers['evidence.snapshot']({
        alertId: ALERT,
        cameraId: CAMERA,
        image: { mime: 'image/gif', dataBase64: 'R0lGOD' },
      } as never),
    ).rejects.toThrow();
    await expect(
      service.handlers['evidence.snapshot']({
        alertId: ALERT,
        cameraId: CAMERA,
        image: { mime: 'image/jpeg', dataBase64: 'not base64!' },
      }),
    ).rejects.toThrow();
    expect((await service.handlers['evidence.list']({ alertId: ALERT })).snapshots).toEqual([]);
    expect(existsSync(path.join(tmp.dir, 'snapshots', ALERT))).toBe(false);
    expect(audits).toEqual([]);
  });

  it('marks a moment with its camera and note, audited, listed in time order', async () => {
    const later = await service.handlers['evidence.mark']({
      alertId: ALERT,
      cameraId: CAMERA,
      at: '2026-11-20T08:31:00+08:00',
      note: '嫌疑人向北',
    });
    const earlier = await service.handlers['evidence.mark']({
      alertId: ALERT,
      cameraId: CAMERA,
      at: '2026-11-20T00:20:00Z',
      note: '',
    });
    expect(later).toMatchObject({ at: '2026-11-20T00:31:00.000Z', note: '嫌疑人向北', operator: 'duty' });
    expect((await service.handlers['evidence.list']({ alertId: ALERT })).marks.map((m) => m.id)).toEqual([
      earlier.id,
      later.id,
    ]);
    expect(audits.map((a) => a.action)).toEqual(['video.mark', 'video.mark']);
    await expect(
      service.handlers['evidence.mark']({
        alertId: '110-NOPE',
        cameraId: CAMERA,
        at: '2026-11-20T00:20:00Z',
        note: '',
      }),
    ).rejects.toThrow(/unknown alert/);
    await expect(
      service.handlers['evidence.mark']({ alertId: ALERT, cameraId: CAMERA, at: 'yesterday', note: '' }),
    ).rejects.toThrow();
    await expect(
      service.handlers['evidence.mark']({
        alertId: ALERT,
        cameraId: CAMERA,
        at: '2026-11-20T00:20:00Z',
        note: 'x'.repeat(501),
      }),
    ).rejects.toThrow();
  });

  it('makes path-safe names', () => {
    expect(safeName('../..')).toBe('_____');
    expect(safeName('')).toBe('_');
    expect(safeName('110-2026/11')).toBe('110-2026_11');
  });
});
