/**
 * Ring 2 on a pack built from a real extract with a border that real roads cross: a city-like
 * polygon drawn across the middle of the Heidelberg extract (Neckar valley, Altstadt, Bergheim,
 * Rohrbach…, about 12 × 9 km). The crossings the cordon lists are checked against crossings
 * computed here independently: the raw ways decoded by osm-read (not the project's decoder or
 * graph), a tag filter written out below, and a plain segment/segment intersection in lng/lat.
 *
 * "A road that crosses the border" = a distinct point (within 1 m) where a segment between two
 * consecutive nodes of a car-road way crosses the polygon's outline. Car-road way: highway in
 * motorway … service (links, unclassified, living_street included), not area=yes or a ferry, not
 * closed to motor vehicles (access / vehicle / motor_vehicle / motorcar = no | private unless a
 * motor tag re-allows it), not oneway=reversible | alternating.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedDataFile } from '../../../tests/unit/sharedData';
import { decodeWithOsmRead } from '../../../tests/unit/osmReadDecode';
import { buildCityPackFromOsm } from './buildFromOsm';
import { loadCityPack } from '../../../node/citypack/loadCityPack';
import { loadPackGraph } from '../../../node/routing/pack';
import { Router } from '../../../node/routing/router';
import { rankUnits } from '../../../node/routing/rank';
import { FLAG_OUTSIDE } from '../../../node/routing/graph';
import { analyseCordon } from '../cordon/analyse';
import { graphFrame, scanCrossings } from '../cordon/crossings';
import { cityRing } from '../cordon/rings';
import { HIGHWAY_CLASSES } from '../../../shared/domain/roadClass';

const HEIDELBERG = sharedDataFile('osm', 'heidelberg.osm.pbf');

/** A city-like outline (counter-clockwise, closed) around Heidelberg's centre, 8.69° E 49.405° N. */
const CITY: [number, number][] = [
  [8.6105, 49.3712],
  [8.6631, 49.3598],
  [8.7204, 49.3663],
  [8.7643, 49.3851],
  [8.7705, 49.4193],
  [8.7388, 49.4452],
  [8.6874, 49.4489],
  [8.6386, 49.4398],
  [8.6052, 49.4151],
  [8.6105, 49.3712],
];

/** The classes the road graph keeps (a car may drive all of them). */
const CAR = new Set<string>(HIGHWAY_CLASSES);
const CLOSED = new Set(['no', 'private']);
const OPEN = new Set(['yes', 'designated', 'permissive', 'destination']);

/** Directions a car may take a way: 1 along its nodes, -1 against, 0 both. */
function carDirection(t: Map<string, string>): 1 | -1 | 0 {
  const ow = t.get('oneway');
  if (ow === 'yes' || ow === 'true' || ow === '1') return 1;
  if (ow === '-1' || ow === 'reverse') return -1;
  if (ow === 'no' || ow === 'false' || ow === '0') return 0;
  const j = t.get('junction');
  return t.get('highway') === 'motorway' || j === 'roundabout' || j === 'circular' ? 1 : 0;
}

function isCarRoad(t: Map<string, string>): boolean {
  if (!CAR.has(t.get('highway') ?? '') || t.get('area') === 'yes' || t.get('route') === 'ferry') return false;
  const motor = t.get('motor_vehicle') ?? t.get('motorcar') ?? t.get('vehicle');
  if (motor !== undefined && CLOSED.has(motor)) return false;
  if (CLOSED.has(t.get('access') ?? '') && !(motor !== undefined && OPEN.has(motor))) return false;
  return !['reversible', 'alternating'].includes(t.get('oneway') ?? '');
}

