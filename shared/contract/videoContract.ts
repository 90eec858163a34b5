import { z } from 'zod';
import { CameraSchema, DeviceIdSchema, StreamSchema } from '../domain/camera';
import { request } from './request';

/**
 * The video-linkage part of the API contract (merged into ./api.ts): ranked cameras for an
 * alert or a drawn area, PTZ aim, the selection shared by every console window (main + pop-out
 * wall) and opening the wall window in Electron.
 */

export const PtzAimSchema = z.object({ pan: z.number(), tilt: z.number() });

/**
 * One linked camera. `camera.streams[].url` is absolute (resolved against the gateway's origin
 * by the runtime) so the renderer can play it as is.
 */
export const NearbyCameraSchema = z.object({
  camera: CameraSchema,
  distanceM: z.number(),
  /** Its view covers the point: inside a fixed camera's wedge, or in a PTZ camera's range. */
  covers: z.boolean(),
  /** PTZ domes: pan/tilt that would point it at the alert (cameras.aim sends it). */
  aim: PtzAimSchema.optional(),
});
export type NearbyCamera = z.infer<typeof NearbyCameraSchema>;

const LngLat = { lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) };

export const CameraAreaSchema = z
  .object({
    circle: z.object({ ...LngLat, radiusM: z.number().positive().max(20_000) }).optional(),
    polygon: z
      .array(z.tuple([LngLat.lng, LngLat.lat]))
      .min(3)
      .max(500)
      .optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .refine((a) => (a.circle ? 1 : 0) + (a.polygon ? 1 : 0) === 1, 'give exactly one of circle or polygon');

export const SelectionSchema = z.object({ alertId: z.string().min(1).nullable() });

/**
 * What the wall shows instead of the selected alert's cameras: a drawn area or a named list (a
 * cordon crossing's bayonets). Shared like the selection, so the pop-out wall shows the same.
 */
export const WallSourceSchema = z.object({
  area: z
    .union([
      z.object({ circle: z.object({ ...LngLat, radiusM: z.number().positive().max(20_000) }) }),
      z.object({
        polygon: z
          .array(z.tuple([LngLat.lng, LngLat.lat]))
          .min(3)
          .max(500),
      }),
    ])
    .nullable(),
  cameras: z
    .object({ ids: z.array(DeviceIdSchema).min(1).max(16), point: z.object(LngLat).optional() })
    .nullable(),
});
export type WallSource = z.infer<typeof WallSourceSchema>;
export type Selection = z.infer<typeof SelectionSchema>;

const RectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Rect = z.infer<typeof RectSchema>;
/** A display the pop-out wall can stand on (Electron's screen API); `bounds` is its work area. */
export const WallDisplaySchema = z.object({
  id: z.string().min(1).max(200),
  label: z.string().max(200),
  primary: z.boolean(),
  bounds: RectSchema,
});
export type WallDisplay = z.infer<typeof WallDisplaySchema>;

export const videoRequests = {
  /** Cameras standing inside a drawn circle or polygon, ranked against its centre. */
  'cameras.inArea': request(z.tuple([CameraAreaSchema]), z.array(NearbyCameraSchema)),
  /**
   * Named cameras in the given order (a cordon crossing's ANPR bayonets), distance, coverage and
   * aim taken against the point when given. Unknown ids are an error, not silently dropped.
   */
  'cameras.byIds': request(
    z.tuple([z.object({ ids: z.array(DeviceIdSchema).min(1).max(16), point: z.object(LngLat).optional() })]),
    z.array(NearbyCameraSchema),
  ),
  /**
   * Look-back (回放): each camera's streams from `fromMs` (Unix ms) on, as its media server offers
   * them (none where it offers no look-back). Unknown ids and future starts are errors.
   */
  'cameras.lookback': request(
    z.tuple([z.object({ ids: z.array(DeviceIdSchema).min(1).max(16), fromMs: z.number().int().positive() })]),
    z.array(z.object({ cameraId: DeviceIdSchema, streams: z.array(StreamSchema) })),
  ),
  /** Points a PTZ dome at a place through the gateway (`camera.ptz`); fails for fixed or offline cameras. */
  'cameras.aim': request(
    z.tuple([z.object({ cameraId: DeviceIdSchema, ...LngLat })]),
    z.object({ cameraId: z.string(), pan: z.number(), tilt: z.number() }),
  ),
  /** Sets the alert every console window follows (the pop-out wall follows the main window). */
  'selection.set': request(z.tuple([z.string().min(1).nullable()]), SelectionSchema),
  'selection.get': request(z.tuple([]), SelectionSchema),
  /** Sets what every window's wall shows instead of the alert's cameras (both null: the alert's). */
  'wall.setSource': request(z.tuple([WallSourceSchema]), WallSourceSchema),
  'wall.getSource': request(z.tuple([]), WallSourceSchema),
  /** Electron: opens the video wall in its own window. The browser host opens it with window.open instead. */
  'wall.open': request(z.tuple([]), z.object({ opened: z.boolean() })),
  /**
   * The displays the wall can stand on, and the one chosen (settings.wallDisplay). The browser host
   * lists none: the renderer asks the Window Management API (window.getScreenDetails) instead.
   */
  'wall.displays': request(
    z.tuple([]),
    z.object({ displays: z.array(WallDisplaySchema), chosen: z.string().nullable() }),
  ),
  /** Remembers the wall's display (null: wherever it opens) and moves an open wall there (Electron). */
  'wall.placeOn': request(
    z.tuple([z.object({ displayId: z.string().min(1).max(200).nullable() })]),
    z.object({ displayId: z.string().nullable(), placed: z.boolean() }),
  ),
} as const;

export const videoEvents = {
  'selection.changed': SelectionSchema,
  'wall.sourceChanged': WallSourceSchema,
} as const;
