/**
 * Cordon benchmark on the demo city: all three rings, incident near the centre, 600 s elapsed,
 * 39 units; p50/p99 over 30 random incidents (target < 100 ms). `npx tsx bench/cordon.ts` or via
 * bench/main.ts. The first call also builds the cached rings 2/3 and the road-name index.
 * Three variants run interleaved in one process (same load): the baseline searching every unit
 * afresh, the police-search memo with units where they were (parked: the memo's warm case), and
 * the memo with every unit moved a little before each incident (its cold case).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCityPack, DEMO_PACK_RELATIVE } from '../electron/core/citypack/loadCityPack';
import { loadPackGraph, Router } from '../electron/core/routing/index';
import { prng } from '../electron/core/routing/testGraphs';
import { analyseCordon, type CordonAnalysis, type CordonUnit } from '../electron/core/cordon/index';
import { graphFrame } from '../electron/core/cordon/crossings';
import { suspectReach } from '../electron/core/cordon/race';
import { isochroneRing } from '../electron/core/cordon/rings';
import { convexHull } from '../electron/core/routing/geo';
import { ownPieceReach, pieceReach, unionIntervals, type Interval } from '../electron/core/routing/reach';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function runCordonBench(log: (line: string) => void = console.log): Promise<void> {
  log('# cordon (demo city, rings 1-3, 600 s elapsed, 39 units)');
  const dir = path.resolve(DEMO_PACK_RELATIVE);
  const pack = await loadCityPack(dir);
  const router = new Router(loadPackGraph(dir).graph);
  const home: CordonUnit[] = pack.units.map((u) => ({ id: u.id, type: u.type, lng: u.home.lng, lat: u.home.lat, available: true }));
  const [cx, cy] = pack.manifest.center;
  const rnd = prng(11);
  const run = (lng: number, lat: number, units: CordonUnit[], unitSearches: 'memo' | 'fresh'): CordonAnalysis =>
    analyseCordon({ router, boundaries: pack.boundaries.features, districts: pack.districts.features, checkpoints: pack.checkpoints, roads: pack.roads.features, incident: { lng, lat }, elapsedSeconds: 600, units, unitSearches });
  let t = performance.now();
  const first = run(cx, cy, home, 'fresh');
  log(`first call (builds rings 2/3 + name index): ${ms(performance.now() - t)}; crossings ${first.counts.map((c) => `ring ${c.ring} ${c.covered}/${c.total} covered`).join(', ')}; assigned ${first.assignment.length}`);
  const variants = { baseline: { total: [] as number[], stages: {} as Record<string, number[]> }, warm: { total: [] as number[], stages: {} as Record<string, number[]> }, cold: { total: [] as number[], stages: {} as Record<string, number[]> } };
  run(cx, cy, home, 'memo'); // fills the memo for units at home
  for (let i = 0; i < 30; i++) {
    // Within ~5 km of the centre.
    const lng = cx + (rnd() - 0.5) * 0.11;
    const lat = cy + (rnd() - 0.5) * 0.09;
    // Cold: every unit a few metres from anywhere it stood before, so each search is a miss.
    const moved = home.map((u) => ({ ...u, lng: u.lng + (i + 1) * 1e-5, lat: u.lat + (i + 1) * 1e-5 }));
    for (const [name, units, mode] of [['baseline', home, 'fresh'], ['warm', home, 'memo'], ['cold', moved, 'memo']] as const) {
      t = performance.now();
      const a = run(lng, lat, units, mode);
      const v = variants[name];
      v.total.push(performance.now() - t);
      for (const [k, x] of Object.entries(a.timings)) (v.stages[k] ??= []).push(x);
    }
  }
  const base = variants.baseline;
  ring1Bench(router, cx, cy, log);
  for (const [name, v] of Object.entries(variants)) {
    const ratio = name === 'baseline' ? '' : ` (×${(pct(v.total, 0.5) / pct(base.total, 0.5)).toFixed(2)} / ×${(pct(v.total, 0.99) / pct(base.total, 0.99)).toFixed(2)} of baseline)`;
    log(`analyseCordon ${name} p50 / p99: ${ms(pct(v.total, 0.5))} / ${ms(pct(v.total, 0.99))}${ratio} (30 incidents)`);
    log(`  stages p50: ${Object.entries(v.stages).filter(([k]) => k !== 'totalMs').map(([k, x]) => `${k.replace('Ms', '')} ${ms(pct(x, 0.5))}`).join(', ')}`);
  }
}

/**
 * Ring 1's hull, as built before (every reachable shape point as an array, then the monotone
 * chain over all of them) against isochroneRing (flat buffer, octagon filter), same reaches.
 */
function ring1Bench(router: Router, cx: number, cy: number, log: (line: string) => void): void {
  const g = router.graph;
  const frame = graphFrame(g);
  const rnd = prng(12);
  const plain: number[] = [];
  const filtered: number[] = [];
  for (let k = 0; k < 30; k++) {
    const reach = suspectReach(router, { lng: cx + (rnd() - 0.5) * 0.11, lat: cy + (rnd() - 0.5) * 0.09 }, 'car', 6 * 3600)!;
    let t = performance.now();
    const res = { dist: (v: number) => reach.dist[v]!, pred: () => -1, settled: 0 };
    const pts: [number, number][] = [];
    const iv: Interval[] = [];
    for (let p = 0; p < g.pieceCount; p++) {
      if (p !== reach.snap.piece && !(reach.dist[g.pieceFrom[p]!]! <= 600) && !(reach.dist[g.pieceTo[p]!]! <= 600)) continue;
      iv.length = 0;
      pieceReach(g, res, reach.weights, p, 600, true, iv);
      if (p === reach.snap.piece) ownPieceReach(reach.snap.length, reach.snap.offset, reach.weights, p, 600, reach.offRoadSeconds, true, iv);
      for (const [a, b] of unionIntervals(iv)) for (const pt of router.index.slice(p, a, b)) pts.push(pt);
    }
    convexHull(pts);
    plain.push(performance.now() - t);
    t = performance.now();
    isochroneRing(router, frame, reach, 600);
    filtered.push(performance.now() - t);
  }
  log(`ring 1 hull (600 s car reach) p50: plain ${ms(pct(plain, 0.5))}, filtered ${ms(pct(filtered, 0.5))} (×${(pct(filtered, 0.5) / pct(plain, 0.5)).toFixed(2)}; filtered includes the polygon's ring line)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runCordonBench();
