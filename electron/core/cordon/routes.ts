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
 *
 * Most assigned units need no search at all: their pruned police search (policeEtas.ts) already
 * settled the route's nodes at their exact distances, and the engine's predecessors follow from
 * those distances unless two of them tie (keptRoute; on the large city 97 % of the routes at
 * 20 minutes). The rest (ties, ring 2/3 exits, units kept in the memo) still search, once per
 * unit position and point (routeMemos).
 */
import { LRUCache } from 'lru-cache';
import type { Position, RoadGraph, Router, Snap } from '../../../node/routing';
import { seeds, timeToPoint, type RaceUnit, type RoadPoint } from './race';
import type { SettledLog } from './settledLog';

/**
 * The route of assigned unit `unit` (index into the analysis's units) to point `column`: read off
 * its pruned search (keptRoute) where that gives the engine's route, else unitRoute's search.
 */
export function assignedRoute(
  router: Router,
  u: RaceUnit,
  pt: RoadPoint,
  horizon: number,
  early: boolean,
  log: SettledLog | null,
  unit: number,
  column: number,
): Position[] | undefined {
  const kept = log && early ? keptRoute(router, u, pt, log, unit, column) : null;
  if (kept) {
    routeSources.kept++;
    return kept;
  }
  // The rest search, unless the unit stood just there for the last analysis (memoRoute).
  let m = routeMemos.get(router);
  if (!m) routeMemos.set(router, (m = new LRUCache({ max: ROUTE_MEMO_SIZE })));
  const key = `${u.type}|${u.lng}|${u.lat}|${pt.piece}|${pt.offset}|${pt.length}|${horizon}|${early}`;
  const w = router.weights[u.type];
  const hit = m.get(key);
  if (hit && hit.w === w) {
    routeSources.memo++;
    return hit.route;
  }
  routeSources.searched++;
  const route = unitRoute(router, u, pt, horizon, early);
  m.set(key, { w, route });
  return route;
}

/** How many assigned routes were read off logged searches, the memo, and how many searched (tests, bench). */
export const routeSources = { kept: 0, memo: 0, searched: 0 };

/**
 * Searched routes kept per router, keyed by the unit's type and exact position, the point and the
 * horizon, with the weights they were searched on (a new calibration replaces the router's
 * weights): a parked unit sent to the same ring 2/3 exit at the next refresh (15 s later) gets
 * the route it got, which a search from the same snap on the same weights would give again.
 * Least recently used out first.
 */
const routeMemos = new WeakMap<
  Router,
  LRUCache<string, { w: Float64Array; route: Position[] | undefined }>
>();
const ROUTE_MEMO_SIZE = 2048;

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
  const direct = s.piece === p ? timeToPoint(g, () => Infinity, w, pt, { snap: s, off }) : Infinity;
  if (direct <= Math.min(viaFrom, viaTo)) return routeLine(router, u, s, pt, -1, []);
  if (!(Math.min(viaFrom, viaTo) < Infinity)) return undefined;
  const end = viaFrom <= viaTo ? g.pieceFrom[p]! : g.pieceTo[p]!;
  // Walk the tree back to a seed (an end node of the unit's piece).
  const refs: number[] = [];
  for (let ref = res.pred(end), x = end; ref >= 0; ref = res.pred(x)) {
    refs.push(ref);
    x = ref & 1 ? g.pieceTo[ref >> 1]! : g.pieceFrom[ref >> 1]!;
  }
  return routeLine(router, u, s, pt, end, refs);
}

