/**
 * An assigned unit's route (routes.ts): the search that stops once the arrival end is known gives
 * the route of the engine's target search, point for point, on real roads (Monaco OSM), on the
 * demo city and on a grid laid out symmetrically about the equator, where many equal-cost paths
 * tie (the tie order must be the engine's).
 */
import { describe, expect, it } from 'vitest';
import { Router } from '../../../node/routing/router';
import { loadPackGraph } from '../../../node/routing';
import { DEMO_DIR } from '../../../tests/unit/cordonSetup';
import { osmGraph, prng, tieGrid } from '../../../tests/unit/routingGraphs';
import type { UnitType } from '../../../shared/domain/unit';
import { assignedRoute, routeSources, unitRoute } from './routes';
import { prunedEtaMatrix } from './policeEtas';
import { scratchSettledLog } from './settledLog';

const grid = (n: number): Router => new Router(tieGrid(n));

/** Routes of random units to random points on random pieces, both ways; returns how many exist. */
function compare(router: Router, seed: number, n: number): number {
  const g = router.graph;
  const rnd = prng(seed);
  const types: UnitType[] = ['car', 'special', 'ebike', 'foot'];
  let found = 0;
  for (let k = 0; k < n; k++) {
    const v = Math.floor(rnd() * g.nodeCount);
    const unit = {
      id: `u${k}`,
      type: types[k % 4]!,
      lng: g.nodeLng[v]! + (rnd() - 0.5) * 1e-4,
      lat: g.nodeLat[v]! + (rnd() - 0.5) * 1e-4,
    };
    const piece = Math.floor(rnd() * g.pieceCount);
    const length = router.index.shapeCum[g.geomOffset[piece + 1]! - 1]!;
    const pt = { piece, offset: [0, length, rnd() * length][k % 3]!, length };
    const early = unitRoute(router, unit, pt, 6 * 3600, true);
    expect(early).toEqual(unitRoute(router, unit, pt, 6 * 3600, false));
    if (early) found++;
  }
  return found;
}

/**
 * Routes read off the pruned police searches (assignedRoute with a log) against the search, for
 * every unit and point: needed points (within a random deadline) come from the log unless
 * predecessors tie, the rest from the search. Returns [kept, searched].
 */
function compareKept(router: Router, seed: number, nUnits: number, nPoints: number): [number, number] {
  const g = router.graph;
  const rnd = prng(seed);
  const types: UnitType[] = ['car', 'special', 'ebike', 'foot'];
  const units = Array.from({ length: nUnits }, (_, k) => {
    const v = Math.floor(rnd() * g.nodeCount);
    const jitter = k % 3 === 0 ? 0 : 1e-4; // some exactly on a node
    return {
      id: `u${k}`,
      type: types[k % 4]!,
      lng: g.nodeLng[v]! + (rnd() - 0.5) * jitter,
      lat: g.nodeLat[v]! + (rnd() - 0.5) * jitter,
    };
  });
  const points = Array.from({ length: nPoints }, (_, k) => {
    const piece = Math.floor(rnd() * g.pieceCount);
    const length = router.index.shapeCum[g.geomOffset[piece + 1]! - 1]!;
    return { piece, offset: [0, length, rnd() * length][k % 3]!, length };
  });
  const deadline = points.map((_, k) => (k % 5 === 0 ? -Infinity : rnd() * 900));
  const horizon = 1800;
  const log = scratchSettledLog(units.length, points.length);
  prunedEtaMatrix(router, units, points, deadline, horizon, null, true, undefined, log);
  const before = { ...routeSources };
  units.forEach((u, i) =>
    points.forEach((pt, j) =>
      expect(assignedRoute(router, u, pt, horizon, true, log, i, j)).toEqual(
        unitRoute(router, u, pt, horizon),
      ),
    ),
  );
  return [routeSources.kept - before.kept, routeSources.searched - before.searched];
}

describe('an assigned unit route read off its pruned police search', () => {
  it('is the engine route on Monaco OSM roads and on the demo city', () => {
    const [kept, searched] = compareKept(new Router(osmGraph('monaco')), 81, 24, 30);
    expect(kept).toBeGreaterThan(50);
    expect(searched).toBeGreaterThan(50);
    expect(compareKept(new Router(loadPackGraph(DEMO_DIR).graph), 82, 24, 30)[0]).toBeGreaterThan(50);
  });

  it('is the engine route on a grid full of equal-cost paths (ties: the search)', () => {
    const [kept, searched] = compareKept(grid(15), 83, 24, 30);
    expect(kept).toBeGreaterThan(20);
    expect(searched).toBeGreaterThan(20);
  });
});

describe('an assigned unit route stopped at its arrival end', () => {
  it('is the engine route on Monaco OSM roads', () => {
    expect(compare(new Router(osmGraph('monaco')), 71, 400)).toBeGreaterThan(300);
  });

  it('is the engine route on the demo city', () => {
    expect(compare(new Router(loadPackGraph(DEMO_DIR).graph), 72, 300)).toBeGreaterThan(250);
  });

  it('is the engine route on a grid full of equal-cost paths', () => {
    const router = grid(15);
    expect(compare(router, 73, 400)).toBeGreaterThan(300);
    // It does tie: from the west end of the equator row, nodes mirrored across it are equally far.
    const g = router.graph;
    const node = (lng: number, lat: number) =>
      Array.from(g.nodeLng).findIndex(
        (x, v) => Math.abs(x - lng) < 1e-9 && Math.abs(g.nodeLat[v]! - lat) < 1e-9,
      );
    const w = router.weights.car;
    const from = node(-0.014, 0);
    const res = router.engine.run({
      weights: w,
      reverse: false,
      seedNodes: [from],
      seedCosts: [0],
      maxCost: Infinity,
    });
    const north = res.dist(node(0.004, 0.006));
    expect(north).toBeGreaterThan(0);
    expect(res.dist(node(0.004, -0.006))).toBe(north);
  });
});

describe('a searched route kept for the unit standing there (routeMemos)', () => {
  it('is the search route again, and searched anew on new weights (a calibration)', () => {
    const router = new Router(loadPackGraph(DEMO_DIR).graph);
    const g = router.graph;
    const rnd = prng(84);
    const types: UnitType[] = ['car', 'special', 'ebike', 'foot'];
    const cases = Array.from({ length: 40 }, (_, k) => {
      const v = Math.floor(rnd() * g.nodeCount);
      const piece = Math.floor(rnd() * g.pieceCount);
      const length = router.index.shapeCum[g.geomOffset[piece + 1]! - 1]!;
      return {
        u: { id: `u${k}`, type: types[k % 4]!, lng: g.nodeLng[v]!, lat: g.nodeLat[v]! + 1e-5 },
        pt: { piece, offset: rnd() * length, length },
      };
    });
    const routes = (): unknown[] =>
      cases.map(({ u, pt }, k) => assignedRoute(router, u, pt, 6 * 3600, true, null, k, k));
    const before = { ...routeSources };
    const first = routes();
    expect(routes()).toEqual(first);
    expect(routeSources.memo - before.memo).toBe(cases.length);
    expect(first).toEqual(cases.map(({ u, pt }) => unitRoute(router, u, pt, 6 * 3600)));
    // Slower cars: new weight arrays, so every route is searched again on them.
    router.setProfiles({ ...router.profiles, car: { ...router.profiles.car, carFactor: 0.5 } });
    const searched = routeSources.searched;
    const again = routes();
    expect(routeSources.searched - searched).toBe(cases.length);
    expect(again).toEqual(cases.map(({ u, pt }) => unitRoute(router, u, pt, 6 * 3600)));
  });
});
