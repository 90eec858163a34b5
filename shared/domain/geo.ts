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

// The one geometry module: the earth radius, distances and point-in-polygon are defined here
// only, for every folder (shared/, node/routing, the hosts, the gateway, the renderer). Pure.

/** Mean earth radius (IUGG), the one used by every distance in the code base. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
const toRad = (deg: number): number => deg * RAD;

/**
 * Great-circle (haversine) metres between two WGS84 points given as numbers: the form the routing
 * engine's hot loops call (no objects allocated).
 */
export function distanceMeters(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Great-circle distance in metres (distanceMeters on two points). */
export function haversineMeters(a: LngLat, b: LngLat): number {
  return distanceMeters(a.lng, a.lat, b.lng, b.lat);
}

/**
 * Metres per degree of longitude (mx) and latitude (my) around a latitude: the local
 * equirectangular frame city-scale planar code uses (< 0.1 % off the great circle over 20 km).
 */
export function metresPerDegree(lat: number): { mx: number; my: number } {
  const my = EARTH_RADIUS_M * RAD;
  return { mx: my * Math.cos(lat * RAD), my };
}

/** [lng, lat] */
export type Position = readonly [number, number];

/**
 * Ray casting on lng/lat (fine at city scale) for one ring, open or closed. Points on an edge may
 * fall either way.
 */
export function pointInRing(lng: number, lat: number, ring: ArrayLike<ArrayLike<number>>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside one ring (see pointInRing). */
export function pointInPolygon(point: LngLat, ring: readonly Position[]): boolean {
  return pointInRing(point.lng, point.lat, ring);
}

export type PolygonalGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Point in a GeoJSON Polygon / MultiPolygon, holes respected (even-odd over each polygon's rings). */
export function pointInGeometry(lng: number, lat: number, geom: PolygonalGeometry): boolean {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  for (const rings of polys) {
    let inside = false;
    for (const ring of rings) if (pointInRing(lng, lat, ring)) inside = !inside;
    if (inside) return true;
  }
  return false;
}

/** Initial bearing from a to b in degrees clockwise from north, 0–360. */
export function bearingDegrees(a: LngLat, b: LngLat): number {
  const y = Math.sin(toRad(b.lng - a.lng)) * Math.cos(toRad(b.lat));
  const x =
    Math.cos(toRad(a.lat)) * Math.sin(toRad(b.lat)) -
    Math.sin(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.cos(toRad(b.lng - a.lng));
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}
