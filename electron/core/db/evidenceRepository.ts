import type { Db } from './database';
import type { VideoMark, VideoSnapshot } from '../../../shared/contract/evidenceContract';

interface SnapshotRow {
  id: number;
  alert_id: string;
  camera_id: string;
  taken_at: string;
  file: string;
  mime: VideoSnapshot['mime'];
  bytes: number;
  sha256: string;
  operator: string;
}
interface MarkRow {
  id: number;
  alert_id: string;
  camera_id: string;
  at: string;
  note: string;
  operator: string;
  created_at: string;
}

const snapshotOf = (r: SnapshotRow): VideoSnapshot => ({
  id: r.id,
  alertId: r.alert_id,
  cameraId: r.camera_id,
  takenAt: r.taken_at,
  file: r.file,
  mime: r.mime,
  bytes: r.bytes,
  sha256: r.sha256,
  operator: r.operator,
});
const markOf = (r: MarkRow): VideoMark => ({
  id: r.id,
  alertId: r.alert_id,
  cameraId: r.camera_id,
  at: r.at,
  note: r.note,
  operator: r.operator,
  createdAt: r.created_at,
});

/** Video evidence rows (snapshots and marked moments) per alert; prepared statements only. */
export class EvidenceRepository {
  private readonly insertSnapshotStmt;
  private readonly insertMarkStmt;
  private readonly snapshotsStmt;
  private readonly marksStmt;
  private readonly snapshotStmt;

  constructor(private readonly db: Db) {
    this.insertSnapshotStmt = db.prepare<[string, string, string, string, string, number, string, string]>(
      'INSERT INTO video_snapshots (alert_id, camera_id, taken_at, file, mime, bytes, sha256, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertMarkStmt = db.prepare<[string, string, string, string, string, string]>(
      'INSERT INTO video_marks (alert_id, camera_id, at, note, operator, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.snapshotsStmt = db.prepare<[string], SnapshotRow>(
      'SELECT * FROM video_snapshots WHERE alert_id = ? ORDER BY taken_at, id',
    );
    this.marksStmt = db.prepare<[string], MarkRow>(
      'SELECT * FROM video_marks WHERE alert_id = ? ORDER BY at, id',
    );
    this.snapshotStmt = db.prepare<[number], SnapshotRow>('SELECT * FROM video_snapshots WHERE id = ?');
  }

  addSnapshot(s: Omit<VideoSnapshot, 'id'>): VideoSnapshot {
    const { lastInsertRowid } = this.insertSnapshotStmt.run(
      s.alertId,
      s.cameraId,
      s.takenAt,
      s.file,
      s.mime,
      s.bytes,
      s.sha256,
      s.operator,
    );
    return { id: Number(lastInsertRowid), ...s };
  }

  addMark(m: Omit<VideoMark, 'id'>): VideoMark {
    const { lastInsertRowid } = this.insertMarkStmt.run(
      m.alertId,
      m.cameraId,
      m.at,
      m.note,
      m.operator,
      m.createdAt,
    );
    return { id: Number(lastInsertRowid), ...m };
  }

  snapshot(id: number): VideoSnapshot | null {
    const row = this.snapshotStmt.get(id);
    return row ? snapshotOf(row) : null;
  }

  snapshots(alertId: string): VideoSnapshot[] {
    return this.snapshotsStmt.all(alertId).map(snapshotOf);
  }

  marks(alertId: string): VideoMark[] {
    return this.marksStmt.all(alertId).map(markOf);
  }
}
