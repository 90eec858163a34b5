/**
 * A loadable city pack from an OSM extract (`cli pack build`): the routing graph (roads.graph +
 * routing.json, which loadPackGraph prefers over rebuilding from GeoJSON), roads.geojson from the
 * same kept ways, the boundaries (the city, else the convex hull of the road graph; its counties
 * and the provinces when given), one place label, empty patrol districts / units / cameras /
 * checkpoints for the command centre to fill in (docs/city-pack.md), and pack.json. Every file is
 * validated with the loader's schemas before it is written, so a pack that builds also loads.
 *
 * With a city boundary the roads are kept out to a margin beyond the rings (roadArea.ts) and the
 * ones beyond the city are flagged `outside`: the cordon's rings 2 and 3 need the roads that cross
 * them, and units outside the city route on them.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  BoundaryCollectionSchema,
  type BoundaryFeature,
  CITY_PACK_FORMAT,
  CITY_PACK_VERSION,
  CityPackManifestSchema,
  DistrictCollectionSchema,
  PlaceCollectionSchema,
  RoadCollectionSchema,
  STANDARD_PACK_FILES,
  type CityPackManifest,
  type RoadClass,
  type RoadFeature,
} from '../../../shared/citypack/schema';
import { CordonOptionsSchema } from '../../../shared/cordon/schema';
import { readOsmNetwork, type RoadArea } from '../../../node/routing';
import { buildGraph, type ProgressFn, type RawNetwork } from '../../../node/routing';
import { HIGHWAY_CLASSES, type HighwayClass, type RoadGraph } from '../../../node/routing';
import { convexHull } from '../../../node/routing';
import { writeRoutingDir, type RoutingManifest } from '../../../node/routing';
import { Frame, type PolygonGeometry, type Position } from '../cordon/geometry';
import { provinceRing } from '../cordon/rings';
import { CityRoadArea } from './roadArea';

export type PackBoundary = PolygonGeometry;

/** The default margin: the distance from the city within which ring 3 looks for the provincial border. */
export const DEFAULT_MARGIN_KM = CordonOptionsSchema.parse({}).ring3.withinKm;

export interface OsmPackOptions {
  osmFile: string;
  outDir: string;
  /** City boundary (WGS84): the pack's own city feature (ring 2); roads are kept to `marginKm` beyond it. */
  boundary?: PackBoundary;
  /** The city's name from its boundary file, when `name` is not given. */
  cityName?: { zh: string; en: string };
  /** Counties (ring 1) and provinces (ring 3, own + neighbours), WGS84 (boundaryFiles.ts). */
  boundaries?: readonly BoundaryFeature[];
  /** Roads are kept out to this distance beyond the city and ring 3's border stretch. Default DEFAULT_MARGIN_KM. */
  marginKm?: number;
  /** Pack id ([a-z0-9-]+); default from the file name ("heidelberg.osm.pbf" → "heidelberg"). */
  id?: string;
  /** City name (used for zh and en until someone translates it); default the id. */
  name?: string;
  /** 6-digit administrative code; "000000" when unknown (camera centre codes need the real one). */
  adcode?: string;
  progress?: ProgressFn;
}

export interface OsmPackResult {
  manifest: CityPackManifest;
  routing: RoutingManifest;
  roads: number;
  /** Roads beyond the city boundary (flagged `outside`). */
  outsideRoads: number;
  boundaryFrom: 'file' | 'hull';
  /** Ring 3's border stretch was found (own province + neighbours given and near the city). */
  ring3: boolean;
  counties: number;
  provinces: number;
  marginKm: number | null;
}

/** The pack format has seven classes; links and minor classes fold into the nearest one. */
const PACK_CLASS: Readonly<Record<HighwayClass, RoadClass>> = {
  motorway: 'motorway',
  motorway_link: 'motorway',
  trunk: 'trunk',
  trunk_link: 'trunk',
  primary: 'primary',
  primary_link: 'primary',
  secondary: 'secondary',
  secondary_link: 'secondary',
  tertiary: 'tertiary',
  tertiary_link: 'tertiary',
  unclassified: 'tertiary',
  residential: 'residential',
  living_street: 'residential',
  service: 'service',
};

