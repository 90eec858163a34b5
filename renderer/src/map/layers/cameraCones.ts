/**
 * The cameras' view cones (the `cameras-fov` source of cameras.ts): the wedge of each fixed
 * camera, and their hand-over to the map in chunks once the live picture is drawn.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { FeatureCollection, Polygon } from 'geojson';
import type { Camera } from '../../../../shared/domain/camera';
import { metresPerDegree } from '../../../../shared/domain/geo';
import { FOV_SOURCE_ID, hasWedge, isOnline, type CameraProps, type CameraStatus } from './cameras';
import { collection, geojsonSource, setSourceData } from './common';
import { updateSourceData } from './sourceDiff';

const FOV_STEPS = 12;

/**
 * Field-of-view wedges for fixed cameras (PTZ domes have no heading and are skipped; a 360° view
 * would be a disc that hides the street). Equirectangular offsets: error is negligible at the
 * ~100 m ranges involved. A cone's feature id is its camera's (see toFeatureCollection).
 */
export function toFovCollection(
  cameras: readonly Camera[],
  status?: CameraStatus,
  firstIndex = 0,
): FeatureCollection<Polygon, CameraProps> {
  const features = [];
  for (const [i, c] of cameras.entries()) {
    if (!hasWedge(c)) continue;
    const { mx, my } = metresPerDegree(c.lat);
    const ring: [number, number][] = [[c.lng, c.lat]];
    const heading = c.heading!;
    const fov = c.fov!;
    for (let i = 0; i <= FOV_STEPS; i++) {
      const bearing = ((heading - fov / 2 + (fov * i) / FOV_STEPS) * Math.PI) / 180;
      const dLat = (c.range * Math.cos(bearing)) / my;
      const dLng = (c.range * Math.sin(bearing)) / mx;
      ring.push([c.lng + dLng, c.lat + dLat]);
    }
    ring.push([c.lng, c.lat]);
    features.push({
      type: 'Feature' as const,
      id: firstIndex + i,
      geometry: { type: 'Polygon' as const, coordinates: [ring] },
      properties: { kind: c.kind, class: c.class, online: isOnline(c, status) },
    });
  }
  return collection(features);
}

/** The cones: keyed by their camera's numeric id; never updated for a state (feature-state). */
export const fovSource = (fc: FeatureCollection = toFovCollection([])) => geojsonSource(fc);

/** Cameras per chunk of the cones' hand-over: about 6,000 cones of the large city's mix. */
export const CONE_CHUNK_CAMERAS = 8000;

/**
 * Hands the view cones to the (empty) cone source in chunks of `chunk` cameras, one per task:
 * the large city's 47,000 cones in one message held the page's main thread about a second in the
 * task after the first live frame (a trace of the load). Each chunk is built when it is sent, in
 * the cameras' states then (a state change meanwhile also sets the cone's feature-state, which
 * MapLibre keeps for it). `onChunk` gets the cones sent and whether all are.
 * Returns a cancel.
 */
export function fillConesInChunks(
  map: MaplibreMap,
  cameras: readonly Camera[],
  status: CameraStatus | undefined,
  onChunk: (sent: number, done: boolean) => void,
  chunk = CONE_CHUNK_CAMERAS,
  later: (fn: () => void) => () => void = (fn) => {
    const timer = setTimeout(fn, 0);
    return () => clearTimeout(timer);
  },
): () => void {
  let next = 0;
  let cancelled = false;
  let cancelLater = () => undefined as void;
  const step = () => {
    if (cancelled) return;
    const part = toFovCollection(cameras.slice(next, next + chunk), status, next);
    if (next === 0) setSourceData(map, FOV_SOURCE_ID, part);
    else updateSourceData(map, FOV_SOURCE_ID, { add: part.features });
    next += chunk;
    const done = next >= cameras.length;
    onChunk(part.features.length, done);
    if (!done) cancelLater = later(step);
  };
  step();
  return () => {
    cancelled = true;
    cancelLater();
  };
}
