/**
 * Cordon benchmark on the demo city: all three rings, incident near the centre, 600 s elapsed,
 * 39 units; p50/p99 over 30 random incidents (target < 100 ms). `npx tsx bench/cordon.ts` or via
 * bench/main.ts. The first call also builds the cached rings 2/3 and the road-name index.
 * Five variants run interleaved in one process (same load). The reference police searches
 * (race.ts, one per unit to every crossing): baseline, every unit searched afresh; ref-cold, the
 * police-search memo with every unit moved a little before each incident (each lookup misses);
 * ref-warm, the memo with units where they were. The pruned searches (policeEtas.ts, the default):
 * pruned-cold, units moved (the live case); pruned-warm, units parked (the memo keeps them).
 * Ratios are against the baseline; pruned-cold is also given against ref-cold.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCityPack, DEMO_PACK_RELATIVE } from '../node/citypack/loadCityPack';
import { loadPackGraph, Router } from '../node/routing/index';
import { prng } from '../tests/unit/routingGraphs';
import { analyseCordon, type CordonAnalysis, type CordonUnit } from '../electron/core/cordon/index';
import { graphFrame } from '../electron/core/cordon/crossings';
import { suspectReach } from '../electron/core/cordon/race';
import { isochroneRing } from '../electron/core/cordon/rings';
import { convexHull } from '../node/routing';
import { ownPieceReach, pieceReach, unionIntervals, type Interval } from '../node/routing/reach';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function runCordonBench(log: (line: string) => void = console.log): Promise<void> {
  log('# cordon (demo city, rings 1-3, 600 s elapsed, 39 units)');
  const dir = path.resolve(DEMO_PACK_RELATIVE);
  const pack = await loadCityPack(dir);
  const router = new Router(loadPackGraph(dir).graph);
  const home: CordonUnit[] = pack.units.map((u) => ({
    id: u.id,
    type: u.type,
    lng: u.home.lng,
    lat: u.home.lat,
    available: true,
  }));
  const [cx, cy] = pack.manifest.center;
  const rnd = prng(11);
  const run = (
    lng: number,
    lat: number,
    units: CordonUnit[],
    unitSearches: 'memo' | 'fresh',
    policeSearch: 'pruned' | 'reference' = 'reference',
  ): CordonAnalysis =>
    analyseCordon({
      router,
      boundaries: pack.boundaries.features,
      districts: pack.districts.features,
      checkpoints: pack.checkpoints,
      roads: pack.roads.features,
      incident: { lng, lat },
      elapsedSeconds: 600,
      units,
      unitSearches,
      policeSearch,
    });
  let t = performance.now();
  const first = run(cx, cy, home, 'fresh');
  log(
    `first call (builds rings 2/3 + name index): ${ms(performance.now() - t)}; crossings ${first.counts.map((c) => `ring ${c.ring} ${c.covered}/${c.total} covered`).join(', ')}; assigned ${first.assignment.length}`,
  );
  const names = ['baseline', 'ref-cold', 'ref-warm', 'pruned-cold', 'pruned-warm'] as const;
  const variants = Object.fromEntries(
    names.map((n) => [n, { total: [] as number[], stages: {} as Record<string, number[]> }]),
  ) as Record<(typeof names)[number], { total: number[]; stages: Record<string, number[]> }>;
  run(cx, cy, home, 'memo'); // fills the memo for units at home
  for (let k = 0; k < 2; k++) run(cx, cy, home, 'memo', 'pruned'); // the pruned path keeps a position seen twice
  let differ = 0;
  for (let i = 0; i < 30; i++) {
    // Within ~5 km of the centre.
    const lng = cx + (rnd() - 0.5) * 0.11;
    const lat = cy + (rnd() - 0.5) * 0.09;
    // Cold: every unit a few metres from anywhere it stood before, so each search is a miss.
    const moved = home.map((u) => ({ ...u, lng: u.lng + (i + 1) * 1e-5, lat: u.lat + (i + 1) * 1e-5 }));
    // The same moves mirrored for the pruned path, so it finds nothing ref-cold kept in the memo.
    const movedToo = home.map((u) => ({ ...u, lng: u.lng + (i + 1) * 1e-5, lat: u.lat - (i + 1) * 1e-5 }));
    const cases = [
      ['baseline', moved, 'fresh', 'reference'],
      ['ref-cold', moved, 'memo', 'reference'],
      ['ref-warm', home, 'memo', 'reference'],
      ['pruned-cold', movedToo, 'memo', 'pruned'],
      ['pruned-warm', home, 'memo', 'pruned'],
    ] as const;
    const out: Partial<Record<(typeof names)[number], string>> = {};
    for (const [name, units, mode, police] of cases) {
      t = performance.now();
      const a = run(lng, lat, units, mode, police);
      out[name] = JSON.stringify({ ...a, timings: null });
      const v = variants[name];
      v.total.push(performance.now() - t);
      for (const [k, x] of Object.entries(a.timings)) (v.stages[k] ??= []).push(x);
    }
    const reference = JSON.stringify({ ...run(lng, lat, movedToo, 'fresh', 'reference'), timings: null }); // untimed
    if (out['pruned-cold'] !== reference || out['pruned-warm'] !== out['ref-warm']) differ++;
  }
  const base = variants.baseline;
  ring1Bench(router, cx, cy, log);
  const ratio = (v: { total: number[] }, of: { total: number[] }, name: string) =>
    `×${(pct(v.total, 0.5) / pct(of.total, 0.5)).toFixed(2)} / ×${(pct(v.total, 0.99) / pct(of.total, 0.99)).toFixed(2)} of ${name}`;
  log(`pruned analyses differing from the reference: ${differ} of 30 (must be 0)`);
  for (const [name, v] of Object.entries(variants)) {
    const vs =
      name === 'baseline'
        ? ''
        : ` (${ratio(v, base, 'baseline')}${name === 'pruned-cold' ? `; ${ratio(v, variants['ref-cold'], 'ref-cold')}` : ''})`;
    log(
      `analyseCordon ${name} p50 / p99: ${ms(pct(v.total, 0.5))} / ${ms(pct(v.total, 0.99))}${vs} (30 incidents)`,
    );
    log(
      `  stages p50: ${Object.entries(v.stages)
        .filter(([k]) => k !== 'totalMs')
        .map(([k, x]) => `${k.replace('Ms', '')} ${ms(pct(x, 0.5))}`)
        .join(', ')}`,
    );
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
    const reach = suspectReach(
      router,
      { lng: cx + (rnd() - 0.5) * 0.11, lat: cy + (rnd() - 0.5) * 0.09 },
      'car',
      6 * 3600,
    )!;
    let t = performance.now();
    const res = { dist: (v: number) => reach.dist[v]!, pred: () => -1, settled: 0 };
    const pts: [number, number][] = [];
    const iv: Interval[] = [];
    for (let p = 0; p < g.pieceCount; p++) {
      if (
        p !== reach.snap.piece &&
        !(reach.dist[g.pieceFrom[p]!]! <= 600) &&
        !(reach.dist[g.pieceTo[p]!]! <= 600)
      )
        continue;
      iv.length = 0;
      pieceReach(g, res, reach.weights, p, 600, true, iv);
      if (p === reach.snap.piece)
        ownPieceReach(
          reach.snap.length,
          reach.snap.offset,
          reach.weights,
          p,
          600,
          reach.offRoadSeconds,
          true,
          iv,
        );
      for (const [a, b] of unionIntervals(iv)) for (const pt of router.index.slice(p, a, b)) pts.push(pt);
    }
    convexHull(pts);
    plain.push(performance.now() - t);
    t = performance.now();
    isochroneRing(router, frame, reach, 600);
    filtered.push(performance.now() - t);
  }
  log(
    `ring 1 hull (600 s car reach) p50: plain ${ms(pct(plain, 0.5))}, filtered ${ms(pct(filtered, 0.5))} (×${(pct(filtered, 0.5) / pct(plain, 0.5)).toFixed(2)}; filtered includes the polygon's ring line)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runCordonBench();