const FILES = STANDARD_PACK_FILES;

/** 1e-7° (~1 cm): the same OSM node rounds to the same vertex, which is the pack's topology rule. */
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** Where a pack's roads come from: an OSM extract, or (tests) a network made by hand. */
export interface RoadSource {
  /** Named in errors. */
  name: string;
  read(area: RoadArea | undefined, progress: ProgressFn | undefined): RawNetwork;
}

export function buildCityPackFromOsm(opts: OsmPackOptions): OsmPackResult {
  const source: RoadSource = {
    name: opts.osmFile,
    read: (area, progress) =>
      readOsmNetwork(readFileSync(opts.osmFile), path.basename(opts.osmFile), { area, progress }),
  };
  return buildCityPack(source, { ...opts, id: opts.id ?? packIdFromFile(opts.osmFile) });
}

export function buildCityPack(source: RoadSource, opts: Omit<OsmPackOptions, 'osmFile'>): OsmPackResult {
  const p = opts.progress;
  const id = opts.id ?? 'city';
  const name =
    opts.name !== undefined ? { zh: opts.name, en: opts.name } : (opts.cityName ?? { zh: id, en: id });
  const extra = opts.boundaries ?? [];
  const withCity = (geometry: PolygonGeometry) => ({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry,
        properties: { id: 'city', level: 'city', name: name.zh, nameEn: name.en, own: true },
      },
      ...extra,
    ],
  });
  if (extra.length && !opts.boundary)
    throw new Error(
      'pack build: counties and provinces need the city boundary (--boundary); nothing written',
    );
  const marginKm = opts.marginKm ?? DEFAULT_MARGIN_KM;
  if (!(marginKm >= 0))
    throw new Error(
      `pack build: the margin must be a non-negative number of km, got ${marginKm}; nothing written`,
    );
  // Bad boundaries are refused before the (slow) import.
  let area: CityRoadArea | undefined;
  let ring3 = false;
  if (opts.boundary) {
    const all = validated(FILES.boundaries, BoundaryCollectionSchema, withCity(opts.boundary));
    const c = all.features[0]!.geometry;
    const [w, s, e, n] = geometryBbox(c);
    const r3 = provinceRing(
      new Frame((w + e) / 2, (s + n) / 2),
      all.features,
      CordonOptionsSchema.parse({}).ring3,
    );
    ring3 = typeof r3 !== 'string';
    area = new CityRoadArea(
      c as PolygonGeometry,
      typeof r3 === 'string' ? [] : (r3.lines as Position[][]),
      marginKm * 1000,
    );
  }
  const raw = source.read(area, p && ((stage, f) => p(stage, 0.8 * f)));
  const graph = buildGraph(raw, p && ((stage, f) => p(stage, 0.8 + 0.15 * f)));
  if (graph.nodeCount === 0)
    throw new Error(
      `pack build: no drivable roads in ${source.name} (not an .osm.pbf extract, or the boundary excludes them all); nothing written`,
    );

  const roads = validated(FILES.roads, RoadCollectionSchema, {
    type: 'FeatureCollection',
    features: roadFeatures(raw),
  });
  const ring = opts.boundary ? undefined : hullRing(graph);
  const geometry = opts.boundary ?? { type: 'Polygon' as const, coordinates: [ring!] };
  const boundaries = validated(FILES.boundaries, BoundaryCollectionSchema, withCity(geometry));
  const bbox = boundaries.features.reduce(
    (b, f) => unionBbox(b, geometryBbox(f.geometry as PolygonGeometry)),
    graph.meta.bbox,
  );
  // The initial view is the city, not the provinces around it.
  const view = geometryBbox(geometry);
  const center: [number, number] = [round7((view[0] + view[2]) / 2), round7((view[1] + view[3]) / 2)];
  const places = validated(FILES.places, PlaceCollectionSchema, {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: center },
        properties: { name: name.zh, nameEn: name.en, kind: 'city' },
      },
    ],
  });
  const span = Math.max(view[2] - view[0], view[3] - view[1], 1e-3);
  const manifest = validated('pack.json', CityPackManifestSchema, {
    format: CITY_PACK_FORMAT,
    version: CITY_PACK_VERSION,
    id,
    name,
    synthetic: false,
    attribution: '© OpenStreetMap contributors (ODbL)',
    adcode: opts.adcode ?? '000000',
    center,
    zoom: Math.min(16, Math.max(8, Math.round(Math.log2(360 / span)))),
    bbox,
    files: { ...FILES },
  });

  // Nothing is written until every file has validated.
  mkdirSync(opts.outDir, { recursive: true });
  const routing = writeRoutingDir(graph, opts.outDir);
  const write = (file: string, data: unknown) => {
    const full = path.join(opts.outDir, file);
    writeFileSync(full + '.tmp', JSON.stringify(data) + '\n');
    renameSync(full + '.tmp', full);
  };
  write(FILES.roads, roads);
  write(FILES.boundaries, boundaries);
  write(
    FILES.districts,
    validated(FILES.districts, DistrictCollectionSchema, { type: 'FeatureCollection', features: [] }),
  );
  write(FILES.places, places);
  write(FILES.units, []);
  write(FILES.cameras, []);
  write(FILES.checkpoints, []);
  write('pack.json', manifest); // last: a pack without its manifest is not a pack
  p?.('pack', 1);
  const levels = (l: string) => extra.filter((f) => f.properties.level === l).length;
  return {
    manifest,
    routing,
    roads: roads.features.length,
    outsideRoads: roads.features.filter((f) => f.properties.outside).length,
    boundaryFrom: opts.boundary ? 'file' : 'hull',
    ring3,
    counties: levels('county'),
    provinces: levels('province'),
    marginKm: opts.boundary ? marginKm : null,
  };
}

