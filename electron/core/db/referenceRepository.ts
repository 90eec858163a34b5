import type { Db } from './database';
import type { Camera, CameraStatusReport } from '../../../shared/domain/camera';
import type { Checkpoint } from '../../../shared/domain/checkpoint';

/** Cameras and checkpoints: seeded from the city pack, camera online state updated live. */
export class ReferenceRepository {
  private readonly upsertCameraStmt;
  private readonly upsertCheckpointStmt;
  private readonly cameraStatusStmt;
  private readonly onlineStmt;
  private readonly checkpointCountStmt;

  constructor(db: Db) {
    // Online state is live data; a pack reload keeps what the gateway last said.
    this.upsertCameraStmt = db.prepare(`
      INSERT INTO cameras (id, name, kind, class, lng, lat, heading, fov, range_m, streams, online)
      VALUES (@id, @name, @kind, @class, @lng, @lat, @heading, @fov, @range, @streams, @online)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, class = excluded.class,
        lng = excluded.lng, lat = excluded.lat, heading = excluded.heading, fov = excluded.fov,
        range_m = excluded.range_m, streams = excluded.streams`);
    this.upsertCheckpointStmt = db.prepare(`
      INSERT INTO checkpoints (id, name, level, lng, lat, road, camera_ids)
      VALUES (@id, @name, @level, @lng, @lat, @road, @cameraIds)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, lng = excluded.lng,
        lat = excluded.lat, road = excluded.road, camera_ids = excluded.camera_ids`);
    this.cameraStatusStmt = db.prepare('UPDATE cameras SET online = ?, status_at = ? WHERE id = ?');
    this.onlineStmt = db.prepare<[], { id: string; online: number }>('SELECT id, online FROM cameras');
    this.checkpointCountStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM checkpoints');
  }

  /** Call inside a transaction. */
  upsertCamera(camera: Camera): void {
    this.upsertCameraStmt.run({
      ...camera,
      streams: JSON.stringify(camera.streams),
      online: camera.online ? 1 : 0,
    });
  }

  /** Call inside a transaction. */
  upsertCheckpoint(checkpoint: Checkpoint): void {
    this.upsertCheckpointStmt.run({ ...checkpoint, cameraIds: JSON.stringify(checkpoint.cameraIds) });
  }

  /** Returns false for an unknown camera. Call inside a transaction. */
  recordCameraStatus(report: CameraStatusReport): boolean {
    return this.cameraStatusStmt.run(report.online ? 1 : 0, report.at, report.cameraId).changes > 0;
  }

  cameraOnline(): Record<string, boolean> {
    const result: Record<string, boolean> = {};
    for (const row of this.onlineStmt.all()) result[row.id] = row.online === 1;
    return result;
  }

  checkpointCount(): number {
    return this.checkpointCountStmt.get()!.n;
  }
}
