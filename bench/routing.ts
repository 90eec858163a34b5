/**
 * Routing benchmark on the Heidelberg extract: import, cache load, ranking (1 alert vs 200 mixed
 * units, p50/p99 over 500 alerts), 5-min isochrone and coverage — fast vs reference engine in the
 * same process. `npx tsx bench/routing.ts` or via bench/main.ts.
 */
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  importOsmPbf,
  loadGraphCache,
  saveGraphCache,
  Router,
  rankUnits,
  isochrone,
  coverage,
  type RankUnit,
} from '../node/routing/index';
import { prng } from '../tests/unit/routingGraphs';
import { SHARED_DATA_DIR } from '../tests/unit/sharedData';

const PBF = path.join(SHARED_DATA_DIR, 'osm', 'heidelberg.osm.pbf');
const CITY: [number, number, number, number] = [8.62, 49.37, 8.75, 49.44]; // Heidelberg proper

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

export async function runRoutingBench(log: (line: string) => void = console.log): Promise<void> {
  log('# routing (heidelberg)');
  let t = performance.now();
  const g = importOsmPbf(PBF);
  log(`import .osm.pbf: ${ms(performance.now() - t)} (${g.nodeCount} nodes, ${g.pieceCount} pieces)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'routing-bench-'));
  const file = path.join(dir, 'heidelberg.graph');
  saveGraphCache(g, file);
  const loadMs = (f: string) => {
    loadGraphCache(f); // first read warms the page cache, as a restart of the console would find it
    const xs = Array.from({ length: 5 }, () => {
      const t0 = performance.now();
      loadGraphCache(f);
      return performance.now() - t0;
    });
    return pct(xs, 0.5);
  };
  const loaded = loadGraphCache(file);
  log(
    `cache load, largest extract (heidelberg, ${(statSync(file).size / 1e6).toFixed(1)} MB graph): ${ms(loadMs(file))} median of 5 (aim: well under 1 s)`,
  );
  // Columbus makes the largest graph (20k nodes) from a smaller file: report it too.
  const columbus = path.join(dir, 'columbus.graph');
  saveGraphCache(importOsmPbf(path.join(SHARED_DATA_DIR, 'osm', 'columbus-ohio.osm.pbf')), columbus);
  log(
    `cache load, largest graph (columbus-ohio, ${(statSync(columbus).size / 1e6).toFixed(1)} MB graph): ${ms(loadMs(columbus))} median of 5`,
  );
  t = performance.now();
  const fast = new Router(loaded);
  log(`router setup (weights + snap index): ${ms(performance.now() - t)}`);
  const ref = fast.withEngine('reference');

  const rnd = prng(42);
  const nodes: number[] = [];
  for (let v = 0; v < g.nodeCount; v++) {
    const x = g.nodeLng[v]!;
    const y = g.nodeLat[v]!;
    if (x >= CITY[0] && x <= CITY[2] && y >= CITY[1] && y <= CITY[3]) nodes.push(v);
  }
  // Units and alerts sit near roads (within ~25 m), as AVL fixes and geocoded alerts do.
  const point = () => {
    const v = nodes[Math.floor(rnd() * nodes.length)]!;
    return { lng: g.nodeLng[v]! + (rnd() - 0.5) * 0.0006, lat: g.nodeLat[v]! + (rnd() - 0.5) * 0.0004 };
  };
  const types = ['car', 'car', 'ebike', 'foot', 'special'] as const;
  const units: RankUnit[] = Array.from({ length: 200 }, (_, i) => ({
    id: `u${i}`,
    type: types[i % types.length]!,
    ...point(),
  }));
  const alerts = Array.from({ length: 500 }, point);

  const timeRank = (router: Router, n: number) => {
    for (const a of alerts.slice(0, 20)) rankUnits(router, a, units); // warm-up (JIT, snap memo)
    const xs: number[] = [];
    for (const a of alerts.slice(0, n)) {
      const t0 = performance.now();
      rankUnits(router, a, units);
      xs.push(performance.now() - t0);
    }
    return xs;
  };
  const rf = timeRank(fast, 500);
  const rr = timeRank(ref, 100);
  log(
    `rank 1 alert × 200 units (horizon 900 s, 3 searches): fast p50 ${ms(pct(rf, 0.5))} p99 ${ms(pct(rf, 0.99))} | reference p50 ${ms(pct(rr, 0.5))} p99 ${ms(pct(rr, 0.99))} | ratio p50 ×${(pct(rr, 0.5) / pct(rf, 0.5)).toFixed(1)}`,
  );

  const timeIt = (fn: () => void, n: number) => {
    fn();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    return (performance.now() - t0) / n;
  };
  const origin = alerts[0]!;
  const isoF = timeIt(() => isochrone(fast, origin, 300, 'car'), 20);
  const isoR = timeIt(() => isochrone(ref, origin, 300, 'car'), 5);
  log(`isochrone 5 min car: fast ${ms(isoF)} | reference ${ms(isoR)} | ratio ×${(isoR / isoF).toFixed(1)}`);
  const covF = timeIt(() => coverage(fast, units), 5);
  const covR = timeIt(() => coverage(ref, units), 2);
  const cov = coverage(fast, units);
  log(
    `coverage 200 units, tiers 1/3/5 min: fast ${ms(covF)} | reference ${ms(covR)} | ratio ×${(covR / covF).toFixed(1)}`,
  );
  log(
    `  covered share of ${(cov.totalMetres / 1000).toFixed(0)} km: ${cov.tiers.map((x) => `${x.seconds}s ${(100 * x.share).toFixed(1)}%`).join(', ')}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runRoutingBench();
