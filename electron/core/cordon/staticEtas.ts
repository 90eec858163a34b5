/**
 * Police ETAs to the crossings of the pack-only rings (2 and 3) from reverse-search tables, for
 * large fleets. A ring 2/3 crossing lies at the city's edge: a forward search per unit to it covers
 * nearly the whole graph, and 500 of them per analysis were most of the large city's cordon time.
 * These crossings depend on the pack alone, so each gets one reverse search per distinct profile
 * weighting (cached per router; the first analysis, run by warmCordonCaches at pack load, builds
 * them). A unit's ETA to such a crossing is then a lookup at its two seed nodes, wherever it stands
 * (moving units included).
 *
 * The sums run from the crossing backwards, so a time may differ from the forward search's in the
 * last bits (~1e-9 s; the analysis rounds to 0.1 s). cordon.static.test.ts compares whole analyses
 * against the reference on the demo city. analyse.ts uses the tables when the fleet is too large
 * for the unit-search memo (UnitSearchMemo.fits), where bitwise replay was not affordable.
 */
import type { RoadGraph, Router } from '../../../node/routing';
import type { UnitType } from '../../../shared/domain/unit';
import { partialCosts } from '../../../node/routing';
import type { RaceUnit, RoadPoint } from './race';
import type { UnitSearchMemo } from './unitSearchMemo';
import { prunedEtaMatrix } from './policeEtas';
import { canonicalWeights } from './policeBounds';
import { etaRows } from './etaRows';
import type { SettledLog } from './settledLog';

const tablesByRouter = new WeakMap<Router, Map<string, Map<Float64Array, Float64Array>>>();

const pointKey = (pt: RoadPoint) => `${pt.piece}|${pt.offset}|${pt.length}`;

/** Seconds from every node to the point (Infinity where it cannot be reached), under weights w. */
function reverseTable(router: Router, w: Float64Array, pt: RoadPoint): Float64Array {
  const g: RoadGraph = router.graph;
  const p = pt.piece;
  const f = pt.length > 0 ? pt.offset / pt.length : 0;
  const res = router.engine.run({
    weights: w,
    reverse: true,
    seedNodes: [g.pieceFrom[p]!, g.pieceTo[p]!],
    seedCosts: [f * w[2 * p]!, (1 - f) * w[2 * p + 1]!],
    maxCost: Infinity,
  });
  const out = new Float64Array(g.nodeCount);
  for (let v = 0; v < g.nodeCount; v++) out[v] = res.dist(v);
  return out;
}

/** The table of one point under the weights of a unit type (built on first use, then kept). */
export function staticTable(router: Router, type: UnitType, pt: RoadPoint): Float64Array {
  let byPoint = tablesByRouter.get(router);
  if (!byPoint) tablesByRouter.set(router, (byPoint = new Map()));
  const w = canonicalWeights(router, router.weights[type]);
  const key = pointKey(pt);
  let m = byPoint.get(key);
  if (!m) byPoint.set(key, (m = new Map()));
  let table = m.get(w);
  if (!table) m.set(w, (table = reverseTable(router, w, pt)));
  return table;
}

/**
 * Fills columns `cols` of the ETA matrix (rows per unit, Infinity where unreachable, above the
 * horizon, or the unit's profile may not use the road) from the tables.
 */
export function staticEtaColumns(
  router: Router,
  units: readonly RaceUnit[],
  points: readonly RoadPoint[],
  cols: readonly number[],
  horizon: number,
  rows: Float64Array[],
): void {
  const g = router.graph;
  // The tables per distinct weighting, looked up once per point rather than once per unit.
  const tables = new Map<Float64Array, (Float64Array | null)[]>();
  const tablesFor = (type: UnitType, w: Float64Array) => {
    const cw = canonicalWeights(router, w);
    let t = tables.get(cw);
    if (!t)
      tables.set(
        cw,
        (t = cols.map((j) => {
          const p = points[j]!.piece;
          return w[2 * p]! < Infinity || w[2 * p + 1]! < Infinity
            ? staticTable(router, type, points[j]!)
            : null;
        })),
      );
    return t;
  };
  units.forEach((u, i) => {
    const s = router.snap(u.lng, u.lat, u.type);
    if (!s) return;
    const w = router.weights[u.type];
    const off = router.offRoadSeconds(s, u.type);
    const pc = partialCosts(s, w);
    const a = g.pieceFrom[s.piece]!;
    const b = g.pieceTo[s.piece]!;
    const ca = off + pc.toStart;
    const cb = off + pc.toEnd;
    const byCol = tablesFor(u.type, w);
    const row = rows[i]!;
    for (let k = 0; k < cols.length; k++) {
      const table = byCol[k];
      if (!table) continue; // may not use this road
      const j = cols[k]!;
      const pt = points[j]!;
      const p = pt.piece;
      let best = Math.min(ca + table[a]!, cb + table[b]!);
      if (s.piece === p && pt.length > 0) {
        const d = (pt.offset - s.offset) / pt.length;
        best = Math.min(best, off + (d >= 0 ? d * w[2 * p]! : -d * w[2 * p + 1]!));
      }
      if (best <= horizon) row[j] = best;
    }
  });
}

/**
 * The race's ETA matrix with the pack-only crossings (`fixed[j]`) from the tables and the others
 * (ring 1, near the incident) from prunedEtaMatrix over just those points.
 */
export function tabledEtaMatrix(
  router: Router,
  units: readonly RaceUnit[],
  points: readonly RoadPoint[],
  fixed: readonly boolean[],
  deadline: ArrayLike<number>,
  horizon: number,
  memo: UnitSearchMemo | null,
  banded = true,
  /** Rows to fill (one per unit, points.length long, all Infinity), else new ones. */
  out?: Float64Array[],
  /** Where the pruned searches keep what they settled (policeEtas.ts, for routes.ts). */
  log: SettledLog | null = null,
): Float64Array[] {
  const rows = out ?? etaRows(units.length, points.length);
  const tabled: number[] = [];
  const searched: number[] = [];
  points.forEach((_, j) => (fixed[j] ? tabled : searched).push(j));
  if (searched.length > 0) {
    // Ring 1 comes first in an analysis: its columns are then filled in place.
    const prefix = searched.every((j, k) => j === k);
    const sub = prunedEtaMatrix(
      router,
      units,
      searched.map((j) => points[j]!),
      searched.map((j) => deadline[j]!),
      horizon,
      memo,
      banded,
      prefix ? rows.map((r) => r.subarray(0, searched.length)) : undefined,
      log,
      searched,
    );
    if (!prefix) sub.forEach((row, i) => searched.forEach((j, k) => (rows[i]![j] = row[k]!)));
  }
  if (tabled.length > 0) staticEtaColumns(router, units, points, tabled, horizon, rows);
  return rows;
}
