/**
 * OSM `.osm.pbf` → RawNetwork → RoadGraph. Decides which ways cars can use and how:
 * drivable highway classes only (footways, tracks, steps… are excluded: units are dispatched on
 * the car network, foot patrols walk it too), no ferries, no `access=private|no` unless a motor
 * vehicle tag re-allows it, no `area=yes` (pedestrian squares), oneway from `oneway`, `junction`
 * and motorway implication.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLASS_CODE, HIGHWAY_CLASSES, type HighwayClass, type RoadGraph } from './graph';
import { buildGraph, type ProgressFn, type RawNetwork, type RawWay } from './graphBuild';
import { decodeOsmPbf, OsmPbfError } from './osmPbf';

const CLASS_SET = new Set<string>(HIGHWAY_CLASSES);
const DENY = new Set(['no', 'private']);
const ALLOW = new Set(['yes', 'designated', 'permissive', 'destination']);

export interface OsmWayAttributes {
  cls: HighwayClass;
  /** 1 forward, -1 backward (reverse the refs), 0 two-way. */
  oneway: 1 | -1 | 0;
  roundabout: boolean;
  maxspeed: number;
}

/** Car attributes of a way, or null when no car may use it. Exported for tests. */
export function carWayAttributes(t: Map<string, string>): OsmWayAttributes | null {
  const hw = t.get('highway');
  if (!hw || !CLASS_SET.has(hw)) return null;
  if (t.get('area') === 'yes' || t.get('route') === 'ferry') return null;
  const motor = t.get('motor_vehicle') ?? t.get('motorcar') ?? t.get('vehicle');
  if (motor && DENY.has(motor)) return null;
  const access = t.get('access');
  if (access && DENY.has(access) && !(motor && ALLOW.has(motor))) return null;
  const cls = hw as HighwayClass;
  const junction = t.get('junction');
  const roundabout = junction === 'roundabout' || junction === 'circular';
  const ow = t.get('oneway');
  let oneway: 1 | -1 | 0 = 0;
  if (ow === 'yes' || ow === 'true' || ow === '1') oneway = 1;
  else if (ow === '-1' || ow === 'reverse') oneway = -1;
  else if (ow === 'reversible' || ow === 'alternating')
    return null; // direction unknown at dispatch time
  else if (ow !== 'no' && ow !== 'false' && ow !== '0' && (cls === 'motorway' || roundabout)) oneway = 1;
  return { cls, oneway, roundabout, maxspeed: parseMaxspeed(t.get('maxspeed')) };
}

/** km/h from an OSM maxspeed value ("50", "30 mph", "DE:urban"); 0 when unknown. */
export function parseMaxspeed(v: string | undefined): number {
  if (!v) return 0;
  const m = /^(\d+(?:\.\d+)?)\s*(mph)?/.exec(v.trim());
  if (m) return Math.round(Number(m[1]) * (m[2] ? 1.609 : 1));
  if (/:urban$/.test(v)) return 50;
  if (/:living_street$/.test(v) || v === 'walk') return 7;
  return 0;
}

/**
 * Which road stretches an import keeps, and which of them lie in the city. The city-pack build
 * keeps the roads out to a margin beyond the rings (electron/core/citypack/roadArea.ts).
 */
export interface RoadArea {
  /** Keep the way segment a–b (WGS84)? */
  keepsSegment(aLng: number, aLat: number, bLng: number, bLat: number): boolean;
  /** Is the point inside the city? */
  inCity(lng: number, lat: number): boolean;
}

export interface OsmImportOptions {
  progress?: ProgressFn;
  /** Keep only the segments the area keeps, and flag the ways beyond the city `outside`. Default: all, inside. */
  area?: RoadArea;
}

export function importOsmPbf(file: string, opts: OsmImportOptions = {}): RoadGraph {
  const p = opts.progress;
  // Decoding is ~85 % of the work; the graph build reports into the remaining 15 %.
  return buildGraph(
    readOsmNetwork(readFileSync(file), path.basename(file), opts),
    p && ((stage, f) => p(stage, 0.85 + 0.15 * f)),
  );
}

