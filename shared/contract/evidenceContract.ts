import { z } from 'zod';
import { DeviceIdSchema } from '../domain/camera';
import { request } from './request';

/**
 * Video evidence in the alert's record (merged into ./api.ts): a snapshot of a wall tile's frame
 * (the file kept in the console's data folder) and a marked moment (time + camera + note).
 */

/** The largest snapshot the console stores, in bytes (a 1080p JPEG is well under 1 MB). */
export const SNAPSHOT_MAX_BYTES = 4 * 1024 * 1024;
export const SNAPSHOT_MIMES = ['image/jpeg', 'image/png'] as const;
export const MARK_NOTE_MAX = 500;
/** The largest request a transport must accept: the largest snapshot as base64, plus room for the rest. */
export const LARGEST_REQUEST_BYTES = Math.ceil(SNAPSHOT_MAX_BYTES / 3) * 4 + 64 * 1024;

/** An image crossing the contract: base64 (no data: prefix), at most SNAPSHOT_MAX_BYTES once decoded. */
export const SnapshotImageSchema = z.object({
  mime: z.enum(SNAPSHOT_MIMES),
  dataBase64: z
    .string()
    .min(1)
    .max(Math.ceil(SNAPSHOT_MAX_BYTES / 3) * 4, `snapshot larger than ${SNAPSHOT_MAX_BYTES} bytes`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
});
export type SnapshotImage = z.infer<typeof SnapshotImageSchema>;

const AlertId = z.string().min(1).max(64);
const Iso = z.string().datetime({ offset: true });

export const VideoSnapshotSchema = z.object({
  id: z.number().int().positive(),
  alertId: z.string(),
  cameraId: z.string(),
  /** When the frame was taken (the console's clock). */
  takenAt: z.string(),
  /** The file, relative to the data folder (snapshots/<alert>/<time>-<camera>.jpg). */
  file: z.string(),
  mime: z.enum(SNAPSHOT_MIMES),
  bytes: z.number().int().positive(),
  sha256: z.string(),
  operator: z.string(),
});
export type VideoSnapshot = z.infer<typeof VideoSnapshotSchema>;

export const VideoMarkSchema = z.object({
  id: z.number().int().positive(),
  alertId: z.string(),
  cameraId: z.string(),
  /** The moment marked (what the tile showed: live now, or the look-back picture's time). */
  at: z.string(),
  note: z.string(),
  operator: z.string(),
  createdAt: z.string(),
});
export type VideoMark = z.infer<typeof VideoMarkSchema>;

export const VideoEvidenceSchema = z.object({
  alertId: z.string(),
  snapshots: z.array(VideoSnapshotSchema),
  marks: z.array(VideoMarkSchema),
});
export type VideoEvidence = z.infer<typeof VideoEvidenceSchema>;

export const evidenceRequests = {
  /** Stores a tile's frame for an alert (file in the data folder, row, audit entry); bad images are refused. */
  'evidence.snapshot': request(
    z.tuple([z.object({ alertId: AlertId, cameraId: DeviceIdSchema, image: SnapshotImageSchema })]),
    VideoSnapshotSchema,
  ),
  /** Marks a moment of a camera in the alert's record. */
  'evidence.mark': request(
    z.tuple([
      z.object({
        alertId: AlertId,
        cameraId: DeviceIdSchema,
        at: Iso,
        note: z.string().trim().max(MARK_NOTE_MAX),
      }),
    ]),
    VideoMarkSchema,
  ),
  /** The alert's snapshots and marks, oldest first. */
  'evidence.list': request(z.tuple([z.object({ alertId: AlertId })]), VideoEvidenceSchema),
  /** One stored snapshot's image (for the detail's thumbnail and its full view). */
  'evidence.image': request(
    z.tuple([z.object({ id: z.number().int().positive() })]),
    SnapshotImageSchema.extend({ dataBase64: z.string() }),
  ),
} as const;

export const evidenceEvents = {
  /** An alert's snapshots or marks changed. */
  'evidence.changed': z.object({ alertId: z.string() }),
} as const;
