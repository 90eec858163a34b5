/**
 * The fast scans (fastScans, the default: ring 1's hull and the crossings skip cells of pieces
 * that cannot matter, pieceCells.ts; the police bounds are searched in a band, policeBand.ts) give
 * the analyses of the full scans: the same rings, crossings, gaps, statuses, police and suspect
 * times, best units, assignments and routes. On the demo city with its own fleet and with ~500
 * units (the large-fleet tables path), and on real roads (the Monaco OSM extract) with ring 1
 * from the suspect's reach, at 0 to 20 minutes after the report; some cases also against the
 * reference per-unit searches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCordon } from '../../../tests/unit/cordonSetup';
import { osmGraph, prng } from '../../../tests/unit/routingGraphs';
import { Router } from '../../../node/routing/router';
import type { Router as RouterType } from '../../../node/routing';
import type { CityPack } from '../../../shared/citypack/schema';
import { analyseCordon, type CordonInput, type CordonUnit } from './analyse';
import { cellsInsideReach, pieceCells } from './pieceCells';
import { suspectReach } from './race';
import type { CordonAnalysis } from './types';
import { convexHull } from '../../../node/routing';

/** Whether p lies strictly inside a counter-clockwise convex polygon (closed or not). */
function strictlyInside(hull: [number, number][], p: [number, number]): boolean {
  const n =
    hull[0]![0] === hull[hull.length - 1]![0] && hull[0]![1] === hull[hull.length - 1]![1]
      ? hull.length - 1
      : hull.length;
  let sign = 0;
  for (let i = 0; i < n; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % n]!;
    const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    if (cross === 0) return false;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return n >= 3;
}

const ELAPSED = [0, 300, 600, 1200];
const withoutTimings = (a: CordonAnalysis) => ({ ...a, timings: null });
/** What the officer acts on, spelled out so a failure names it. */
const gaps = (a: CordonAnalysis) =>
  a.crossings
    .filter((c) => !c.covered)
    .map((c) => [c.id, c.status, c.suspectSeconds, c.policeSeconds, c.bestUnitId]);

function expectSame(inp: CordonInput): CordonAnalysis {
  const full = analyseCordon({ ...inp, fastScans: false });
  const fast = analyseCordon({ ...inp, fastScans: true });
  expect(gaps(fast)).toEqual(gaps(full));
  expect(fast.assignment.map((x) => [x.unitId, x.crossingId, x.etaSeconds])).toEqual(
    full.assignment.map((x) => [x.unitId, x.crossingId, x.etaSeconds]),
  );
  expect(withoutTimings(fast)).toEqual(withoutTimings(full));
  return fast;
}

