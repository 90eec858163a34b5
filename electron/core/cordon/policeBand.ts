/**
 * Upper bounds V_j on the best police time to each race point (policeEtas.ts needs b_j ≥ the true
 * best time; any real path's cost will do, a tighter one prunes more), searched only where they
 * can come from. bestBounds (policeBounds.ts) runs a multi-source search from the fleet until
 * every point's end nodes are settled: on a large city with 500 units around a 20-minute ring 1
 * that is the whole graph, for each weighting.
 *
 * Here, per distinct weighting (fastest first; a slower one only for points still unbounded):
 *  1. a reverse search from the points up to BANDS[0] seconds marks the band around them;
 *  2. a multi-source forward search from the units expands only nodes in the band (a unit's
 *     fastest path to point j runs within V_j of j, so it lies in the band when V_j ≤ the band),
 *     and stops once its frontier has passed every point's best time so far — a point is settled
 *     for good when nothing cheaper can still arrive.
 * Points left without a bound (no unit reaches them inside the band) are searched again in the
 * next, wider band, and after the last from bestBounds' plain search, for those points only.
 * The band is measured from each point's nearer end node: a point 20 km along a 45 km motorway
 * piece used to fall through both bands to the plain search (a whole-city search per analysis).
 * A narrower first band is cheaper here but gives looser bounds, which cost more in the per-unit
 * searches. Nodes popped per large-city analysis, all searches together (5 / 10 / 20 minutes):
 * 300 s 78k / 122k / 337k, 240 s — / 108k / —, 180 s 59k / 99k / 326k, 120 s 53k / — / 604k
 * (the per-unit searches grow fastest; since e-bikes borrow the car's potential, policeEtas.ts).
 */
import type { RoadGraph, Router } from '../../../node/routing';
import { heapPop as pop, heapPush as push } from '../../../node/routing';
import type { UnitType } from '../../../shared/domain/unit';
import { seeds, timeToPoint, type RoadPoint } from './race';
import { bestBounds, canonicalWeights, usable, type Placed } from './policeBounds';
import { edgeWeights } from './localGraph';

/** Band half-widths (s), widened for the points that got no bound from a narrower band. */
const BANDS = [180, 600];

/**
 * `need[j]`: a bound at or below it is as good as the exact best (policeEtas.ts bounds by
 * max(deadline, V_j), so below the deadline V_j no longer matters); -Infinity where it always does.
 */
export function bandedBestBounds(
  router: Router,
  /** The graph to search: router.graph or its local renumbering (localGraph.ts); only bounds leave. */
  g: RoadGraph,
  byType: ReadonlyMap<UnitType, Placed[]>,
  points: readonly RoadPoint[],
  horizon: number,
  need: ArrayLike<number>,
): Float64Array {
  const groups = new Map<Float64Array, { kmh: number; list: Placed[] }>();
  for (const [type, list] of byType) {
    const w = canonicalWeights(router, router.weights[type]);
    let e = groups.get(w);
    if (!e) groups.set(w, (e = { kmh: 0, list: [] }));
    e.kmh = Math.max(e.kmh, router.profiles[type].maxKmh);
    e.list.push(...list);
  }
  const best = new Float64Array(points.length).fill(Infinity);
  const search = bandSearchFor(g);
  let first = true;
  for (const [w, { list }] of [...groups].sort(([, a], [, b]) => b.kmh - a.kmh)) {
    // A slower weighting only for the points the faster ones left without a bound: any bound will
    // do, and the per-unit searches find a slower unit that beats it anyway.
    let open = points
      .map((_, j) => j)
      .filter((j) => usable(w, points[j]!.piece) && (first || best[j] === Infinity));
    first = false;
    if (open.length === 0) continue;
    // Units standing on a point's piece reach it along the piece (as timeToPoint with an origin).
    const onPiece = new Map<number, number[]>();
    for (const j of open) {
      const l = onPiece.get(points[j]!.piece);
      if (l) l.push(j);
      else onPiece.set(points[j]!.piece, [j]);
    }
    for (const p of list)
      for (const j of onPiece.get(p.snap.piece) ?? []) {
        const t = timeToPoint(g, () => Infinity, w, points[j]!, { snap: p.snap, off: p.off });
        if (t <= horizon && t < best[j]!) best[j] = t;
      }
    for (const band of BANDS) {
      search.run(w, list, points, open, band, horizon, best, need);
      open = open.filter((j) => best[j] === Infinity);
      if (open.length === 0) break;
    }
  }
  // Points no unit reached inside the band: the plain search, for them alone.
  const missing = points.map((_, j) => j).filter((j) => best[j] === Infinity);
  if (missing.length > 0) {
    const more = bestBounds(
      router,
      byType,
      missing.map((j) => points[j]!),
      horizon,
    );
    missing.forEach((j, k) => (best[j] = more[k]!));
  }
  return best;
}

