/**
 * What the cordon analysis reads of a city pack — boundaries, patrol districts, checkpoints, the
 * roads (names and refs of the crossings) and the centre (warm-up) — and its wire form for the
 * cordon's worker thread (cordonWorker.ts). The roads' geometry is the bulk (the large city's
 * 2,200 roads serialise to 8 MB, ~0.4 s of the host's time through postMessage as objects), so
 * it crosses as one flat Float64Array on shared memory, rebuilt into features by the worker.
 */
import type {
  BoundaryFeature,
  CityPack,
  DistrictFeature,
  RoadFeature,
} from '../../../shared/citypack/schema';
import type { Checkpoint } from '../../../shared/domain/checkpoint';
import type { UnitType } from '../../../shared/domain/unit';

export interface CordonPack {
  boundaries: readonly BoundaryFeature[];
  districts: readonly DistrictFeature[];
  checkpoints: readonly Checkpoint[];
  roads: readonly RoadFeature[];
  /** [lng, lat]: where the warm-up analyses. */
  center: readonly [number, number];
  /** The fleet's unit types, one police-table weighting each (warm-up). */
  unitTypes: readonly UnitType[];
}

/** The pack's own arrays (the analysis caches are keyed by their identity: never copy them). */
export function cordonPackOf(pack: CityPack): CordonPack {
  const [lng, lat] = pack.manifest.center;
  return {
    boundaries: pack.boundaries.features,
    districts: pack.districts.features,
    checkpoints: pack.checkpoints,
    roads: pack.roads.features,
    center: [lng, lat],
    unitTypes: [...new Set(pack.units.map((u) => u.type))],
  };
}

export interface CordonPackWire extends Omit<CordonPack, 'roads'> {
  roads: {
    properties: RoadFeature['properties'][];
    /** Road k's points are coords[2 * offsets[k] …] pairs up to offsets[k + 1]. */
    offsets: Int32Array;
    coords: Float64Array;
  };
}

export function cordonPackToWire(p: CordonPack): CordonPackWire {
  const offsets = new Int32Array(new SharedArrayBuffer(4 * (p.roads.length + 1)));
  let n = 0;
  p.roads.forEach((r, k) => {
    offsets[k] = n;
    n += r.geometry.coordinates.length;
  });
  offsets[p.roads.length] = n;
  const coords = new Float64Array(new SharedArrayBuffer(16 * n));
  let i = 0;
  for (const r of p.roads)
    for (const [lng, lat] of r.geometry.coordinates) {
      coords[i++] = lng;
      coords[i++] = lat;
    }
  return {
    ...p,
    roads: { properties: p.roads.map((r) => r.properties), offsets, coords },
  };
}

export function cordonPackFromWire(w: CordonPackWire): CordonPack {
  const { properties, offsets, coords } = w.roads;
  const roads: RoadFeature[] = properties.map((props, k) => {
    const coordinates: [number, number][] = [];
    for (let j = offsets[k]!; j < offsets[k + 1]!; j++)
      coordinates.push([coords[2 * j]!, coords[2 * j + 1]!]);
    return { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: props };
  });
  return { ...w, roads };
}
