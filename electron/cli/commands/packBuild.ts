/**
 * `pack build --osm FILE.pbf [--boundary FILE.geojson] --out DIR [--id ID] [--name NAME] [--adcode CODE]`:
 * OSM extract → a city pack the console loads (routing graph, roads, boundary, empty rosters).
 */
import { readFileSync } from 'node:fs';
import { buildCityPackFromOsm, type PackBoundary } from '../../core/citypack/buildFromOsm';
import { requireOption, optionalOption, UsageError } from '../args';
import type { CliCommand } from './types';

/** Accepts a Polygon/MultiPolygon geometry, Feature or FeatureCollection (all polygons merged). */
export function readBoundary(file: string): PackBoundary {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { type: string; geometry?: unknown; features?: { geometry: unknown }[] };
  const geoms = (json.type === 'FeatureCollection' ? (json.features ?? []).map((f) => f.geometry) : [json.type === 'Feature' ? json.geometry : json]) as {
    type: string;
    coordinates: unknown;
  }[];
  const polys: number[][][][] = [];
  for (const g of geoms) {
    if (g?.type === 'Polygon') polys.push(g.coordinates as number[][][]);
    else if (g?.type === 'MultiPolygon') polys.push(...(g.coordinates as number[][][][]));
  }
  if (polys.length === 0) throw new UsageError(`${file}: no Polygon or MultiPolygon found`);
  return { type: 'MultiPolygon', coordinates: polys };
}

export const packBuildCommand: CliCommand = {
  path: ['pack', 'build'],
  usage: 'pack build --osm FILE.osm.pbf [--boundary FILE.geojson] --out DIR [--id ID] [--name NAME] [--adcode CODE]',
  summary: 'build a city pack from an OSM extract (routing graph, roads, boundary, pack.json)',
  async run(args, io) {
    const osm = requireOption(args, 'osm');
    const out = requireOption(args, 'out');
    const boundaryFile = optionalOption(args, 'boundary');
    const adcode = optionalOption(args, 'adcode');
    if (adcode !== undefined && !/^\d{6}$/.test(adcode)) throw new UsageError(`--adcode must be 6 digits, got "${adcode}"`);
    const id = optionalOption(args, 'id');
    if (id !== undefined && !/^[a-z0-9-]+$/.test(id)) throw new UsageError(`--id must match [a-z0-9-]+, got "${id}"`);
    const t0 = performance.now();
    let shown = '';
    const res = buildCityPackFromOsm({
      osmFile: osm,
      outDir: out,
      boundary: boundaryFile ? readBoundary(boundaryFile) : undefined,
      id,
      name: optionalOption(args, 'name'),
      adcode,
      progress: (stage, f) => {
        // One line per stage and per 10 % step, so a long decode visibly advances.
        const line = `${stage} ${10 * Math.floor(f * 10)}%`;
        if (line !== shown) io.stderr(`[pack build] ${line}\n`);
        shown = line;
      },
    });
    const r = res.routing;
    io.stderr(
      `[pack build] ${r.nodes} nodes, ${r.pieces} road pieces, ${r.km} km; ${res.roads} roads, boundary from ${res.boundaryFrom}; pack "${res.manifest.id}" in ${Math.round(performance.now() - t0)} ms → ${out}\n`,
    );
    return 0;
  },
};
