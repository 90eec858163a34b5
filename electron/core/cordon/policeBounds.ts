/**
 * Upper bounds V_j on the best police time to each race point, for the pruning in policeEtas.ts
 * (exactness there needs only b_j ≥ the true best time; a loose bound costs pruning, never
 * correctness). One multi-source forward search per distinct weighting (identical weight arrays,
 * car and special by default, share it), fastest first: a slower weighting matters only where it
 * beats the best so far, so its search stops at the largest best time so far.
 *
 * Large fleets: a multi-source search from every unit settles every node within the largest V_j of
 * any unit, i.e. the whole city when 500 units cover it. The points of one analysis (ring 1) lie
 * near the incident, so the search first starts from the units near them (within NEAR_METRES of
 * their bounding box); a minimum over fewer units is still an upper bound. Points with no bound yet
 * (from that search or a faster weighting's) are searched again from all the units.
 */
import type { Router, Snap } from '../../../node/routing';
import { metresPerDegree } from '../../../shared/domain/geo';
import type { UnitType } from '../../../shared/domain/unit';
import { seeds, timeToPoint, type RaceUnit, type RoadPoint } from './race';

/** Margin around the points' bounding box for the first, local search. */
const NEAR_METRES = 2000;

export interface Placed {
  index: number;
  unit: RaceUnit;
  snap: Snap;
  off: number;
}

const canonical = new WeakMap<Router, Map<Float64Array, Float64Array>>();

function sameArray(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** One representative per set of identical weight arrays (kept per router). */
export function canonicalWeights(router: Router, w: Float64Array): Float64Array {
  let m = canonical.get(router);
  if (!m) canonical.set(router, (m = new Map()));
  let c = m.get(w);
  if (!c) {
    c = w;
    for (const [other, canon] of m)
      if (other === canon && sameArray(other, w)) {
        c = canon;
        break;
      }
    m.set(w, c);
  }
  return c;
}

/**
 * Whether weighting a is nowhere slower than b: a[k] ≤ b[k] for every piece direction (Infinity
 * where closed, so a opens every direction b opens). Then a path's cost under a is at most its cost
 * under b, sum for sum (float addition is monotone), and a search's times under a are lower bounds
 * of those under b. Foot patrols walk one-way streets both ways: no car weighting is faster there.
 */
export function fasterEverywhere(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!(a[k]! <= b[k]!)) return false;
  return true;
}

const faster = new WeakMap<Router, Map<Float64Array, Map<Float64Array, boolean>>>();

/** fasterEverywhere, kept per router and pair of weight arrays (a scan of every piece direction). */
export function cachedFasterEverywhere(router: Router, a: Float64Array, b: Float64Array): boolean {
  let byA = faster.get(router);
  if (!byA) faster.set(router, (byA = new Map()));
  let m = byA.get(a);
  if (!m) byA.set(a, (m = new Map()));
  let r = m.get(b);
  if (r === undefined) m.set(b, (r = fasterEverywhere(a, b)));
  return r;
}

export const usable = (w: Float64Array, piece: number) =>
  w[2 * piece]! < Infinity || w[2 * piece + 1]! < Infinity;

export function bestBounds(
  router: Router,
  byType: ReadonlyMap<UnitType, Placed[]>,
  points: readonly RoadPoint[],
  horizon: number,
): Float64Array {
  const g = router.graph;
  const groups = new Map<Float64Array, { kmh: number; list: Placed[] }>();
  for (const [type, list] of byType) {
    const w = canonicalWeights(router, router.weights[type]);
    let e = groups.get(w);
    if (!e) groups.set(w, (e = { kmh: 0, list: [] }));
    e.kmh = Math.max(e.kmh, router.profiles[type].maxKmh);
    e.list.push(...list);
  }
  // The points' bounding box, widened: units inside start the first search.
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const pt of points)
    for (const v of [g.pieceFrom[pt.piece]!, g.pieceTo[pt.piece]!]) {
      x0 = Math.min(x0, g.nodeLng[v]!);
      x1 = Math.max(x1, g.nodeLng[v]!);
      y0 = Math.min(y0, g.nodeLat[v]!);
      y1 = Math.max(y1, g.nodeLat[v]!);
    }
  const m = metresPerDegree((y0 + y1) / 2);
  const dx = NEAR_METRES / m.mx;
  const dy = NEAR_METRES / m.my;
  const near = (p: Placed) =>
    p.unit.lng >= x0 - dx && p.unit.lng <= x1 + dx && p.unit.lat >= y0 - dy && p.unit.lat <= y1 + dy;

  const best = new Float64Array(points.length).fill(Infinity);
  const fastestFirst = [...groups].sort(([, a], [, b]) => b.kmh - a.kmh);
  for (const [w, { list }] of fastestFirst) {
    let bound = -Infinity;
    points.forEach((pt, j) => {
      if (usable(w, pt.piece)) bound = Math.max(bound, best[j]!);
    });
    if (bound === -Infinity) continue; // this weighting may use none of the roads
    bound = Math.min(bound, horizon);
    const local = list.filter(near);
    const open = points.map((_, j) => j).filter((j) => usable(w, points[j]!.piece));
    if (local.length > 0 && local.length < list.length) {
      searchFrom(router, w, local, points, open, bound, horizon, best);
      // A point with a bound already (from this search or a faster weighting) needs no other.
      open.splice(0, open.length, ...open.filter((j) => best[j] === Infinity));
    }
    if (open.length > 0) searchFrom(router, w, list, points, open, bound, horizon, best);
  }
  return best;
}

/** One multi-source search; lowers best[j] for the open points. */
function searchFrom(
  router: Router,
  w: Float64Array,
  list: readonly Placed[],
  points: readonly RoadPoint[],
  open: readonly number[],
  bound: number,
  horizon: number,
  best: Float64Array,
): void {
  const g = router.graph;
  const seedNodes: number[] = [];
  const seedCosts: number[] = [];
  for (const p of list) {
    const s = seeds(g, p.snap, w, p.off);
    seedNodes.push(...s.seedNodes);
    seedCosts.push(...s.seedCosts);
  }
  // Only the end nodes a point can be reached from: an end behind a one-way may never settle.
  const targets: number[] = [];
  for (const j of open) {
    const p = points[j]!.piece;
    if (w[2 * p]! < Infinity) targets.push(g.pieceFrom[p]!);
    if (w[2 * p + 1]! < Infinity) targets.push(g.pieceTo[p]!);
  }
  const res = router.engine.run({
    weights: w,
    reverse: false,
    seedNodes,
    seedCosts,
    maxCost: bound,
    targets,
  });
  const onPiece = new Map<number, Placed[]>();
  for (const p of list) {
    const l = onPiece.get(p.snap.piece);
    if (l) l.push(p);
    else onPiece.set(p.snap.piece, [p]);
  }
  for (const j of open) {
    const pt = points[j]!;
    let t = timeToPoint(g, (v) => res.dist(v), w, pt);
    for (const p of onPiece.get(pt.piece) ?? [])
      t = Math.min(
        t,
        timeToPoint(g, () => Infinity, w, pt, { snap: p.snap, off: p.off }),
      );
    if (t <= horizon && t < best[j]!) best[j] = t;
  }
}
