import gcoord from 'gcoord';
import type { Crs, LngLat } from './geo';

/**
 * Converts a position to WGS84, the console's storage system. The original stays with the
 * alert; this is only the position used for the map, distances and routing.
 */
export function toWgs84(point: LngLat, crs: Crs): LngLat {
  if (crs === 'WGS84' || crs === 'CGCS2000') return { lng: point.lng, lat: point.lat };
  const from = crs === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09;
  const [lng, lat] = gcoord.transform([point.lng, point.lat], from, gcoord.WGS84) as [number, number];
  return { lng, lat };
}

/** Converts a WGS84 position to another system (used by the simulator and tests). */
export function fromWgs84(point: LngLat, crs: Crs): LngLat {
  if (crs === 'WGS84' || crs === 'CGCS2000') return { lng: point.lng, lat: point.lat };
  const to = crs === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09;
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, to) as [number, number];
  return { lng, lat };
}
