/**
 * Cordon benchmark on the demo city: all three rings, incident near the centre, 600 s elapsed,
 * 39 units at home; p50/p99 over 30 random incidents (target < 100 ms). `npx tsx bench/cordon.ts`
 * or via bench/main.ts. The first call also builds the cached rings 2/3 and the road-name index.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCityPack, DEMO_PACK_RELATIVE } from '../electron/core/citypack/loadCityPack';
import { loadPackGraph, Router } from '../electron/core/routing/index';
import { prng } from '../electron/core/routing/testGraphs';
import { analyseCordon, type CordonAnalysis } from '../electron/core/cordon/index';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function runCordonBench(log: (line: string) => void = console.log): Promise<void> {
  log('# cordon (demo city, rings 1-3, 600 s elapsed, 39 units)');
  const dir = path.resolve(DEMO_PACK_RELATIVE);
  const pack = await loadCityPack(dir);
  const router = new Router(loadPackGraph(dir).graph);
  const units = pack.units.map((u) => ({ id: u.id, type: u.type, lng: u.home.lng, lat: u.home.lat, available: true }));
  const [cx, cy] = pack.manifest.center;
  const rnd = prng(11);
  const run = (lng: number, lat: number): CordonAnalysis =>
    analyseCordon({ router, boundaries: pack.boundaries.features, districts: pack.districts.features, checkpoints: pack.checkpoints, roads: pack.roads.features, incident: { lng, lat }, elapsedSeconds: 600, units });
  let t = performance.now();
  const first = run(cx, cy);
  log(`first call (builds rings 2/3 + name index): ${ms(performance.now() - t)}; crossings ${first.counts.map((c) => `ring ${c.ring} ${c.covered}/${c.total} covered`).join(', ')}; assigned ${first.assignment.length}`);
  const total: number[] = [];
  const stages: Record<string, number[]> = {};
  for (let i = 0; i < 30; i++) {
    // Within ~5 km of the centre.
    const lng = cx + (rnd() - 0.5) * 0.11;
    const lat = cy + (rnd() - 0.5) * 0.09;
    t = performance.now();
    const a = run(lng, lat);
    total.push(performance.now() - t);
    for (const [k, v] of Object.entries(a.timings)) (stages[k] ??= []).push(v);
  }
  log(`analyseCordon p50 / p99: ${ms(pct(total, 0.5))} / ${ms(pct(total, 0.99))} (30 incidents)`);
  log(`  stages p50: ${Object.entries(stages).filter(([k]) => k !== 'totalMs').map(([k, v]) => `${k.replace('Ms', '')} ${ms(pct(v, 0.5))}`).join(', ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runCordonBench();
