/**
 * Graph for a city pack directory, with the on-disk cache. Two layouts are accepted:
 *  - a directory built by `cli pack build` (routing.json + roads.graph, from OSM), and
 *  - a city pack (pack.json naming roads.geojson): the graph is built from the GeoJSON on first
 *    use and cached; the cache goes to `cacheDir` (the app's userData in production — a packaged
 *    app's resources directory is read-only) and is rebuilt when roads.geojson is newer.
 */
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CityPackManifestSchema } from '../../shared/citypack/schema';
import { loadGraphCache, saveGraphCache, GraphCacheError } from './cache';
import { buildGraph, type ProgressFn } from './graphBuild';
import { graphSummary, type RoadGraph } from './graph';
import { parseRoads } from './packImport';

export const ROUTING_MANIFEST = 'routing.json';
export const GRAPH_FILE = 'roads.graph';

export const RoutingManifestSchema = z.object({
  format: z.literal('dispatch-routing-graph'),
  version: z.literal(1),
  graph: z.string(),
  source: z.string(),
  builtAt: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  nodes: z.number().int(),
  pieces: z.number().int(),
  km: z.number(),
});
export type RoutingManifest = z.infer<typeof RoutingManifestSchema>;

/** Writes graph + manifest into dir (used by the CLI and by tests). */
export function writeRoutingDir(g: RoadGraph, dir: string): RoutingManifest {
  mkdirSync(dir, { recursive: true });
  saveGraphCache(g, path.join(dir, GRAPH_FILE));
  const s = graphSummary(g);
  const manifest: RoutingManifest = {
    format: 'dispatch-routing-graph',
    version: 1,
    graph: GRAPH_FILE,
    source: g.meta.source,
    builtAt: g.meta.builtAt,
    bbox: g.meta.bbox,
    nodes: s.nodes,
    pieces: s.pieces,
    km: s.km,
  };
  writeFileSync(path.join(dir, ROUTING_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

export interface LoadPackGraphOptions {
  cacheDir?: string;
  progress?: ProgressFn;
}

export interface LoadedGraph {
  graph: RoadGraph;
  /** 'cache' when read from a binary file, 'built' when imported from GeoJSON now. */
  from: 'cache' | 'built';
  cacheFile: string;
}

export function loadPackGraph(dir: string, opts: LoadPackGraphOptions = {}): LoadedGraph {
  const routing = path.join(dir, ROUTING_MANIFEST);
  if (existsSync(routing)) {
    const m = RoutingManifestSchema.parse(JSON.parse(readFileSync(routing, 'utf8')));
    const file = path.join(dir, m.graph);
    return { graph: loadGraphCache(file), from: 'cache', cacheFile: file };
  }
  const manifest = CityPackManifestSchema.parse(
    JSON.parse(readFileSync(path.join(dir, 'pack.json'), 'utf8')),
  );
  const roadsFile = path.join(dir, manifest.files.roads);
  const tag = createHash('sha1').update(path.resolve(dir)).digest('hex').slice(0, 8);
  const cacheFile = path.join(
    opts.cacheDir ?? path.join(os.tmpdir(), 'dispatch-routing'),
    `${manifest.id}-${tag}.graph`,
  );
  if (existsSync(cacheFile) && statSync(cacheFile).mtimeMs >= statSync(roadsFile).mtimeMs) {
    try {
      return { graph: loadGraphCache(cacheFile), from: 'cache', cacheFile };
    } catch (err) {
      if (!(err instanceof GraphCacheError)) throw err; // stale format: rebuild below
    }
  }
  opts.progress?.('read', 0);
  const raw = parseRoads(JSON.parse(readFileSync(roadsFile, 'utf8')), manifest.files.roads);
  const graph = buildGraph(raw, opts.progress);
  saveGraphCache(graph, cacheFile);
  return { graph, from: 'built', cacheFile };
}