export function readOsmNetwork(buf: Uint8Array, source: string, opts: OsmImportOptions = {}): RawNetwork {
  const progress = opts.progress;
  // Nodes arrive before ways in every PBF writer we know of, but we do not rely on it:
  // collect all node coordinates, then resolve way refs by binary search over sorted ids.
  let ids = new Float64Array(1 << 16);
  let lng = new Float64Array(1 << 16);
  let lat = new Float64Array(1 << 16);
  let n = 0;
  const ways: { refs: number[]; a: OsmWayAttributes; name?: string; ref?: string }[] = [];
  let attrs: OsmWayAttributes | null = null;
  try {
    decodeOsmPbf(buf, {
      nodes(bi, bl, ba, count) {
        if (n + count > ids.length) {
          const cap = Math.max(2 * ids.length, n + count);
          ids = growF(ids, cap);
          lng = growF(lng, cap);
          lat = growF(lat, cap);
        }
        ids.set(bi.subarray(0, count), n);
        lng.set(bl.subarray(0, count), n);
        lat.set(ba.subarray(0, count), n);
        n += count;
      },
      wantWay(tags) {
        attrs = carWayAttributes(tags);
        return attrs !== null;
      },
      way(_id, refs, tags) {
        ways.push({ refs, a: attrs!, name: tags.get('name'), ref: tags.get('ref') });
      },
      progress: (f) => progress?.('decode', f * 0.8),
    });
  } catch (err) {
    if (err instanceof OsmPbfError) err.message = `${source}: ${err.message}`; // name the file
    throw err;
  }
  // Sort by id if the writer did not (plain-node files are not always sorted).
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (ids[i]! < ids[i - 1]!) sorted = false;
  if (!sorted) {
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => ids[x]! - ids[y]!);
    ids = Float64Array.from(order, (i) => ids[i]!);
    lng = Float64Array.from(order, (i) => lng[i]!);
    lat = Float64Array.from(order, (i) => lat[i]!);
  }
  const find = (id: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const raw = splitWays(
    lng.subarray(0, n),
    lat.subarray(0, n),
    ways.map((w) => ({ nodes: w.refs.map(find), a: w.a, name: w.name, ref: w.ref })),
    opts.area,
  );
  progress?.('ways', 0.85);
  return { lng: lng.subarray(0, n), lat: lat.subarray(0, n), ways: raw, source };
}

/** A way as decoded: node indices into lng/lat (-1 where the extract lacks the node) and car attributes. */
export interface SourceWay {
  nodes: readonly number[];
  a: OsmWayAttributes;
  name?: string;
  ref?: string;
}

/** Decoded ways → RawWays: split at missing nodes, at segments the area drops and at the city boundary. */
export function splitWays(
  lng: Float64Array,
  lat: Float64Array,
  ways: readonly SourceWay[],
  area?: RoadArea,
): RawWay[] {
  const inside = area ? new Int8Array(lng.length) : undefined; // 0 unknown, 1 in, -1 out (memoised)
  const isIn = (i: number): boolean => {
    if (inside![i] === 0) inside![i] = area!.inCity(lng[i]!, lat[i]!) ? 1 : -1;
    return inside![i] === 1;
  };
  const raw: RawWay[] = [];
  for (const { nodes, a, name, ref } of ways) {
    // Extracts cut ways at their border: a missing node (or a segment the area drops) splits the
    // way; so does the city boundary, so that each kept way lies inside or beyond it as a whole
    // (the segment that crosses the boundary goes with the inside part).
    let run: number[] = [];
    let runOutside = false;
    const flush = () => {
      if (run.length >= 2) {
        if (a.oneway === -1) run.reverse();
        const w: RawWay = {
          refs: run,
          cls: CLASS_CODE[a.cls],
          oneway: a.oneway !== 0,
          roundabout: a.roundabout,
          maxspeed: a.maxspeed,
          name,
          ref,
        };
        if (runOutside) w.outside = true;
        raw.push(w);
      }
      run = [];
    };
    let prev = -1;
    for (const i of nodes) {
      if (i < 0) {
        flush();
        prev = -1;
        continue;
      }
      if (prev >= 0) {
        if (area && !area.keepsSegment(lng[prev]!, lat[prev]!, lng[i]!, lat[i]!)) flush();
        else {
          const out = area ? !isIn(prev) && !isIn(i) : false;
          if (run.length >= 2 && out !== runOutside) flush();
          if (run.length === 0) {
            run.push(prev);
            runOutside = out;
          }
          run.push(i);
        }
      }
      prev = i;
    }
    flush();
  }
  return raw;
}

function growF(a: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
