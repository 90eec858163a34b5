/**
 * The police ETA matrix with pruned per-unit searches: the same analysis as unitEtaMatrix (race.ts,
 * the reference) at a fraction of the settled nodes. The race reads a unit's ETA only where it may
 * matter: a gap where it can beat the suspect (eta < suspect time), or a crossing where it is the
 * best unit (eta = the best police time). So each crossing j gets a need bound
 *   b_j = max(suspect time if j is a gap, best police time V_j)
 * and a unit's entry is exact whenever eta ≤ b_j; entries above b_j may come out larger (never
 * smaller: every value is a real path's cost), which changes neither the best unit, its time, the
 * status nor the assignment (analyse.ts reads nothing else).
 *
 * Exactness (bitwise, not approximately):
 * - V_j: one multi-source forward search per unit type, seeded at every unit of that type. Its
 *   distance at a node is the minimum over units of their own left-to-right path sums, i.e. bitwise
 *   min_i dist_i(v); float addition is monotone, so min_i (dist_i(v) + c) = (min_i dist_i(v)) + c.
 *   (Exactness only needs b_j ≥ V_j; a value above V_j would cost pruning, never correctness.)
 * - Pruning: one reverse search per unit type from the crossings, seeded with (shift − b_j + cost
 *   from the end node to the crossing point), gives R(v) = shift + min_j (time v → j − b_j). A unit
 *   search settles v but does not expand it when dist(v) + R(v) − shift > PRUNE_MARGIN: no path
 *   through v reaches any crossing within its bound. Every node on the unit's shortest path to a
 *   needed crossing passes the test (dist(v) + time v → j ≤ eta ≤ b_j), so its distance is exact.
 *   The margin (1 ms) dwarfs the rounding difference between forward and reverse sums (~1e-8 s).
 * cordon.pruned.test.ts compares whole analyses against the reference on random cases.
 */
import type { RoadGraph } from '../../../node/routing';
import type { Router } from '../../../node/routing';
import type { Snap } from '../../../node/routing';
import type { UnitType } from '../../../shared/domain/unit';
import { seeds, timeToPoint, type RaceUnit, type RoadPoint } from './race';
import type { UnitSearchMemo } from './unitSearchMemo';
import { bestBounds, cachedFasterEverywhere, canonicalWeights, usable, type Placed } from './policeBounds';
import { bandedBestBounds } from './policeBand';
import {
  etaRows,
  fillRowFast,
  fillRowSettled,
  pointIndex,
  pointTable,
  type PointIndex,
  type PointTable,
} from './etaRows';
import type { SettledLog } from './settledLog';
import { PRUNE_MARGIN, prunedSearchFor } from './prunedSearch';
import { graphNodes, localGraph } from './localGraph';

/**
 * ETA matrix [unit][point] for the race. `deadline[j]` is the suspect's time to point j when it is
 * a gap the assignment may use (uncovered, reachable), else -Infinity.
 */
export function prunedEtaMatrix(
  router: Router,
  units: readonly RaceUnit[],
  points: readonly RoadPoint[],
  deadline: ArrayLike<number>,
  horizon: number,
  memo: UnitSearchMemo | null = null,
  banded = true,
  /** Rows to fill (one per unit, at least points.length long, all Infinity), else new ones. */
  out?: Float64Array[],
  /** Where to keep each searched unit's settled nodes and the bounds (for routes.ts). */
  log: SettledLog | null = null,
  /** The analysis column of each point (default: the same index), for log.bound. */
  columns?: readonly number[],
): Float64Array[] {
  const g = router.graph;
  const rows = out ?? etaRows(units.length, points.length);
  if (points.length === 0) return rows;
  const byType = new Map<UnitType, Placed[]>();
  const full: (Float64Array | null)[] = units.map(() => null);
  let misses = 0;
  units.forEach((u, index) => {
    const hit = memo?.peek(u, horizon);
    if (hit === null) return; // known off the network
    let snap: Snap | null;
    let off: number;
    if (hit) {
      ({ snap, off } = hit);
      full[index] = hit.dist;
    } else {
      snap = router.snap(u.lng, u.lat, u.type);
      if (!snap) return;
      off = router.offRoadSeconds(snap, u.type);
      misses++;
    }
    let list = byType.get(u.type);
    if (!list) byType.set(u.type, (list = []));
    list.push({ index, unit: u, snap, off });
  });

  // Every unit kept in the memo (all parked): read the rows off, as the reference does.
  if (misses === 0) {
    for (const [type, list] of byType)
      for (const p of list)
        fillRow(router, router.weights[type], p, (v) => full[p.index]![v]!, points, horizon, rows[p.index]!);
    return rows;
  }

  // The searches below run on the graph renumbered for memory locality (localGraph.ts): seeds,
  // potentials and point tables in its numbers, the settled log mapped back for routes.ts.
  const lg = localGraph(g);
  // V_j: an upper bound on the best police time per point (policeBand.ts; banded false: policeBounds.ts).
  const best = banded
    ? bandedBestBounds(router, lg, byType, points, horizon, deadline)
    : bestBounds(router, byType, points, horizon);

  const bound = new Float64Array(points.length);
  let shift = -Infinity;
  for (let j = 0; j < points.length; j++) {
    const b = Math.max(deadline[j]!, best[j]!);
    bound[j] = Number.isFinite(b) ? b : -Infinity; // -Infinity: no unit reaches it, nothing to find
    if (bound[j]! > shift) shift = bound[j]!;
    if (log) log.bound[columns ? columns[j]! : j] = bound[j]!;
  }
  if (shift === -Infinity) return rows;

  const promote = memo?.fits(units.length) === true;
  const search = prunedSearchFor(lg);
  const potentials = new Map<Float64Array, Float64Array>(); // one per weighting that lends it
  const tables = new Map<Float64Array, PointIndex>(); // one per distinct weighting, local numbers
  const memoTables = new Map<Float64Array, PointTable>(); // the same in g's numbers, for the memo's
  const lender = potentialLenders(router, byType);
  for (const [type, list] of byType) {
    const w = router.weights[type];
    const cw = canonicalWeights(router, w);
    const lw = lender.get(cw)!;
    let r = potentials.get(lw);
    if (!r) potentials.set(lw, (r = pruningPotential(lg, lw, points, bound, shift, potentials.size)));
    for (const p of list) {
      const memoDist = full[p.index];
      if (memoDist) {
        let table = memoTables.get(cw);
        if (!table) memoTables.set(cw, (table = pointTable(g, w, points)));
        fillRowFast(table, points, w, p, memoDist, null, 0, horizon, rows[p.index]!);
        continue;
      }
      if (log) {
        log.reserve(g.nodeCount);
        log.from[p.index] = log.length;
      }
      search.run(w, seeds(lg, p.snap, w, p.off), horizon, r, shift, log);
      if (log) toGraphNodes(log.nodes, log.from[p.index]!, (log.to[p.index] = log.length), graphNodes(lg));
      let table = tables.get(cw);
      if (!table) tables.set(cw, (table = pointIndex(lg, w, points, tables.size)));
      fillRowSettled(
        lg,
        table,
        points,
        w,
        p,
        search.d,
        search.stamp,
        search.gen,
        search.settled,
        search.count,
        horizon,
        rows[p.index]!,
      );
      if (!full[p.index] && promote) memo!.noteMiss(p.unit, horizon);
    }
  }
  return rows;
}

