/** Runs every benchmark module in sequence. Add a module: import it and append to BENCHES. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runRoutingBench } from './routing';
import { runIngestBench } from './ingest';
import { runCordonBench } from './cordon';
import { runOsmDecodeBench } from './osmDecode';
import { runInventoryImportBench } from './inventoryImport';
import { runScaleBench } from './scale';
import { runPgLogBench } from './pgLog';
import { runStatsBench } from './stats';
import { runAlertToScreenBench } from './alertToScreen';
import { runDbMonthBench } from './dbMonth';
import { runMapFramesBench } from './mapFrames';

const BENCHES: { name: string; run: () => Promise<void> }[] = [
  { name: 'ingest', run: () => runIngestBench() },
  { name: 'osm-decode', run: () => runOsmDecodeBench() },
  { name: 'routing', run: () => runRoutingBench() },
  { name: 'cordon', run: () => runCordonBench() },
  { name: 'inventory-import', run: () => runInventoryImportBench() },
  { name: 'scale', run: () => runScaleBench() },
  { name: 'pg-log', run: () => runPgLogBench() },
  { name: 'stats', run: () => runStatsBench() },
  { name: 'db-month', run: () => runDbMonthBench() },
  // Needs `node scripts/build.mjs` and Chromium; says so and skips otherwise.
  { name: 'alert-to-screen', run: () => runAlertToScreenBench() },
  // Same needs; the large city only when LARGE_CITY_DIR (or /work/bigcity) holds a pack.
  { name: 'map-frames', run: () => runMapFramesBench() },
];

// BENCH_ONLY=alert-to-screen,map-frames runs only the named benches.
const only = process.env['BENCH_ONLY']?.split(',').map((n) => n.trim());
const unknown = only?.filter((n) => !BENCHES.some((b) => b.name === n)) ?? [];
if (unknown.length > 0)
  throw new Error(
    `BENCH_ONLY names no bench ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`,
  );

// A full collection between benches, so that one bench's garbage (the 100,000 cameras of the
// inventory import, the graphs of the routing bench) is not collected inside the next one's timed
// calls: each runs on a heap as when it runs alone. (The flag exposes gc() to new contexts.)
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

for (const b of BENCHES.filter((x) => !only || only.includes(x.name))) {
  collectGarbage();
  const t = performance.now();
  await b.run();
  console.log(`(${b.name}: ${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
}