/** Intersection point of segments p1p2 and q1q2 (proper or touching), else null. */
function intersect(p1: number[], p2: number[], q1: number[], q2: number[]): [number, number] | null {
  const d = (p2[0]! - p1[0]!) * (q2[1]! - q1[1]!) - (p2[1]! - p1[1]!) * (q2[0]! - q1[0]!);
  if (d === 0) return null;
  const t = ((q1[0]! - p1[0]!) * (q2[1]! - q1[1]!) - (q1[1]! - p1[1]!) * (q2[0]! - q1[0]!)) / d;
  const u = ((q1[0]! - p1[0]!) * (p2[1]! - p1[1]!) - (q1[1]! - p1[1]!) * (p2[0]! - p1[0]!)) / d;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return [p1[0]! + t * (p2[0]! - p1[0]!), p1[1]! + t * (p2[1]! - p1[1]!)];
}

/** Plain ray casting against CITY. */
function inCity([x, y]: number[]): boolean {
  let inside = false;
  for (let i = 0; i + 1 < CITY.length; i++) {
    const [x1, y1] = CITY[i]!;
    const [x2, y2] = CITY[i + 1]!;
    if (y1 > y! !== y2 > y! && x! < ((x2 - x1) * (y! - y1)) / (y2 - y1) + x1) inside = !inside;
  }
  return inside;
}

const metres = (a: number[], b: number[]) => Math.hypot((a[0]! - b[0]!) * 72_500, (a[1]! - b[1]!) * 111_200); // at 49.4° N

function distinct(points: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of points) if (!out.some((q) => metres(p, q) < 1)) out.push(p);
  return out;
}

