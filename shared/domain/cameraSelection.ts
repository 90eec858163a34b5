/**
 * Which cameras see an alert (video linkage, 视频联动): field-of-view coverage, PTZ aim and the
 * ranking that fills the video wall. Pure geometry: no Node or DOM imports.
 */
import { z } from 'zod';
import { DeviceIdSchema, type Camera } from './camera';
import { bearingDegrees, haversineMeters, pointInPolygon, type LngLat, type Position } from './geo';

/** Candidates for an alert: cameras within this radius (eagle-eye cameras: within their range). */
export const DEFAULT_LINK_RADIUS_M = 300;
/** Assumed mounting height of a PTZ dome when the pack does not say, metres. */
export const DEFAULT_MOUNT_HEIGHT_M = 6;

export interface PtzAim {
  /** Degrees clockwise from north, 0–360. */
  pan: number;
  /** Degrees; negative looks down (−90 straight down). */
  tilt: number;
}

/** Payload of the `camera.ptz` gateway command (docs/protocol.md). */
export const CameraPtzPayloadSchema = z.object({
  cameraId: DeviceIdSchema,
  pan: z.number().min(0).max(360),
  tilt: z.number().min(-90).max(90),
});
export type CameraPtzPayload = z.infer<typeof CameraPtzPayloadSchema>;

export interface RankedCamera {
  camera: Camera;
  distanceM: number;
  /** The camera sees the point: a fixed camera's wedge contains it, or a PTZ camera has it in range. */
  covers: boolean;
  /** For PTZ domes: where to point to see it. */
  aim?: PtzAim;
}

/** Smallest absolute difference of two bearings, 0–180 degrees. */
export function angleDifference(a: number, b: number): number {
  const d = (((a - b) % 360) + 360) % 360;
  return d > 180 ? 360 - d : d;
}

/** A PTZ (pan-tilt-zoom) camera can be turned towards a point: domes, and any camera without a fixed heading. */
export function isPtz(camera: Pick<Camera, 'kind' | 'heading'>): boolean {
  return camera.kind === 'dome' || camera.heading === null;
}

/** Whether the camera's view covers the point (distance ≤ range; fixed cameras also within heading ± fov/2). */
export function coversPoint(
  camera: Camera,
  point: LngLat,
  distanceM = haversineMeters(camera, point),
): boolean {
  if (distanceM > camera.range) return false;
  if (isPtz(camera) || camera.fov === null || camera.fov >= 360) return true;
  // Standing at the camera: it sees its own foot.
  if (distanceM < 0.5) return true;
  return angleDifference(bearingDegrees(camera, point), camera.heading!) <= camera.fov / 2;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Pan = bearing to the point; tilt = down-angle from the mounting height over the ground distance. */
export function ptzAim(camera: LngLat, point: LngLat, mountHeightM = DEFAULT_MOUNT_HEIGHT_M): PtzAim {
  const distanceM = haversineMeters(camera, point);
  const pan = distanceM < 0.5 ? 0 : round1(bearingDegrees(camera, point)) % 360;
  const tilt = round1((-Math.atan2(mountHeightM, distanceM) * 180) / Math.PI);
  return { pan, tilt: tilt === 0 ? 0 : tilt };
}

/** How far away a camera may be and still be linked to an alert. */
export function linkRadius(camera: Camera, radiusM = DEFAULT_LINK_RADIUS_M): number {
  return camera.kind === 'eagle' ? Math.max(radiusM, camera.range) : radiusM;
}

export interface RankOptions {
  radiusM?: number;
  limit?: number;
  /** Live online state; defaults to the camera's own `online`. */
  isOnline?: (camera: Camera) => boolean;
}

/** Online first, then covering, then nearest; id breaks ties so the order is stable. */
export function compareRanked(isOnline: (camera: Camera) => boolean) {
  return (a: RankedCamera, b: RankedCamera): number =>
    Number(isOnline(b.camera)) - Number(isOnline(a.camera)) ||
    Number(b.covers) - Number(a.covers) ||
    a.distanceM - b.distanceM ||
    (a.camera.id < b.camera.id ? -1 : a.camera.id > b.camera.id ? 1 : 0);
}

function ranked(camera: Camera, point: LngLat, distanceM: number): RankedCamera {
  const result: RankedCamera = { camera, distanceM, covers: coversPoint(camera, point, distanceM) };
  if (isPtz(camera)) result.aim = ptzAim(camera, point);
  return result;
}

/**
 * Cameras for an alert at `point`: those within the radius (eagle-eye cameras within their own
 * range), ranked online first, then those whose view covers the point, then by distance.
 */
export function rankCamerasForPoint(
  cameras: readonly Camera[],
  point: LngLat,
  options: RankOptions = {},
): RankedCamera[] {
  const radiusM = options.radiusM ?? DEFAULT_LINK_RADIUS_M;
  const isOnline = options.isOnline ?? ((c: Camera) => c.online);
  const out: RankedCamera[] = [];
  for (const camera of cameras) {
    const distanceM = haversineMeters(camera, point);
    if (distanceM <= linkRadius(camera, radiusM)) out.push(ranked(camera, point, distanceM));
  }
  out.sort(compareRanked(isOnline));
  return options.limit === undefined ? out : out.slice(0, options.limit);
}

/** Vertex average of a ring (closing vertex ignored): the point area selections are ranked against. */
export function ringCentre(ring: readonly Position[]): LngLat {
  const open =
    ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1]
      ? ring.slice(0, -1)
      : ring;
  const sum = open.reduce((acc, [lng, lat]) => ({ lng: acc.lng + lng, lat: acc.lat + lat }), {
    lng: 0,
    lat: 0,
  });
  return { lng: sum.lng / open.length, lat: sum.lat / open.length };
}

export type AreaSelection =
  { circle: { lng: number; lat: number; radiusM: number } } | { polygon: readonly Position[] };

/**
 * Cameras standing inside a drawn circle or polygon, ranked like an alert's at the area's centre
 * (online, covering the centre, nearest). Eagle-eye cameras outside the area are not included:
 * the operator asked for what is in the area.
 */
export function camerasInArea(
  cameras: readonly Camera[],
  area: AreaSelection,
  options: Omit<RankOptions, 'radiusM'> = {},
): RankedCamera[] {
  const isOnline = options.isOnline ?? ((c: Camera) => c.online);
  let centre: LngLat;
  let inside: (c: Camera) => boolean;
  if ('circle' in area) {
    centre = area.circle;
    inside = (c) => haversineMeters(c, centre) <= area.circle.radiusM;
  } else {
    if (area.polygon.length < 3) throw new Error('a polygon needs at least 3 vertices');
    centre = ringCentre(area.polygon);
    inside = (c) => pointInPolygon(c, area.polygon);
  }
  const out = cameras.filter(inside).map((camera) => ranked(camera, centre, haversineMeters(camera, centre)));
  out.sort(compareRanked(isOnline));
  return options.limit === undefined ? out : out.slice(0, options.limit);
}
