/**
 * Test helpers (imported by *.test.ts only): the real OSM extracts from the shared data folder,
 * imported once per process and cached in os.tmpdir() so repeated test runs load in milliseconds.
 */
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadGraphCache, saveGraphCache } from '../../node/routing/cache';
import { buildGraph } from '../../node/routing/graphBuild';
import { parseRoads } from '../../node/routing/packImport';
import { importOsmPbf } from '../../node/routing/osmImport';
import type { RoadGraph } from '../../node/routing/graph';
import { SHARED_DATA_DIR } from './sharedData';

export const OSM_DIR = path.join(SHARED_DATA_DIR, 'osm');

export function osmGraph(name: 'monaco' | 'heidelberg' | 'columbus-ohio' | 'helsinki-center'): RoadGraph {
  const src = path.join(OSM_DIR, `${name}.osm.pbf`);
  const cache = path.join(os.tmpdir(), 'dispatch-routing-test', `${name}.graph`);
  if (existsSync(cache) && statSync(cache).mtimeMs >= statSync(src).mtimeMs) {
    try {
      return loadGraphCache(cache);
    } catch {
      // stale format: re-import below
    }
  }
  const g = importOsmPbf(src);
  saveGraphCache(g, cache);
  return g;
}

/** Deterministic PRNG (Park–Miller) so failures reproduce. */
export function prng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/**
 * An n × n grid of equal residential pieces, two-way: nearly every node is reached by several
 * paths of the same length, so searches meet ties everywhere (their order is what tests check).
 */
export function tieGrid(n: number): RoadGraph {
  const line = (id: string, a: [number, number], b: [number, number]) => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: [a, b] },
    properties: { id, name: id, class: 'residential', oneway: false },
  });
  const features = [];
  const step = 0.002;
  const c = (i: number) => (i - (n - 1) / 2) * step;
  for (let i = 0; i < n; i++)
    for (let k = 0; k + 1 < n; k++) {
      features.push(line(`h${i}-${k}`, [c(k), c(i)], [c(k + 1), c(i)]));
      features.push(line(`v${i}-${k}`, [c(i), c(k)], [c(i), c(k + 1)]));
    }
  return buildGraph(parseRoads({ type: 'FeatureCollection', features }, 'tie-grid'));
}