const searches = new WeakMap<RoadGraph, BandSearch>();

function bandSearchFor(g: RoadGraph): BandSearch {
  let s = searches.get(g);
  if (!s) searches.set(g, (s = new BandSearch(g)));
  return s;
}

/** Forward multi-source Dijkstra confined to a band, with per-point early stop. */
class BandSearch {
  private readonly d: Float64Array;
  private readonly stamp: Uint32Array;
  private readonly endStamp: Uint32Array;
  private readonly endFirst: Int32Array;
  /** Reverse distances of the band, valid where bandStamp[v] === gen. */
  private readonly band: Float64Array;
  private readonly bandStamp: Uint32Array;
  private gen = 0;
  private readonly heapNode: Int32Array;
  private readonly heapKey: Float64Array;

  constructor(private readonly g: RoadGraph) {
    this.d = new Float64Array(g.nodeCount);
    this.stamp = new Uint32Array(g.nodeCount);
    this.endStamp = new Uint32Array(g.nodeCount);
    this.endFirst = new Int32Array(g.nodeCount);
    this.band = new Float64Array(g.nodeCount);
    this.bandStamp = new Uint32Array(g.nodeCount);
    this.heapNode = new Int32Array(g.edgeTarget.length + 4 * g.nodeCount + 64);
    this.heapKey = new Float64Array(this.heapNode.length);
  }