describe('pack built from the Heidelberg extract with a drawn city border', async () => {
  const osm = await decodeWithOsmRead(HEIDELBERG);
  const at = new Map<number, number>();
  osm.ids.forEach((id, i) => at.set(id, i));
  // The car network as node → successor lists, to keep only what a patrol car can both reach and
  // leave from a central junction (a strongly connected network: the pack drops islands such as
  // car parks behind a one-way exit, where a unit would be stuck).
  const roads = osm.ways.filter((w) => isCarRoad(w.tags));
  const next = new Map<number, number[]>();
  const prev = new Map<number, number[]>();
  const link = (m: Map<number, number[]>, a: number, b: number) => (m.get(a) ?? m.set(a, []).get(a)!).push(b);
  for (const w of roads) {
    const dirn = carDirection(w.tags);
    for (let k = 0; k + 1 < w.refs.length; k++) {
      const a = at.get(w.refs[k]!);
      const b = at.get(w.refs[k + 1]!);
      if (a === undefined || b === undefined) continue;
      if (dirn >= 0) {
        link(next, a, b);
        link(prev, b, a);
      }
      if (dirn <= 0) {
        link(next, b, a);
        link(prev, a, b);
      }
    }
  }
  const reach = (m: Map<number, number[]>, seed: number) => {
    const seen = new Set([seed]);
    for (const stack = [seed]; stack.length;)
      for (const v of m.get(stack.pop()!) ?? [])
        if (!seen.has(v)) {
          seen.add(v);
          stack.push(v);
        }
    return seen;
  };
  let seed = -1;
  for (const v of next.keys())
    if (
      seed < 0 ||
      metres([osm.lng[v]!, osm.lat[v]!], [8.69, 49.41]) <
        metres([osm.lng[seed]!, osm.lat[seed]!], [8.69, 49.41])
    )
      seed = v;
  const fwd = reach(next, seed);
  const bwd = reach(prev, seed);
  const inNetwork = (v: number) => fwd.has(v) && bwd.has(v);
  const raw: [number, number][] = [];
  const exits: [number, number][] = [];
  let dropped = 0;
  for (const w of roads) {
    for (let k = 0; k + 1 < w.refs.length; k++) {
      const a = at.get(w.refs[k]!);
      const b = at.get(w.refs[k + 1]!);
      if (a === undefined || b === undefined) continue;
      const pa = [osm.lng[a]!, osm.lat[a]!];
      const pb = [osm.lng[b]!, osm.lat[b]!];
      for (let e = 0; e + 1 < CITY.length; e++) {
        const x = intersect(pa, pb, CITY[e]!, CITY[e + 1]!);
        if (x && inNetwork(a) && inNetwork(b)) {
          raw.push(x);
          // A car exit where a car may drive from the inside end to the outside end.
          const dirn = carDirection(w.tags);
          if (dirn === 0 || (dirn === 1 ? inCity(pa) : inCity(pb))) exits.push(x);
        } else if (x) dropped++;
      }
    }
  }
  const expected = distinct(raw);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hd-pack-'));
  const built = buildCityPackFromOsm({
    osmFile: HEIDELBERG,
    outDir: dir,
    boundary: { type: 'Polygon', coordinates: [CITY] },
  });
  const pack = await loadCityPack(dir);
  const router = new Router(loadPackGraph(dir).graph);

  const sameSet = (a: [number, number][], b: [number, number][]) => {
    expect(a.filter((p) => !b.some((q) => metres(p, q) < 1))).toEqual([]);
    expect(b.filter((p) => !a.some((q) => metres(p, q) < 1))).toEqual([]);
  };

  it('lists on ring 2 each road that crosses the border, exactly as counted from the raw ways', () => {
    // 66 raw crossing points, of which 14 are on islands the network drops (see above): 52 roads.
    expect(expected.length).toBeGreaterThanOrEqual(40);
    expect(dropped).toBeLessThan(expected.length / 2);
    const frame = graphFrame(router.graph);
    const ring = cityRing(frame, pack.boundaries.features);
    if (typeof ring === 'string') throw new Error(ring);
    const scanned = scanCrossings(router, frame, ring.line);
    sameSet(distinct(scanned.map((c) => [c.lng, c.lat])), expected);
    // The crossing segment belongs to the road's inside part; the roads beyond are flagged.
    for (const c of scanned) expect(router.graph.pieceFlags[c.piece]! & FLAG_OUTSIDE).toBe(0);
    expect(built.outsideRoads).toBeGreaterThan(1000);

    // The cordon's ring 2 for a car: every crossing a car can leave by (not the inbound one-ways).
    const a = analyseCordon({
      router,
      boundaries: pack.boundaries.features,
      roads: pack.roads.features,
      checkpoints: [],
      incident: { lng: 8.69, lat: 49.41 },
      elapsedSeconds: 0,
      units: [],
      options: { rings: [2], mergeMetres: 0, routes: false },
    });
    expect(a.warnings).toEqual([]);
    expect(exits.length).toBeLessThan(expected.length); // some one-way streets only enter
    sameSet(
      a.crossings.map((c) => [c.lng, c.lat]),
      distinct(exits),
    );
    // With the default merging (dual carriageways, roads wiggling along the line) still dozens.
    const merged = analyseCordon({
      router,
      boundaries: pack.boundaries.features,
      roads: pack.roads.features,
      checkpoints: [],
      incident: { lng: 8.69, lat: 49.41 },
      elapsedSeconds: 0,
      units: [],
      options: { rings: [2], routes: false },
    });
    expect(merged.counts[0]!.total).toBeGreaterThanOrEqual(30);
    expect(merged.crossings.filter((c) => c.roadName).length).toBeGreaterThan(20);
  });

  it('routes a unit from beyond the city in on the outer roads', () => {
    const leimen = { lng: 8.691, lat: 49.3475 }; // Leimen, ~2 km south of the border
    expect(inCity([leimen.lng, leimen.lat])).toBe(false);
    const r = rankUnits(router, { lng: 8.6934, lat: 49.4093 }, [{ id: 'u', type: 'car', ...leimen }])
      .results[0]!;
    expect(r.status).toBe('ok');
    const snap = router.snap(leimen.lng, leimen.lat, 'car')!;
    expect(snap.distance).toBeLessThan(200);
    expect(router.graph.pieceFlags[snap.piece]! & FLAG_OUTSIDE).toBe(FLAG_OUTSIDE);
    expect(r.metres!).toBeGreaterThan(5_000);
  });
});
