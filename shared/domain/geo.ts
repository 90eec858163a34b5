import { z } from 'zod';

export const LngLatSchema = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export type LngLat = z.infer<typeof LngLatSchema>;

/**
 * Coordinate reference systems that arrive in Chinese deployments.
 * CGCS2000 equals WGS84 within centimetres at dispatch scale; GCJ-02 is the offset "Mars"
 * system of Chinese web maps (300–600 m off); BD-09 is Baidu's further offset.
 */
export const CrsSchema = z.enum(['WGS84', 'CGCS2000', 'GCJ02', 'BD09']);
export type Crs = z.infer<typeof CrsSchema>;

/** Mean earth radius (IUGG), the one used by every distance in the code base. */
export const EARTH_RADIUS_M = 6_371_008.8;
const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversineMeters(a: LngLat, b: LngLat): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b in degrees clockwise from north, 0–360. */
export function bearingDegrees(a: LngLat, b: LngLat): number {
  const y = Math.sin(toRad(b.lng - a.lng)) * Math.cos(toRad(b.lat));
  const x =
    Math.cos(toRad(a.lat)) * Math.sin(toRad(b.lat)) -
    Math.sin(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.cos(toRad(b.lng - a.lng));
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}
