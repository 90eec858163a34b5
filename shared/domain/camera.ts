import { z } from 'zod';

/** Sharp Eyes (雪亮工程) camera kinds: gun (枪机), dome/PTZ (球机), face (人脸), ANPR bayonet (卡口), eagle-eye (鹰眼). */
export const CameraKindSchema = z.enum(['gun', 'dome', 'face', 'anpr', 'eagle']);
export type CameraKind = z.infer<typeof CameraKindSchema>;

/** 20-digit GB/T 28181 device id. Structure checked in ./gb28181.ts. */
export const DeviceIdSchema = z.string().regex(/^\d{20}$/, 'GB/T 28181 device id must be 20 digits');

export const StreamSchema = z.object({
  protocol: z.enum(['hls', 'flv', 'whep']),
  /** Relative to the gateway's base URL, or absolute on the command center's network. */
  url: z.string().min(1),
});

export const CameraSchema = z.object({
  id: DeviceIdSchema,
  name: z.string().min(1),
  kind: CameraKindSchema,
  /** 一类/二类/三类 video point classes (class 1 = key public-security points). */
  class: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  lng: z.number(),
  lat: z.number(),
  /** Fixed cameras: view direction in degrees from north and horizontal field of view. Null for PTZ domes. */
  heading: z.number().min(0).max(360).nullable(),
  fov: z.number().min(1).max(360).nullable(),
  /** Useful viewing range in metres. */
  range: z.number().positive(),
  streams: z.array(StreamSchema),
  online: z.boolean(),
});
export type Camera = z.infer<typeof CameraSchema>;

export const CameraStatusReportSchema = z.object({
  cameraId: DeviceIdSchema,
  online: z.boolean(),
  at: z.iso.datetime({ offset: true }),
});
export type CameraStatusReport = z.infer<typeof CameraStatusReportSchema>;