/** A unit's ETAs from its distances, exactly as unitEtaMatrix computes them. */
function fillRow(
  router: Router,
  w: Float64Array,
  p: Placed,
  dist: (v: number) => number,
  points: readonly RoadPoint[],
  horizon: number,
  row: Float64Array,
): void {
  points.forEach((pt, j) => {
    if (!usable(w, pt.piece)) return;
    const t = timeToPoint(router.graph, dist, w, pt, { snap: p.snap, off: p.off });
    if (t <= horizon) row[j] = t;
  });
}

/**
 * The weighting whose pruning potential each of the fleet's weightings uses: the fastest one that
 * is nowhere slower than it (policeBounds.ts, fasterEverywhere), else its own. A faster weighting's
 * times to the points are lower bounds of the slower one's, so its potential is too: the slower
 * units' searches prune a little less, and one reverse search is saved (on the large city the
 * ebike potential, 17,000 to 33,000 nodes per analysis at 20 minutes, borrows the car's).
 */
function potentialLenders(
  router: Router,
  byType: ReadonlyMap<UnitType, Placed[]>,
): Map<Float64Array, Float64Array> {
  const kmh = new Map<Float64Array, number>();
  for (const type of byType.keys()) {
    const cw = canonicalWeights(router, router.weights[type]);
    kmh.set(cw, Math.max(kmh.get(cw) ?? 0, router.profiles[type].maxKmh));
  }
  const fastestFirst = [...kmh].sort(([, a], [, b]) => b - a).map(([w]) => w);
  return new Map(
    fastestFirst.map((w) => [w, fastestFirst.find((o) => o === w || cachedFasterEverywhere(router, o, w))!]),
  );
}

/**
 * R(v) = shift + min_j (time from v to point j − bound_j), Infinity where no bound is reachable;
 * indexed by g's nodes (the local graph's, policeEtas).
 */
function pruningPotential(
  g: RoadGraph,
  w: Float64Array,
  points: readonly RoadPoint[],
  bound: Float64Array,
  shift: number,
  slot: number,
): Float64Array {
  const seedNodes: number[] = [];
  const seedCosts: number[] = [];
  points.forEach((pt, j) => {
    if (bound[j] === -Infinity || !usable(w, pt.piece)) return;
    const p = pt.piece;
    const f = pt.length > 0 ? pt.offset / pt.length : 0;
    seedNodes.push(g.pieceFrom[p]!, g.pieceTo[p]!);
    seedCosts.push(shift - bound[j]! + f * w[2 * p]!, shift - bound[j]! + (1 - f) * w[2 * p + 1]!);
  });
  const r = potentialArray(g, slot);
  prunedSearchFor(g).reverseInto(w, seedNodes, seedCosts, shift + 2 * PRUNE_MARGIN, r);
  return r;
}

/** nodes[from .. to) from local numbers to the graph's (the settled log, read by routes.ts). */
function toGraphNodes(nodes: Int32Array, from: number, to: number, ids: Int32Array): void {
  for (let k = from; k < to; k++) nodes[k] = ids[nodes[k]!]!;
}

const potentialArrays = new WeakMap<RoadGraph, Float64Array[]>();

/**
 * The graph-sized array of the analysis's `slot`-th potential, kept for the next analysis: a new
 * 1.2 MB array per weighting per analysis on the large city made the collector run mark-compacts
 * over the whole pack.
 */
function potentialArray(g: RoadGraph, slot: number): Float64Array {
  let list = potentialArrays.get(g);
  if (!list) potentialArrays.set(g, (list = []));
  return (list[slot] ??= new Float64Array(g.nodeCount));
}
