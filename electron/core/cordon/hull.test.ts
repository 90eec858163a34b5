/**
 * The filtered hull (hull.ts) is the monotone-chain hull of all points: on random sets with
 * duplicates and collinear runs, and as ring 1 on the demo city against the plain construction
 * (every reachable shape point through index.slice, then convexHull).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PACK_RELATIVE } from '../../../node/citypack/loadCityPack';
import { loadPackGraph } from '../../../node/routing/pack';
import { Router } from '../../../node/routing/router';
import { convexHull } from '../../../node/routing';
import { ownPieceReach, pieceReach, unionIntervals, type Interval } from '../../../node/routing/reach';
import { prng } from '../../../tests/unit/routingGraphs';
import { graphFrame } from './crossings';
import { filteredConvexHull, PointBuffer } from './hull';
import { suspectReach, type SuspectReach } from './race';
import { isochroneRing } from './rings';
import type { SuspectProfile } from './types';

const buffer = (pts: [number, number][]) => {
  const b = new PointBuffer();
  for (const [x, y] of pts) b.push(x, y);
  return b;
};

/** Ring 1 as built before the filter: every reachable point, one array each, then the hull. */
function plainHull(router: Router, reach: SuspectReach, budget: number): [number, number][] {
  const g = router.graph;
  const res = { dist: (v: number) => reach.dist[v]!, pred: () => -1, settled: 0 };
  const pts: [number, number][] = [];
  const iv: Interval[] = [];
  for (let p = 0; p < g.pieceCount; p++) {
    const own = p === reach.snap.piece;
    if (!own && !(reach.dist[g.pieceFrom[p]!]! <= budget) && !(reach.dist[g.pieceTo[p]!]! <= budget))
      continue;
    iv.length = 0;
    pieceReach(g, res, reach.weights, p, budget, true, iv);
    if (own)
      ownPieceReach(
        reach.snap.length,
        reach.snap.offset,
        reach.weights,
        p,
        budget,
        reach.offRoadSeconds,
        true,
        iv,
      );
    for (const [a, b] of unionIntervals(iv)) for (const pt of router.index.slice(p, a, b)) pts.push(pt);
  }
  if (pts.length === 0) pts.push([reach.snap.lng, reach.snap.lat]);
  return convexHull(pts);
}

describe('filtered convex hull', () => {
  it('equals the monotone chain on random sets with duplicates and collinear points', () => {
    const rnd = prng(3);
    for (let k = 0; k < 200; k++) {
      const pts: [number, number][] = [];
      const n = 1 + Math.floor(rnd() * 300);
      for (let i = 0; i < n; i++) {
        const r = rnd();
        if (r < 0.1 && pts.length) pts.push([...pts[Math.floor(rnd() * pts.length)]!]);
        else if (r < 0.3)
          pts.push([112 + Math.round(rnd() * 10) / 10, 35]); // a collinear run on the edge
        else pts.push([112 + rnd(), 35 + rnd() * 0.8]);
      }
      expect(filteredConvexHull(buffer(pts))).toEqual(convexHull(pts));
    }
  });

  let router: Router;
  beforeAll(() => {
    router = new Router(loadPackGraph(path.resolve(DEMO_PACK_RELATIVE)).graph);
  });

  it('ring 1 on the demo city is the same polygon as the plain construction', () => {
    const frame = graphFrame(router.graph);
    const rnd = prng(9);
    for (let k = 0; k < 24; k++) {
      const profile = (['car', 'motorbike', 'foot'] as SuspectProfile[])[k % 3]!;
      const reach = suspectReach(
        router,
        { lng: 112.85 + (rnd() - 0.5) * 0.11, lat: 35.5 + (rnd() - 0.5) * 0.09 },
        profile,
        6 * 3600,
      )!;
      const budget = [60, 300, 900, 2400][k % 4]!;
      const plain = plainHull(router, reach, budget);
      const ring = isochroneRing(router, frame, reach, budget);
      if (plain.length < 4) expect(ring).toBeNull();
      else expect((ring!.geometry as { coordinates: [number, number][][] }).coordinates[0]).toEqual(plain);
    }
  });
});
