/** Runs every benchmark module in sequence. Add a module: import it and append to BENCHES. */
import { spawnSync } from 'node:child_process';
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

// Each bench in a process of its own when more than one runs: one bench's heap, garbage and
// compiled code (the inventory import's 100,000 cameras, the routing graphs) then cannot slow the
// next one's timed calls, which made the large city's cordon p95 at 20 minutes 100-125 ms in the
// full sequence against 78-88 ms alone. The console runs the cordon on a worker thread with a heap
// of its own, so alone is also how it runs there.
const selected = BENCHES.filter((x) => !only || only.includes(x.name));
let failed = 0;
for (const b of selected) {
  const t = performance.now();
  if (selected.length === 1 || process.env['BENCH_IN_PROCESS'] === '1') await b.run();
  else {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
      env: { ...process.env, BENCH_ONLY: b.name },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (child.status !== 0) {
      failed++;
      console.log(`${b.name} failed (exit ${child.status ?? child.signal})`);
    }
    continue; // the child printed its own time
  }
  console.log(`(${b.name}: ${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
}
if (failed > 0) process.exitCode = 1;