/** The line unit position → seed → tree edges (`refs`, last first) → `end` → point; end -1: along the unit's piece. */
function routeLine(
  router: Router,
  u: RaceUnit,
  s: Snap,
  pt: RoadPoint,
  end: number,
  refs: readonly number[],
): Position[] {
  const g = router.graph;
  const ix = router.index;
  const p = pt.piece;
  const line: Position[] = [[u.lng, u.lat]];
  const add = (pts: Position[]) => {
    for (const q of pts) {
      const last = line[line.length - 1]!;
      if (last[0] !== q[0] || last[1] !== q[1]) line.push(q);
    }
  };
  if (end < 0) {
    add(ix.slice(p, s.offset, pt.offset)); // along the unit's own piece
    return line;
  }
  let x = end;
  if (refs.length > 0) {
    const ref = refs[refs.length - 1]!;
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

const loaded = new WeakMap<RoadGraph, { d: Float64Array; stamp: Uint32Array; gen: number }>();

/**
 * The engine's route from a unit's logged pruned search, or null where it cannot be told from it.
 * Exact distances: the point is reached within its need bound, so every node on a shortest path
 * to it, and every tight predecessor of one (a node x with d(x) + w(x→v) = d(v) lies on such a
 * path too), has its exact distance (policeEtas.ts); a logged distance is never below the true
 * one, so no other node looks tight. The engine's predecessor of v is then known: a seed whose
 * seed cost is d(v) keeps none (a relaxation must be strictly lower), else the tight x settled
 * first, i.e. the one of least d(x) when that is unique. Where the least is shared, the engine's
 * heap order decides: null, and the caller searches.
 */
function keptRoute(
  router: Router,
  u: RaceUnit,
  pt: RoadPoint,
  log: SettledLog,
  unit: number,
  column: number,
): Position[] | null {
  const start = log.from[unit]!;
  const bound = log.bound[column]!;
  if (start < 0 || bound === -Infinity) return null;
  const g = router.graph;
  const s = router.snap(u.lng, u.lat, u.type);
  if (!s) return null;
  const p = pt.piece;
  const w = router.weights[u.type];
  const off = router.offRoadSeconds(s, u.type);
  const seed = seeds(g, s, w, off);

  let l = loaded.get(g);
  if (!l)
    loaded.set(g, (l = { d: new Float64Array(g.nodeCount), stamp: new Uint32Array(g.nodeCount), gen: 0 }));
  if (l.gen === 0xfffffffe) {
    l.stamp.fill(0);
    l.gen = 0;
  }
  const gen = ++l.gen;
  const { d, stamp } = l;
  for (let k = start, end = log.to[unit]!; k < end; k++) {
    stamp[log.nodes[k]!] = gen;
    d[log.nodes[k]!] = log.dists[k]!;
  }
  const dist = (v: number) => (stamp[v] === gen ? d[v]! : Infinity);

  const f = pt.length > 0 ? pt.offset / pt.length : 0;
  const viaFrom = dist(g.pieceFrom[p]!) + f * w[2 * p]!;
  const viaTo = dist(g.pieceTo[p]!) + (1 - f) * w[2 * p + 1]!;
  if (!(Math.min(viaFrom, viaTo) <= bound)) return null; // not a needed point: distances may be high
  // Along the unit's own piece, as unitRoute decides it (the via times are exact here).
  if (s.piece === p && timeToPoint(g, () => Infinity, w, pt, { snap: s, off }) <= Math.min(viaFrom, viaTo))
    return routeLine(router, u, s, pt, -1, []);
  const end = viaFrom <= viaTo ? g.pieceFrom[p]! : g.pieceTo[p]!;

  const { firstEdge, edgeTarget, edgeRef } = g;
  const refs: number[] = [];
  for (let v = end; ;) {
    const dv = d[v]!;
    const seedCost = Math.min(
      seed.seedNodes[0] === v ? seed.seedCosts[0]! : Infinity,
      seed.seedNodes[1] === v ? seed.seedCosts[1]! : Infinity,
    );
    if (seedCost === dv) break;
    let best = -1;
    let bestD = Infinity;
    let shared = false;
    for (let e = firstEdge[v]!, stop = firstEdge[v + 1]!; e < stop; e++) {
      const x = edgeTarget[e]!;
      if (x === v || stamp[x] !== gen) continue;
      const ref = edgeRef[e]! ^ 1; // the edge x → v
      if (d[x]! + w[ref]! !== dv) continue;
      if (d[x]! < bestD) {
        bestD = d[x]!;
        best = ref;
        shared = false;
      } else if (d[x] === bestD) shared = true;
    }
    if (best < 0 || shared || refs.length >= g.nodeCount) return null;
    refs.push(best);
    v = best & 1 ? g.pieceTo[best >> 1]! : g.pieceFrom[best >> 1]!;
  }
  return routeLine(router, u, s, pt, end, refs);
}
