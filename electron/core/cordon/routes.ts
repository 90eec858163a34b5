/**
 * The road route of an assigned unit to its crossing. One forward search from the unit, walked
 * back from the end node of the crossing's piece it arrives through.
 *
 * The engine's search with both end nodes as targets runs until the later end is settled; on a
 * large city the far end of a crossing's piece (the next junction of a motorway, a one-way's
 * other end) can lie minutes beyond the near one, and each assigned unit paid that ball. The
 * search here is the engine's Dijkstra step for step (same heap, same relaxation and tie order,
 * so the same predecessors) but stops as soon as the end it will use is known: once one end is
 * settled, the other can only win if it is settled before the search passes the first's time
 * through the piece. The route is the one the engine's search gives (cordon.fast.test.ts).
 */
import type { Position, RoadGraph, Router } from '../../../node/routing';
import { heapPop as pop, heapPush as push } from '../../../node/routing';
import { seeds, timeToPoint, type RaceUnit, type RoadPoint } from './race';

/** Distances and predecessors of the settled nodes of one route search. */
interface RouteTree {
  /** Seconds to v, or Infinity where v was not settled. */
  dist(v: number): number;
  /** Edge ref into v (2·piece + direction), -1 at a seed. */
  pred(v: number): number;
}

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
  const res: RouteTree =
    early && router.engine.name === 'fast'
      ? routeSearchFor(g).run(w, seeds(g, s, w, off), horizon, p, f)
      : router.engine.run({
          weights: w,
          reverse: false,
          ...seeds(g, s, w, off),
          maxCost: horizon,
          targets: [g.pieceFrom[p]!, g.pieceTo[p]!],
        });
  const viaFrom = res.dist(g.pieceFrom[p]!) + f * w[2 * p]!;
  const viaTo = res.dist(g.pieceTo[p]!) + (1 - f) * w[2 * p + 1]!;
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

const routeSearches = new WeakMap<RoadGraph, RouteSearch>();

function routeSearchFor(g: RoadGraph): RouteSearch {
  let s = routeSearches.get(g);
  if (!s) routeSearches.set(g, (s = new RouteSearch(g)));
  return s;
}

/**
 * FastEngine.run's loop (fastEngine.ts) with another stop: distances of unsettled nodes read as
 * Infinity, and the search ends once the point's arrival end is decided. With end a settled at
 * via_a = dist(a) + cost along the piece, the other end b has dist(b) ≥ the next popped key d, so
 * via_b ≥ d: from d ≥ via_from the `from` end wins (unitRoute takes it on a tie), from d > via_to
 * the `to` end does. Both via values' minimum, the only other thing read, is then the settled one.
 */
class RouteSearch implements RouteTree {
  private readonly d: Float64Array;
  private readonly p: Int32Array;
  /** Pushed in this run where stamp === gen; settled where done === gen. */
  private readonly stamp: Uint32Array;
  private readonly done: Uint32Array;
  private gen = 0;
  private heapNode: Int32Array;
  private heapKey: Float64Array;

  constructor(private readonly g: RoadGraph) {
    this.d = new Float64Array(g.nodeCount);
    this.p = new Int32Array(g.nodeCount);
    this.stamp = new Uint32Array(g.nodeCount);
    this.done = new Uint32Array(g.nodeCount);
    this.heapNode = new Int32Array(g.edgeTarget.length + 64);
    this.heapKey = new Float64Array(g.edgeTarget.length + 64);
  }

  dist(v: number): number {
    return this.done[v] === this.gen ? this.d[v]! : Infinity;
  }

  pred(v: number): number {
    return this.stamp[v] === this.gen ? this.p[v]! : -1;
  }

  run(
    w: Float64Array,
    s: { seedNodes: number[]; seedCosts: number[] },
    maxCost: number,
    piece: number,
    f: number,
  ): this {
    const g = this.g;
    const { firstEdge, edgeTarget, edgeRef } = g;
    const { d, p, stamp, done } = this;
    if (++this.gen === 0xffffffff) {
      stamp.fill(0);
      done.fill(0);
      this.gen = 1;
    }
    const gen = this.gen;
    const a = g.pieceFrom[piece]!;
    const b = g.pieceTo[piece]!;
    const ca = f * w[2 * piece]!;
    const cb = (1 - f) * w[2 * piece + 1]!;
    if (s.seedNodes.length + edgeTarget.length + 1 > this.heapNode.length) this.grow(s.seedNodes.length);
    let heapNode = this.heapNode;
    let heapKey = this.heapKey;
    let size = 0;
    for (let i = 0; i < s.seedNodes.length; i++) {
      const v = s.seedNodes[i]!;
      const c = s.seedCosts[i]!;
      if (!(c <= maxCost)) continue;
      if (stamp[v] === gen && d[v]! <= c) continue;
      stamp[v] = gen;
      d[v] = c;
      p[v] = -1;
      size = push(heapNode, heapKey, size, v, c);
    }
    let viaA = Infinity;
    let viaB = Infinity;
    while (size > 0) {
      const v = heapNode[0]!;
      const dv = heapKey[0]!;
      if (dv >= viaA || dv > viaB) break; // the arrival end is decided (see above)
      size = pop(heapNode, heapKey, size);
      if (dv > d[v]!) continue; // stale entry
      done[v] = gen;
      if (v === a) viaA = dv + ca;
      if (v === b) viaB = dv + cb;
      if (done[a] === gen && done[b] === gen) break; // both ends: as the engine's targets
      for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
        const ref = edgeRef[e]!;
        const nd = dv + w[ref]!;
        if (nd > maxCost) continue; // also skips Infinity (closed direction)
        const u = edgeTarget[e]!;
        if (stamp[u] !== gen) stamp[u] = gen;
        else if (nd >= d[u]!) continue;
        d[u] = nd;
        p[u] = ref;
        if (size === heapNode.length) {
          this.grow(size);
          heapNode = this.heapNode;
          heapKey = this.heapKey;
        }
        size = push(heapNode, heapKey, size, u, nd);
      }
    }
    return this;
  }

  private grow(extra: number): void {
    const cap = this.heapNode.length * 2 + extra;
    const n = new Int32Array(cap);
    n.set(this.heapNode);
    const k = new Float64Array(cap);
    k.set(this.heapKey);
    this.heapNode = n;
    this.heapKey = k;
  }
}
