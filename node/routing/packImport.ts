/**
 * City pack `roads.geojson` (shared/citypack/schema.ts) → RawNetwork. Roads connect where their
 * LineStrings share a vertex (compared at 1e-7°, ~1 cm), the usual GeoJSON network convention.
 * Classes map 1:1 onto the OSM classes; `oneway` is explicit in the pack, so nothing is implied.
 */
import { RoadCollectionSchema, type RoadFeature } from '../../shared/citypack/schema';
import { CLASS_CODE } from './graph';
import type { RawNetwork, RawWay } from './graphBuild';

export function roadsToRawNetwork(features: readonly RoadFeature[], source: string): RawNetwork {
  const key = new Map<string, number>();
  const lng: number[] = [];
  const lat: number[] = [];
  const ways: RawWay[] = [];
  for (const f of features) {
    const refs: number[] = [];
    for (const [x, y] of f.geometry.coordinates) {
      const k = `${Math.round(x * 1e7)},${Math.round(y * 1e7)}`;
      let i = key.get(k);
      if (i === undefined) {
        i = lng.length;
        key.set(k, i);
        lng.push(x);
        lat.push(y);
      }
      refs.push(i);
    }
    const p = f.properties;
    ways.push({
      refs,
      cls: CLASS_CODE[p.class],
      oneway: p.oneway,
      roundabout: false,
      maxspeed: p.maxspeed ?? 0,
      outside: p.outside === true,
    });
  }
  return { lng: Float64Array.from(lng), lat: Float64Array.from(lat), ways, source };
}

/** Validates raw JSON against the pack schema first: a bad pack fails loudly, not as a sparse graph. */
export function parseRoads(raw: unknown, source: string): RawNetwork {
  const parsed = RoadCollectionSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`${source}: invalid roads collection (${first.join('; ')})`);
  }
  return roadsToRawNetwork(parsed.data.features, source);
}
