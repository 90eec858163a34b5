import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandlers } from '../../../shared/contract/api';
import type { EventSink } from '../../../shared/contract/bridge';
import {
  evidenceRequests,
  SNAPSHOT_MAX_BYTES,
  type SnapshotImage,
} from '../../../shared/contract/evidenceContract';
import type { Db } from '../db/database';
import { EvidenceRepository } from '../db/evidenceRepository';

/** The folder under the data folder that holds snapshot files. */
export const SNAPSHOT_DIR = 'snapshots';

type EvidenceHandlers = Pick<
  RequestHandlers,
  'evidence.snapshot' | 'evidence.mark' | 'evidence.list' | 'evidence.image'
>;

export interface EvidenceServiceOptions {
  db: Db;
  dataDir: string;
  alertExists(alertId: string): boolean;
  cameraExists(cameraId: string): boolean;
  /** Who is at the seat (the audit entry's and the row's operator). */
  operatorName(): string;
  audit(operator: string, action: string, subject: string, payload: unknown): void;
  emit: EventSink;
  now?: () => Date;
}

const MAGIC: Record<SnapshotImage['mime'], number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** Decodes and checks an image: its bytes must be the format it claims, and not too large. */
export function decodeSnapshot(image: SnapshotImage): Buffer {
  const bytes = Buffer.from(image.dataBase64, 'base64');
  if (bytes.length === 0) throw new Error('empty snapshot');
  if (bytes.length > SNAPSHOT_MAX_BYTES)
    throw new Error(`snapshot is ${bytes.length} bytes; at most ${SNAPSHOT_MAX_BYTES}`);
  const magic = MAGIC[image.mime];
  if (bytes.length < magic.length + 4 || magic.some((b, i) => bytes[i] !== b))
    throw new Error(`snapshot bytes are not a ${image.mime} image`);
  return bytes;
}

/** A file-name part from an id: letters, digits, `_` and `-` only, never empty, never a path. */
export const safeName = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || '_';

/**
 * Snapshots and marked moments of the wall's cameras in an alert's record: each snapshot's file
 * goes to DATA/snapshots/<alert>/<time>-<camera>.<ext>, with a row and an audit entry; each mark a
 * row and an audit entry. Arguments are checked here too, whatever the transport did.
 */
export function createEvidenceService(options: EvidenceServiceOptions): {
  handlers: EvidenceHandlers;
  repository: EvidenceRepository;
} {
  const repository = new EvidenceRepository(options.db);
  const now = options.now ?? (() => new Date());
  const root = path.resolve(options.dataDir, SNAPSHOT_DIR);
  const known = (alertId: string, cameraId: string) => {
    if (!options.alertExists(alertId)) throw new Error(`unknown alert ${alertId}`);
    if (!options.cameraExists(cameraId)) throw new Error(`unknown camera ${cameraId}`);
  };

  /** Writes the file under a name not used yet; returns its path relative to the data folder. */
  const writeSnapshotFile = (
    alertId: string,
    cameraId: string,
    takenAt: string,
    ext: string,
    bytes: Buffer,
  ): { rel: string; full: string } => {
    const dir = path.join(root, safeName(alertId));
    if (!dir.startsWith(root + path.sep)) throw new Error('snapshot folder outside the data folder');
    mkdirSync(dir, { recursive: true });
    const stamp = takenAt.replace(/[-:.]/g, '');
    for (let n = 0; n < 100; n++) {
      const name = `${stamp}-${safeName(cameraId)}${n ? `-${n}` : ''}.${ext}`;
      const full = path.join(dir, name);
      try {
        writeFileSync(full, bytes, { flag: 'wx', mode: 0o600 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw err;
      }
      return { rel: path.relative(options.dataDir, full).split(path.sep).join('/'), full };
    }
    throw new Error('too many snapshots of this camera at this moment');
  };

  const handlers: EvidenceHandlers = {
    'evidence.snapshot': async (raw) => {
      const { alertId, cameraId, image } = evidenceRequests['evidence.snapshot'].args.parse([raw])[0];
      known(alertId, cameraId);
      const bytes = decodeSnapshot(image);
      const takenAt = now().toISOString();
      const { rel, full } = writeSnapshotFile(
        alertId,
        cameraId,
        takenAt,
        image.mime === 'image/png' ? 'png' : 'jpg',
        bytes,
      );
      const operator = options.operatorName();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      let row;
      try {
        row = repository.addSnapshot({
          alertId,
          cameraId,
          takenAt,
          file: rel,
          mime: image.mime,
          bytes: bytes.length,
          sha256,
          operator,
        });
      } catch (err) {
        unlinkSync(full);
        throw err;
      }
      options.audit(operator, 'video.snapshot', `alert:${alertId}`, {
        cameraId,
        file: rel,
        bytes: bytes.length,
        sha256,
      });
      options.emit('evidence.changed', { alertId });
      return row;
    },
    'evidence.mark': async (raw) => {
      const { alertId, cameraId, at, note } = evidenceRequests['evidence.mark'].args.parse([raw])[0];
      known(alertId, cameraId);
      const operator = options.operatorName();
      const mark = repository.addMark({
        alertId,
        cameraId,
        at: new Date(at).toISOString(),
        note,
        operator,
        createdAt: now().toISOString(),
      });
      options.audit(operator, 'video.mark', `alert:${alertId}`, { cameraId, at: mark.at, note });
      options.emit('evidence.changed', { alertId });
      return mark;
    },
    'evidence.list': async ({ alertId }) => ({
      alertId,
      snapshots: repository.snapshots(alertId),
      marks: repository.marks(alertId),
    }),
    'evidence.image': async ({ id }) => {
      const snapshot = repository.snapshot(id);
      if (!snapshot) throw new Error(`unknown snapshot ${id}`);
      const full = path.resolve(options.dataDir, snapshot.file);
      if (!full.startsWith(root + path.sep)) throw new Error('snapshot file outside the data folder');
      return { mime: snapshot.mime, dataBase64: readFileSync(full).toString('base64') };
    },
  };
  return { handlers, repository };
}