/** "Columbus-Ohio.osm.pbf" → "columbus-ohio". */
export function packIdFromFile(file: string): string {
  const base = path.basename(file).replace(/\.osm\.pbf$|\.pbf$/i, '');
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'city'
  );
}

function roadFeatures(raw: RawNetwork): RoadFeature[] {
  return raw.ways.map((w, i) => {
    const coordinates: [number, number][] = [];
    for (let k = 0; k < w.refs.length; k++)
      coordinates.push([round7(raw.lng[w.refs[k]!]!), round7(raw.lat[w.refs[k]!]!)]);
    const props: RoadFeature['properties'] = {
      id: `r${i + 1}`,
      class: PACK_CLASS[HIGHWAY_CLASSES[w.cls]!],
      name: w.name ?? '',
      oneway: w.oneway,
    };
    if (w.ref) props.ref = w.ref;
    if (w.maxspeed > 0) props.maxspeed = w.maxspeed;
    if (w.outside) props.outside = true;
    return { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: props };
  });
}

/** Convex hull of the graph's nodes (closed, counter-clockwise); its bbox when degenerate. */
function hullRing(g: RoadGraph): [number, number][] {
  const pts: [number, number][] = [];
  for (let v = 0; v < g.nodeCount; v++) pts.push([round7(g.nodeLng[v]!), round7(g.nodeLat[v]!)]);
  const hull = convexHull(pts);
  if (hull.length >= 4) return hull;
  const [w, s, e, n] = g.meta.bbox;
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
}

function geometryBbox(g: PackBoundary): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys)
    for (const ring of poly)
      for (const [x, y] of ring as [number, number][]) {
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x);
        b[3] = Math.max(b[3], y);
      }
  return b;
}

function unionBbox(a: readonly number[], b: readonly number[]): [number, number, number, number] {
  return [Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[2]!, b[2]!), Math.max(a[3]!, b[3]!)];
}

/** Parses with the loader's schema so that a bad input stops the build with the file named. */
function validated<T>(file: string, schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (!r.success) {
    const first = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`pack build: ${file} would not load (${first.join('; ')})`);
  }
  return r.data;
}
