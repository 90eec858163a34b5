/**
 * OSM PBF decoding on the largest extract (Heidelberg, 2.5 MB): our decoder (osmPbf.ts) against the
 * osm-read package, both collecting every node and way with tags, alternated in one process so that
 * machine load hits both alike; plus ours with the importer's tag pre-filter. Prints the ratio that
 * decides which one the importer uses (docs/routing.md). `npx tsx bench/osmDecode.ts` or bench/main.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeOsmPbf } from '../node/routing/osmPbf';
import { carWayAttributes } from '../node/routing/osmImport';
import { SHARED_DATA_DIR } from '../tests/unit/sharedData';
import { decodeWithOsmRead } from '../tests/unit/osmReadDecode';

const PBF = path.join(SHARED_DATA_DIR, 'osm', 'heidelberg.osm.pbf');
const ROUNDS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Our decoder, keeping what osm-read's callbacks hand over (every node; ways with refs and tags). */
function decodeOwn(filterRoads: boolean): { nodes: number; ways: number } {
  let nodes = 0;
  let ways = 0;
  decodeOsmPbf(readFileSync(PBF), {
    nodes: (_ids, _lng, _lat, count) => void (nodes += count),
    wantWay: filterRoads ? (tags) => carWayAttributes(tags) !== null : undefined,
    way: () => void ways++,
  });
  return { nodes, ways };
}

export async function runOsmDecodeBench(log: (line: string) => void = console.log): Promise<void> {
  log(
    `# OSM PBF decode (heidelberg, ${(readFileSync(PBF).length / 1e6).toFixed(1)} MB), median of ${ROUNDS}`,
  );
  const own: number[] = [];
  const ownFiltered: number[] = [];
  const lib: number[] = [];
  let counts = '';
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const a = decodeOwn(false);
    own.push(performance.now() - t);
    t = performance.now();
    decodeOwn(true);
    ownFiltered.push(performance.now() - t);
    t = performance.now();
    const b = await decodeWithOsmRead(PBF);
    lib.push(performance.now() - t);
    counts = `${a.nodes} / ${b.ids.length} nodes, ${a.ways} / ${b.ways.length} ways`;
  }
  log(`counts own / osm-read: ${counts}`);
  log(
    `own decoder (all ways): ${median(own).toFixed(0)} ms | with road pre-filter (import path): ${median(ownFiltered).toFixed(0)} ms`,
  );
  log(
    `osm-read 0.7 (all ways): ${median(lib).toFixed(0)} ms | ratio osm-read / own ×${(median(lib) / median(own)).toFixed(1)}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runOsmDecodeBench();