  /** Lowers best[j] for the open points, to the units' fastest times within the band. */
  run(
    w: Float64Array,
    list: readonly Placed[],
    points: readonly RoadPoint[],
    open: readonly number[],
    bandSeconds: number,
    horizon: number,
    best: Float64Array,
    need: ArrayLike<number>,
  ): void {
    const g = this.g;
    // The band: nodes within bandSeconds of some open point.
    const bandSeeds: number[] = [];
    const bandCosts: number[] = [];
    // Per end node, the points it leads to and the cost along the piece: a small CSR.
    const ends: number[] = [];
    for (const j of open) {
      const pt = points[j]!;
      const p = pt.piece;
      const f = pt.length > 0 ? pt.offset / pt.length : 0;
      const ca = f * w[2 * p]!;
      const cb = (1 - f) * w[2 * p + 1]!;
      if (ca < Infinity) ends.push(g.pieceFrom[p]!, j, ca);
      if (cb < Infinity) ends.push(g.pieceTo[p]!, j, cb);
      // The band is measured from the point's nearer end: a point far along a long piece (a
      // motorway between junctions 40 km apart) would otherwise leave the band before its ends.
      // band[v] stays a lower bound on the time from v to an open point, which the pruning needs.
      let near = Math.min(ca < Infinity ? ca : Infinity, cb < Infinity ? cb : Infinity); // NaN: closed
      if (near === Infinity) near = 0;
      bandSeeds.push(g.pieceFrom[p]!, g.pieceTo[p]!);
      bandCosts.push(ca - near, cb - near);
    }
    if (++this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.endStamp.fill(0);
      this.bandStamp.fill(0);
      this.gen = 1;
    }
    const gen = this.gen;
    this.markBand(w, bandSeeds, bandCosts, bandSeconds, gen);
    // End nodes → their entries in `ends` (node, point, cost triples), as linked lists per node.
    const { d, stamp, heapNode, heapKey, endStamp, endFirst, band, bandStamp } = this;
    const next = new Int32Array(ends.length / 3);
    for (let k = 0; k < ends.length; k += 3) {
      const v = ends[k]!;
      next[k / 3] = endStamp[v] === gen ? endFirst[v]! : -1;
      endStamp[v] = gen;
      endFirst[v] = k;
    }
    let size = 0;
    for (const p of list) {
      const s = seeds(g, p.snap, w, p.off);
      for (let i = 0; i < 2; i++) {
        const v = s.seedNodes[i]!;
        const c = s.seedCosts[i]!;
        if (!(c <= horizon) || (stamp[v] === gen && d[v]! <= c)) continue;
        if (bandStamp[v] !== gen && endStamp[v] !== gen) continue; // would do nothing when popped
        stamp[v] = gen;
        d[v] = c;
        size = push(heapNode, heapKey, size, v, c);
      }
    }
    const { firstEdge, edgeTarget } = g;
    const we = edgeWeights(g, w, false);
    // The largest best time of the open points still above their need (Infinity while one has
    // none): nothing arriving later can lower any of them, so the frontier stops there, and a node v whose distance plus its
    // band distance (a lower bound to every point) reaches it is not expanded. Kept a little
    // stale between recomputations: a larger limit prunes less, never wrongly.
    let limit = maxOf(best, need, open);
    let lowered = false;
    let pops = 0;
    while (size > 0) {
      const v = heapNode[0]!;
      const dv = heapKey[0]!;
      size = pop(heapNode, heapKey, size);
      if (dv > d[v]!) continue; // stale
      if (dv >= limit || (lowered && (++pops & 63) === 0)) {
        limit = maxOf(best, need, open);
        lowered = false;
        if (dv >= limit) break;
      }
      if (endStamp[v] === gen)
        for (let k = endFirst[v]!; k >= 0; k = next[k / 3]!) {
          const t = dv + ends[k + 2]!;
          const j = ends[k + 1]!;
          if (t <= horizon && t < best[j]!) {
            best[j] = t;
            lowered = true;
          }
        }
      // Settled, but outside the band or too far to lower any point's best: not expanded.
      if (bandStamp[v] !== gen || dv + band[v]! >= limit) continue;
      for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
        const nd = dv + we[e]!;
        if (nd > horizon) continue; // also skips Infinity (closed direction)
        const u = edgeTarget[e]!;
        // Outside the band and no point's end: popping it would neither lower a point nor expand.
        if (bandStamp[u] !== gen && endStamp[u] !== gen) continue;
        if (stamp[u] !== gen) stamp[u] = gen;
        else if (nd >= d[u]!) continue;
        d[u] = nd;
        size = push(heapNode, heapKey, size, u, nd);
      }
    }
  }
  /** Reverse Dijkstra from the seeds up to maxCost: stamps the nodes it reaches (the band). */
  private markBand(
    w: Float64Array,
    seedNodes: number[],
    seedCosts: number[],
    maxCost: number,
    gen: number,
  ): void {
    const { firstEdge, edgeTarget } = this.g;
    const we = edgeWeights(this.g, w, true); // against the edges: travel towards the seeds
    const { band, bandStamp, heapNode, heapKey } = this;
    let size = 0;
    for (let i = 0; i < seedNodes.length; i++) {
      const v = seedNodes[i]!;
      const c = seedCosts[i]!;
      if (!(c <= maxCost) || (bandStamp[v] === gen && band[v]! <= c)) continue;
      bandStamp[v] = gen;
      band[v] = c;
      size = push(heapNode, heapKey, size, v, c);
    }
    while (size > 0) {
      const v = heapNode[0]!;
      const dv = heapKey[0]!;
      size = pop(heapNode, heapKey, size);
      if (dv > band[v]!) continue; // stale
      for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
        const nd = dv + we[e]!;
        if (nd > maxCost) continue;
        const u = edgeTarget[e]!;
        if (bandStamp[u] !== gen) bandStamp[u] = gen;
        else if (nd >= band[u]!) continue;
        band[u] = nd;
        size = push(heapNode, heapKey, size, u, nd);
      }
    }
  }
}

/** The largest best time of the open points not yet at or below their need (-Infinity: none). */
function maxOf(best: Float64Array, need: ArrayLike<number>, open: readonly number[]): number {
  let m = -Infinity;
  for (const j of open) if (best[j]! > m && best[j]! > need[j]!) m = best[j]!;
  return m;
}
