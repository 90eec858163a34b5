/**
 * The road route of an assigned unit to its crossing. One forward search from the unit, walked
 * back from the end node of the crossing's piece it arrives through.
 *
 * The engine's search with both end nodes as targets runs until the later end is settled; on a
 * large city the far end of a crossing's piece (the next junction of a motorway, a one-way's
 * other end) can lie minutes beyond the near one, and each assigned unit paid that ball. The
 * search here is the engine's own, with a stop predicate (SearchQuery.stop) that ends it as soon
 * as the end it will use is known: once one end is settled, the other can only win if it is
 * settled before the search passes the first's time through the piece. The same steps, so the
 * same predecessors: the route is the one the engine's target search gives (routes.test.ts).
 */
import type { Position, Router } from '../../../node/routing';
import { seeds, timeToPoint, type RaceUnit, type RoadPoint } from './race';

/**
 * Road route of a unit to a road point (unit position → … → point), or undefined. `early`
 * (default): the search stops once the arrival end is known; false: the engine's target search.
 */
export function unitRoute(
  router: Router,
  u: RaceUnit,
  pt: RoadPoint,
  horizon: number,
  early = true,
): Position[] | undefined {
  const g = router.graph;
  const ix = router.index;
  const s = router.snap(u.lng, u.lat, u.type);
  if (!s) return undefined;
  const w = router.weights[u.type];
  const off = router.offRoadSeconds(s, u.type);
  const p = pt.piece;
  const f = pt.length > 0 ? pt.offset / pt.length : 0;
  const a = g.pieceFrom[p]!;
  const b = g.pieceTo[p]!;
  const res = router.engine.run({
    weights: w,
    reverse: false,
    ...seeds(g, s, w, off),
    maxCost: horizon,
    targets: [a, b],
    ...(early ? { stop: arrivalDecided(a, b, f * w[2 * p]!, (1 - f) * w[2 * p + 1]!) } : {}),
  });
  const viaFrom = res.dist(a) + f * w[2 * p]!;
  const viaTo = res.dist(b) + (1 - f) * w[2 * p + 1]!;
  const line: Position[] = [[u.lng, u.lat]];
  const add = (pts: Position[]) => {
    for (const q of pts) {
      const last = line[line.length - 1]!;
      if (last[0] !== q[0] || last[1] !== q[1]) line.push(q);
    }
  };
  const direct = s.piece === p ? timeToPoint(g, () => Infinity, w, pt, { snap: s, off }) : Infinity;
  if (direct <= Math.min(viaFrom, viaTo)) {
    add(ix.slice(p, s.offset, pt.offset));
    return line;
  }
  if (!(Math.min(viaFrom, viaTo) < Infinity)) return undefined;
  const end = viaFrom <= viaTo ? g.pieceFrom[p]! : g.pieceTo[p]!;
  // Walk the tree back to a seed (an end node of the unit's piece), then emit forwards.
  const refs: number[] = [];
  let x = end;
  for (let ref = res.pred(x); ref >= 0; ref = res.pred(x)) {
    refs.push(ref);
    x = ref & 1 ? g.pieceTo[ref >> 1]! : g.pieceFrom[ref >> 1]!;
  }
  add(ix.slice(s.piece, s.offset, x === g.pieceFrom[s.piece] ? 0 : s.length));
  for (let i = refs.length - 1; i >= 0; i--) {
    const q = refs[i]! >> 1;
    const len = ix.shapeCum[g.geomOffset[q + 1]! - 1]!;
    add(refs[i]! & 1 ? ix.slice(q, len, 0) : ix.slice(q, 0, len));
  }
  add(ix.slice(p, end === g.pieceFrom[p] ? 0 : pt.length, pt.offset));
  return line;
}

/**
 * The stop rule of a route search to a point on the piece a → b, `ca` / `cb` seconds from each end:
 * with end a settled at via_a = dist(a) + ca, the other end b has dist(b) ≥ the cost d of any node
 * settled after, so via_b ≥ d: from d ≥ via_a the `from` end wins (unitRoute takes it on a tie), from
 * d > via_b the `to` end does. Both via values' minimum, the only other thing read, is then the
 * settled one. (The engine's targets still end the search once both ends are settled.)
 */
function arrivalDecided(a: number, b: number, ca: number, cb: number): (v: number, d: number) => boolean {
  let viaA = Infinity;
  let viaB = Infinity;
  return (v, d) => {
    if (d >= viaA || d > viaB) return true; // decided before this node
    if (v === a) viaA = d + ca;
    if (v === b) viaB = d + cb;
    return false;
  };
}
