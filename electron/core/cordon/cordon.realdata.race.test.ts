/**
 * Rings 2 and 3 and their road crossings on the real boundaries (tests/unit/sharedData): the
 * cn-atlas Jincheng polygon (ring 2) and Shanxi / Henan provinces (ring 3 = the Shanxi outline
 * near Jincheng shared with Henan), crossed by hand-made roads radiating from the city centre.
 * The expected crossing counts come from an independent method: dense point-in-polygon sampling
 * along each road (every 5 m), not the engine's segment intersection. The DataV (GCJ-02)
 * Jincheng polygon is converted to WGS84 and must give the same crossings, close to cn-atlas.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../../tests/unit/sharedData';
import { toWgs84 } from '../../../shared/domain/coords';
import { haversineMeters, pointInPolygon } from '../../../shared/domain/geo';
import type { BoundaryFeature } from '../../../shared/citypack/schema';
import { buildGraph } from '../../../node/routing/graphBuild';
import { parseRoads } from '../../../node/routing/packImport';
import { Router } from '../../../node/routing/router';
import { analyseCordon, type CordonUnit } from './analyse';
import type { SuspectProfile } from './types';
import { Frame, SegmentGrid, distanceToLine, polygonRingLine, type PolygonGeometry } from './geometry';

type P = [number, number];
type Fc = {
  features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
};
const read = (name: string): Fc => JSON.parse(readFileSync(sharedDataFile('boundaries', name), 'utf8')) as Fc;
const outer = (g: { type: string; coordinates: unknown }): P[] =>
  g.type === 'Polygon' ? (g.coordinates as P[][])[0]! : (g.coordinates as P[][][])[0]![0]!;

const jincheng = read('jincheng_140500.cnatlas.geojson').features[0]!.geometry;
const provinces = read('shanxi_henan_provinces.cnatlas.geojson').features;
const shanxi = provinces.find((f) => f.properties.adcode === '140000')!.geometry;
const henan = provinces.find((f) => f.properties.adcode === '410000')!.geometry;
const feature = (
  id: string,
  level: 'city' | 'province',
  own: boolean,
  geometry: { type: string; coordinates: unknown },
): BoundaryFeature =>
  ({ type: 'Feature', geometry, properties: { id, level, name: id, nameEn: id, own } }) as BoundaryFeature;
const BOUNDARIES = [
  feature('140500', 'city', true, jincheng),
  feature('140000', 'province', true, shanxi),
  feature('410000', 'province', false, henan),
];

const frame = new Frame(112.8, 35.6);
const cityLine = polygonRingLine(frame, jincheng as PolygonGeometry);
const cityGrid = new SegmentGrid(cityLine, 2000);
const distToCity = ([lng, lat]: P) => distanceToLine(cityLine, cityGrid, frame.x(lng), frame.y(lat), 50_000);

const CENTRE: P = [112.851, 35.4976];
/** Straight roads from the centre, densified to ~1 km vertices (a road's shape, not one 60 km segment). */
const line = (to: P): P[] => {
  const n = Math.ceil(haversineMeters({ lng: CENTRE[0], lat: CENTRE[1] }, { lng: to[0], lat: to[1] }) / 1000);
  return Array.from(
    { length: n + 1 },
    (_, i) => [CENTRE[0] + ((to[0] - CENTRE[0]) * i) / n, CENTRE[1] + ((to[1] - CENTRE[1]) * i) / n] as P,
  );
};
const ENDS: Record<string, { to: P; cls: string }> = {
  S: { to: [112.9, 34.95], cls: 'trunk' }, // south into Henan (Jiyuan / Jiaozuo)
  E: { to: [113.95, 35.35], cls: 'motorway' }, // east into Henan (Xinxiang)
  N: { to: [112.95, 36.35], cls: 'primary' }, // north into Changzhi: Shanxi on both sides
  W: { to: [111.75, 35.55], cls: 'secondary' }, // west into Linfen / Yuncheng: Shanxi
};
const ROADS = {
  type: 'FeatureCollection',
  features: Object.entries(ENDS).map(([id, { to, cls }]) => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: line(to) },
    properties: { id, class: cls, name: `${id}路`, oneway: false },
  })),
};
const router = new Router(buildGraph(parseRoads(ROADS, 'jincheng-radial')));

/** Crossings of a polygon outline along a road: changes of point-in-polygon every 5 m. */
function sampledCrossings(coords: P[], ring: P[]): P[] {
  const out: P[] = [];
  let prev: boolean | null = null;
  for (let i = 1; i < coords.length; i++) {
    const [a, b] = [coords[i - 1]!, coords[i]!];
    const steps = Math.ceil(haversineMeters({ lng: a[0], lat: a[1] }, { lng: b[0], lat: b[1] }) / 5);
    for (let k = i === 1 ? 0 : 1; k <= steps; k++) {
      const p: P = [a[0] + ((b[0] - a[0]) * k) / steps, a[1] + ((b[1] - a[1]) * k) / steps];
      const inside = pointInPolygon({ lng: p[0], lat: p[1] }, ring);
      if (prev !== null && inside !== prev) out.push(p);
      prev = inside;
    }
  }
  return out;
}

