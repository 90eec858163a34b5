/** `pack build --osm FILE.pbf [--boundary FILE.geojson] --out DIR`: OSM extract → routing graph dir. */
import { readFileSync } from 'node:fs';
import { importOsmPbf, writeRoutingDir, type OsmImportOptions } from '../../core/routing/index';
import { requireOption, optionalOption, UsageError } from '../args';
import type { CliCommand } from './types';

type Boundary = NonNullable<OsmImportOptions['boundary']>;

/** Accepts a Polygon/MultiPolygon geometry, Feature or FeatureCollection (all polygons merged). */
export function readBoundary(file: string): Boundary {
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
  usage: 'pack build --osm FILE.osm.pbf [--boundary FILE.geojson] --out DIR',
  summary: 'import an OSM extract into a routing graph directory (roads.graph + routing.json)',
  async run(args, io) {
    const osm = requireOption(args, 'osm');
    const out = requireOption(args, 'out');
    const boundaryFile = optionalOption(args, 'boundary');
    const t0 = performance.now();
    let lastStage = '';
    const graph = importOsmPbf(osm, {
      boundary: boundaryFile ? readBoundary(boundaryFile) : undefined,
      progress: (stage, f) => {
        if (stage !== lastStage || f === 1) io.stderr(`[pack build] ${stage} ${Math.round(f * 100)}%\n`);
        lastStage = stage;
      },
    });
    const manifest = writeRoutingDir(graph, out);
    io.stderr(`[pack build] ${manifest.nodes} nodes, ${manifest.pieces} road pieces, ${manifest.km} km in ${Math.round(performance.now() - t0)} ms → ${out}\n`);
    return 0;
  },
};