describe('fast scans on the demo city', () => {
  let pack: CityPack;
  let router: RouterType;
  let home: CordonUnit[];
  beforeAll(async () => {
    ({ pack, router, home } = await loadDemoCordon());
  });
  const input = (incident: { lng: number; lat: number }, elapsedSeconds: number, units: CordonUnit[]) => ({
    router,
    boundaries: pack.boundaries.features,
    districts: pack.districts.features,
    checkpoints: pack.checkpoints,
    roads: pack.roads.features,
    incident,
    elapsedSeconds,
    units,
  });

  it('skip cells inside a 20-minute reach: the fast path is taken', () => {
    const [lng, lat] = pack.manifest.center;
    const reach = suspectReach(router, { lng, lat }, 'car', 6 * 3600)!;
    const g = router.graph;
    const skip = cellsInsideReach(g, reach, 1200);
    const { cellOf } = pieceCells(g);
    // Pieces skipped although reached: their cells lie inside the reach's hull.
    let inside = 0;
    for (let p = 0; p < g.pieceCount; p++)
      if (
        skip[cellOf[p]!] === 1 &&
        Math.min(reach.dist[g.pieceFrom[p]!]!, reach.dist[g.pieceTo[p]!]!) <= 1200
      )
        inside++;
    expect(inside).toBeGreaterThan(100);
  });

  it('skip only cells without a reached node or strictly inside the hull of the reached nodes, at any budget', () => {
    // The skip is built once per reach and read at each budget (the panel re-analyses with a
    // growing budget): a skipped cell with a node within the budget must lie strictly inside the
    // hull of the nodes within that budget, else a vertex of ring 1 could be lost.
    const g = router.graph;
    const { cellOf, box } = pieceCells(g);
    const [lng, lat] = pack.manifest.center;
    for (const at of [
      { lng, lat },
      { lng: lng + 0.03, lat: lat - 0.02 },
    ]) {
      const reach = suspectReach(router, at, 'car', 6 * 3600)!;
      for (const budget of [60, 180, 300, 600]) {
        const skip = cellsInsideReach(g, reach, budget);
        const reached: [number, number][] = [];
        const touched = new Set<number>();
        for (let v = 0; v < g.nodeCount; v++) {
          if (!(reach.dist[v]! <= budget)) continue;
          reached.push([g.nodeLng[v]!, g.nodeLat[v]!]);
          for (let e = g.firstEdge[v]!; e < g.firstEdge[v + 1]!; e++)
            touched.add(cellOf[g.edgeRef[e]! >> 1]!);
        }
        const hull = convexHull(reached);
        let inside = 0;
        for (let k = 0; k < skip.length; k++) {
          if (!touched.has(k)) {
            expect(skip[k], `cell ${k}: no node within ${budget} s`).toBe(1);
            continue;
          }
          if (skip[k] === 0) continue;
          inside++;
          const corners: [number, number][] = [
            [box[4 * k]!, box[4 * k + 1]!],
            [box[4 * k + 2]!, box[4 * k + 1]!],
            [box[4 * k + 2]!, box[4 * k + 3]!],
            [box[4 * k]!, box[4 * k + 3]!],
          ];
          for (const c of corners) expect(strictlyInside(hull, c), `cell ${k} at ${budget} s`).toBe(true);
        }
        if (budget === 600) expect(inside).toBeGreaterThan(0);
      }
    }
  });

  it('give the same analyses with the home fleet and with ~500 units, 0 to 20 minutes', () => {
    const rnd = prng(61);
    const [cx, cy] = pack.manifest.center;
    const fleet: CordonUnit[] = [];
    for (let k = 0; k < 12; k++)
      for (const u of home)
        fleet.push({
          ...u,
          id: `${u.id}-${k}`,
          lng: u.lng + (rnd() - 0.5) * 0.1,
          lat: u.lat + (rnd() - 0.5) * 0.08,
        });
    expect(fleet.length).toBeGreaterThan(400);
    let ring1 = 0;
    let assigned = 0;
    for (let i = 0; i < 8; i++) {
      const incident = { lng: cx + (rnd() - 0.5) * 0.11, lat: cy + (rnd() - 0.5) * 0.09 };
      const elapsed = ELAPSED[i % 4]!;
      const a = expectSame(input(incident, elapsed, i < 4 ? home : fleet));
      ring1 += a.crossings.filter((c) => c.ring === 1).length;
      assigned += a.assignment.length;
      if (i % 4 === 3) {
        // And both as the reference per-unit searches have it.
        const reference = analyseCordon({
          ...input(incident, elapsed, i < 4 ? home : fleet),
          unitSearches: 'fresh',
          policeSearch: 'reference',
        });
        expect(withoutTimings(a)).toEqual(withoutTimings(reference));
      }
    }
    expect(ring1).toBeGreaterThan(50);
    expect(assigned).toBeGreaterThan(10);
  }, 240_000);
});

describe('fast scans on real roads (Monaco OSM)', () => {
  const router = new Router(osmGraph('monaco'));
  const g = router.graph;

  it('give the same ring 1, crossings and race with a 300-unit fleet, 0 to 20 minutes', () => {
    const rnd = prng(62);
    // Units on random nodes (as if on patrol), of every type.
    const types = ['car', 'special', 'ebike', 'foot'] as const;
    const units: CordonUnit[] = Array.from({ length: 300 }, (_, k) => {
      const v = Math.floor(rnd() * g.nodeCount);
      return { id: `u${k}`, type: types[k % 4]!, lng: g.nodeLng[v]!, lat: g.nodeLat[v]!, available: true };
    });
    let crossings = 0;
    for (let i = 0; i < 8; i++) {
      const v = Math.floor(rnd() * g.nodeCount);
      const a = expectSame({
        router,
        boundaries: [],
        checkpoints: [],
        incident: { lng: g.nodeLng[v]! + 1e-4, lat: g.nodeLat[v]! },
        elapsedSeconds: ELAPSED[i % 4]! / 4, // Monaco is small: a 5-minute reach leaves it
        suspectProfile: i % 2 ? 'foot' : 'car',
        units: units.slice(0, i < 4 ? 40 : 300),
        options: { rings: [1] },
      });
      crossings += a.crossings.length;
    }
    expect(crossings).toBeGreaterThan(20);
  }, 120_000);
});
