/**
 * A loadable city pack from an OSM extract (`cli pack build`): the routing graph (roads.graph +
 * routing.json, which loadPackGraph prefers over rebuilding from GeoJSON), roads.geojson from the
 * same kept ways, a city boundary (the given polygon, else the convex hull of the road graph), one
 * place label, empty patrol districts / units / cameras / checkpoints for the command centre to
 * fill in (docs/city-pack.md, "Replacing the demo"), and pack.json. Every file is validated with
 * the loader's schemas before it is written, so a pack that builds also loads.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  BoundaryCollectionSchema,
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
import { readOsmNetwork, type OsmImportOptions } from '../routing/osmImport';
import { buildGraph, type ProgressFn, type RawNetwork } from '../routing/graphBuild';
import { HIGHWAY_CLASSES, type HighwayClass, type RoadGraph } from '../routing/graph';
import { convexHull } from '../routing/geo';
import { writeRoutingDir, type RoutingManifest } from '../routing/pack';

export type PackBoundary = NonNullable<OsmImportOptions['boundary']>;

export interface OsmPackOptions {
  osmFile: string;
  outDir: string;
  /** City boundary: roads are clipped to it and it becomes the pack's own city feature. */
  boundary?: PackBoundary;
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
  boundaryFrom: 'file' | 'hull';
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

export function buildCityPackFromOsm(opts: OsmPackOptions): OsmPackResult {
  const p = opts.progress;
  const id = opts.id ?? packIdFromFile(opts.osmFile);
  const name = opts.name ?? id;
  const cityFeature = (geometry: PackBoundary | { type: 'Polygon'; coordinates: [number, number][][] }) => ({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry, properties: { id: 'city', level: 'city', name, nameEn: name, own: true } }],
  });
  // A bad boundary is refused before the (slow) import.
  if (opts.boundary) validated(FILES.boundaries, BoundaryCollectionSchema, cityFeature(opts.boundary));
  const raw = readOsmNetwork(readFileSync(opts.osmFile), path.basename(opts.osmFile), {
    boundary: opts.boundary,
    progress: p && ((stage, f) => p(stage, 0.8 * f)),
  });
  const graph = buildGraph(raw, p && ((stage, f) => p(stage, 0.8 + 0.15 * f)));
  if (graph.nodeCount === 0)
    throw new Error(`pack build: no drivable roads in ${opts.osmFile} (not an .osm.pbf extract, or the boundary excludes them all); nothing written`);

  const roads = validated(FILES.roads, RoadCollectionSchema, { type: 'FeatureCollection', features: roadFeatures(raw) });
  const ring = opts.boundary ? undefined : hullRing(graph);
  const geometry = opts.boundary ?? { type: 'Polygon' as const, coordinates: [ring!] };
  const boundaries = validated(FILES.boundaries, BoundaryCollectionSchema, cityFeature(geometry));
  const bbox = unionBbox(graph.meta.bbox, geometryBbox(geometry));
  const center: [number, number] = [round7((bbox[0] + bbox[2]) / 2), round7((bbox[1] + bbox[3]) / 2)];
  const places = validated(FILES.places, PlaceCollectionSchema, {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: center }, properties: { name, nameEn: name, kind: 'city' } }],
  });
  const span = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1], 1e-3);
  const manifest = validated('pack.json', CityPackManifestSchema, {
    format: CITY_PACK_FORMAT,
    version: CITY_PACK_VERSION,
    id,
    name: { zh: name, en: name },
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
  write(FILES.districts, validated(FILES.districts, DistrictCollectionSchema, { type: 'FeatureCollection', features: [] }));
  write(FILES.places, places);
  write(FILES.units, []);
  write(FILES.cameras, []);
  write(FILES.checkpoints, []);
  write('pack.json', manifest); // last: a pack without its manifest is not a pack
  p?.('pack', 1);
  return { manifest, routing, roads: roads.features.length, boundaryFrom: opts.boundary ? 'file' : 'hull' };
}

/** "Columbus-Ohio.osm.pbf" → "columbus-ohio". */
export function packIdFromFile(file: string): string {
  const base = path.basename(file).replace(/\.osm\.pbf$|\.pbf$/i, '');
  return base.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'city';
}

function roadFeatures(raw: RawNetwork): RoadFeature[] {
  return raw.ways.map((w, i) => {
    const coordinates: [number, number][] = [];
    for (let k = 0; k < w.refs.length; k++) coordinates.push([round7(raw.lng[w.refs[k]!]!), round7(raw.lat[w.refs[k]!]!)]);
    const props: RoadFeature['properties'] = { id: `r${i + 1}`, class: PACK_CLASS[HIGHWAY_CLASSES[w.cls]!], name: w.name ?? '', oneway: w.oneway };
    if (w.ref) props.ref = w.ref;
    if (w.maxspeed > 0) props.maxspeed = w.maxspeed;
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