const units: CordonUnit[] = [{ id: 'U1', type: 'car', lng: CENTRE[0], lat: CENTRE[1], available: true }];
const run = (profile: SuspectProfile = 'car', elapsedSeconds = 600, boundaries = BOUNDARIES) =>
  analyseCordon({
    router,
    boundaries,
    checkpoints: [],
    roads: ROADS.features as never,
    incident: { lng: CENTRE[0], lat: CENTRE[1] },
    elapsedSeconds,
    suspectProfile: profile,
    units,
    options: { mergeMetres: 0, routes: false },
  });
const byRoad = (a: ReturnType<typeof run>, ring: number) => {
  const m: Record<string, number> = {};
  for (const c of a.crossings.filter((x) => x.ring === ring)) m[c.roadName!] = (m[c.roadName!] ?? 0) + 1;
  return m;
};
const roadCoords = (id: string) => ROADS.features.find((f) => f.properties.id === id)!.geometry.coordinates;

describe('rings 2 and 3 on the real Jincheng boundary and Shanxi–Henan border', () => {
  const a = run();

  it('the roads end where intended: S and E in Henan, N and W in Shanxi outside Jincheng', () => {
    const where = (p: P) => ({
      jincheng: pointInPolygon({ lng: p[0], lat: p[1] }, outer(jincheng)),
      henan: pointInPolygon({ lng: p[0], lat: p[1] }, outer(henan)),
    });
    expect(where(CENTRE)).toEqual({ jincheng: true, henan: false });
    for (const id of ['S', 'E']) expect(where(ENDS[id]!.to)).toEqual({ jincheng: false, henan: true });
    for (const id of ['N', 'W']) expect(where(ENDS[id]!.to)).toEqual({ jincheng: false, henan: false });
  });

  it('ring 2: every crossing of the city polygon, as many as dense sampling finds, each near a sampled one', () => {
    expect(a.rings.find((r) => r.ring === 2)).toMatchObject({ source: 'city' });
    const expected: Record<string, number> = {};
    for (const id of Object.keys(ENDS)) {
      const sampled = sampledCrossings(roadCoords(id), outer(jincheng));
      expected[`${id}路`] = sampled.length;
      // An outbound road leaves the city an odd number of times.
      expect(sampled.length % 2).toBe(1);
      for (const c of a.crossings.filter((x) => x.ring === 2 && x.roadName === `${id}路`)) {
        expect(Math.min(...sampled.map((p) => haversineMeters(c, { lng: p[0], lat: p[1] })))).toBeLessThan(
          10,
        );
      }
    }
    expect(byRoad(a, 2)).toEqual(expected);
  });

  it('ring 3: the Henan-facing stretch only; S and E cross it, N and W never', () => {
    const ring3 = a.rings.find((r) => r.ring === 3)!;
    // At least the 253 km Jincheng–Henan segment, far less than the whole 587 km Shanxi–Henan border.
    expect(ring3.lengthKm).toBeGreaterThan(253 * 0.95);
    expect(ring3.lengthKm).toBeLessThan(587);
    const expected = {
      S路: sampledCrossings(roadCoords('S'), outer(shanxi)).length,
      E路: sampledCrossings(roadCoords('E'), outer(shanxi)).length,
    };
    expect(expected.S路 % 2).toBe(1);
    expect(expected.E路 % 2).toBe(1);
    expect(byRoad(a, 3)).toEqual(expected);
    // Shared arcs: where S and E leave Shanxi they also leave Jincheng, at nearly the same point (the
    // province and city polygons are simplified separately: up to ~250 m apart along a shallow crossing).
    for (const c of a.crossings.filter((x) => x.ring === 3)) {
      const twin = a.crossings
        .filter((x) => x.ring === 2 && x.roadName === c.roadName)
        .map((x) => haversineMeters(x, c));
      expect(Math.min(...twin)).toBeLessThan(500);
    }
    // Configurable stretch: within 1 km of the city it is shorter and still holds both exits; with
    // sharedOnly off and 200 km it takes in the Hebei and Shaanxi borders too.
    const ring3Of = (ring3: { withinKm?: number; sharedOnly?: boolean }) =>
      analyseCordon({
        router,
        boundaries: BOUNDARIES,
        checkpoints: [],
        roads: ROADS.features as never,
        incident: { lng: CENTRE[0], lat: CENTRE[1] },
        elapsedSeconds: 600,
        units: [],
        options: { rings: [3], ring3, mergeMetres: 0, routes: false },
      });
    const near = ring3Of({ withinKm: 1 });
    expect(near.rings[0]!.lengthKm).toBeLessThan(ring3.lengthKm);
    expect(byRoad(near, 3)).toEqual(expected);
    expect(ring3Of({ withinKm: 200, sharedOnly: false }).rings[0]!.lengthKm).toBeGreaterThan(
      ring3.lengthKm + 100,
    );
  });

  it('motorbike: no motorway exits, and slower than a car on the same trunk road; times grow with distance', () => {
    const bike = run('motorbike');
    expect(bike.crossings.some((c) => c.roadClass === 'motorway')).toBe(false);
    expect(byRoad(bike, 2)['S路']).toBe(byRoad(a, 2)['S路']);
    const first = (x: ReturnType<typeof run>, road: string) =>
      x.crossings
        .filter((c) => c.ring === 2 && c.roadName === road)
        .sort(
          (p, q) =>
            haversineMeters(p, { lng: CENTRE[0], lat: CENTRE[1] }) -
            haversineMeters(q, { lng: CENTRE[0], lat: CENTRE[1] }),
        );
    const carS = first(a, 'S路');
    const bikeS = first(bike, 'S路');
    expect(bikeS[0]!.suspectSeconds!).toBeGreaterThan(carS[0]!.suspectSeconds!);
    // One road class, one speed: time from the incident is proportional to the distance along the road.
    const along = (c: { lng: number; lat: number }) => haversineMeters(c, { lng: CENTRE[0], lat: CENTRE[1] });
    for (const list of [carS, bikeS]) {
      if (list.length < 2) continue;
      const [p, q] = [list[0]!, list[list.length - 1]!];
      expect((q.suspectSeconds! + 600) / (p.suspectSeconds! + 600)).toBeCloseTo(along(q) / along(p), 1);
    }
  });

  it('ring 1 (road reach) grows with elapsed time and stays inside the city here', () => {
    const km = [300, 900, 1800].map((s) => run('car', s).rings.find((r) => r.ring === 1)!.lengthKm);
    expect(km[0]!).toBeGreaterThan(0);
    expect(km[1]!).toBeGreaterThan(km[0]!);
    expect(km[2]!).toBeGreaterThan(km[1]!);
  });

  it('the DataV Jincheng polygon (GCJ-02) converted to WGS84: its ring-2 crossings of 36 radial roads lie nearer the cn-atlas ring than unconverted', () => {
    const datav = read('datav_140000_shanxi_prefectures.gcj02.geojson').features.find(
      (f) => f.properties.adcode === 140500,
    )!.geometry;
    const convert = (ring: P[]) =>
      ring.map(([lng, lat]) => {
        const w = toWgs84({ lng, lat }, 'GCJ02');
        return [w.lng, w.lat] as P;
      });
    const converted = feature('140500', 'city', true, {
      type: 'MultiPolygon',
      coordinates: (datav.coordinates as P[][][]).map((poly) => poly.map(convert)),
    });
    const raw = feature('140500', 'city', true, datav);
    // 36 straight roads every 10°, 120 km long: every one leaves the city.
    const radials = {
      type: 'FeatureCollection',
      features: Array.from({ length: 36 }, (_, i) => {
        const t = (i * Math.PI) / 18;
        return {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: line([CENTRE[0] + 1.3 * Math.cos(t), CENTRE[1] + 1.1 * Math.sin(t)]),
          },
          properties: { id: `R${i}`, class: 'primary', name: `R${i}`, oneway: false },
        };
      }),
    };
    const radialRouter = new Router(buildGraph(parseRoads(radials, 'jincheng-36')));
    const ring2 = (b: BoundaryFeature) =>
      analyseCordon({
        router: radialRouter,
        boundaries: [b],
        checkpoints: [],
        roads: radials.features as never,
        incident: { lng: CENTRE[0], lat: CENTRE[1] },
        elapsedSeconds: 0,
        units: [],
        options: { rings: [2], mergeMetres: 0, routes: false },
      }).crossings;
    const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
    const fromCn = ring2(BOUNDARIES[0]!);
    const fromConverted = ring2(converted);
    const fromRaw = ring2(raw);
    expect(new Set(fromCn.map((c) => c.roadName)).size).toBe(36);
    const rawM = median(fromRaw.map((c) => distToCity([c.lng, c.lat])));
    const convertedM = median(fromConverted.map((c) => distToCity([c.lng, c.lat])));
    console.log(
      `ring-2 crossings: cn-atlas ${fromCn.length}, DataV converted ${fromConverted.length}, raw ${fromRaw.length}; median distance to the cn-atlas ring: raw ${rawM.toFixed(0)} m, converted ${convertedM.toFixed(0)} m`,
    );
    expect(convertedM).toBeLessThan(rawM);
    expect(convertedM).toBeLessThan(250);
    expect(Math.abs(fromConverted.length - fromCn.length)).toBeLessThanOrEqual(4);
  });
});
