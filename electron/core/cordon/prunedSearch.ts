/**
 * The per-unit search of the pruned police ETAs (policeEtas.ts): a forward Dijkstra from a unit's
 * seeds that settles every node it reaches but expands only the nodes from which some point can
 * still be reached within its need bound (the pruning potential R).
 */
import type { RoadGraph } from '../../../node/routing';
import { heapPop as pop, heapPush as push } from '../../../node/routing';
import type { SettledLog } from './settledLog';
import { edgeWeights } from './localGraph';

/** Seconds of slack in the pruning test; far above float rounding, far below any real difference. */
export const PRUNE_MARGIN = 1e-3;

const prunedSearches = new WeakMap<RoadGraph, PrunedSearch>();

/** One search state per graph (its arrays are graph-sized; generation stamps make reuse free). */
export function prunedSearchFor(g: RoadGraph): PrunedSearch {
  let s = prunedSearches.get(g);
  if (!s) prunedSearches.set(g, (s = new PrunedSearch(g)));
  return s;
}

/**
 * Forward Dijkstra from a unit's seeds that settles every node it reaches but expands only nodes
 * that pass the pruning test. Binary heap with lazy deletion, generation-stamped arrays reused
 * across the units of one analysis.
 */
export class PrunedSearch {
  /** Distances, valid where stamp[v] === gen (read by fillRowFast). */
  readonly d: Float64Array;
  readonly stamp: Uint32Array;
  gen = 0;
  /** The nodes the last run settled, in order: settled[0 .. count). */
  readonly settled: Int32Array;
  count = 0;
  /** Reached nodes where R is Infinity (run). */
  private readonly outside: Int32Array;
  private heapNode: Int32Array;
  private heapKey: Float64Array;

  constructor(private readonly g: RoadGraph) {
    this.d = new Float64Array(g.nodeCount);
    this.stamp = new Uint32Array(g.nodeCount);
    this.settled = new Int32Array(g.nodeCount);
    this.outside = new Int32Array(g.nodeCount);
    this.heapNode = new Int32Array(g.edgeTarget.length + 8);
    this.heapKey = new Float64Array(g.edgeTarget.length + 8);
  }

  dist(v: number): number {
    return this.stamp[v] === this.gen ? this.d[v]! : Infinity;
  }

  /** Returns nothing: read the result through dist() until the next run. */
  run(
    w: Float64Array,
    s: { seedNodes: number[]; seedCosts: number[] },
    maxCost: number,
    r: Float64Array,
    shift: number,
    /** Appends each settled node and its distance (room reserved by the caller). */
    log: SettledLog | null = null,
  ): null {
    const { firstEdge, edgeTarget } = this.g;
    const we = edgeWeights(this.g, w, false);
    const { d, stamp, heapNode, heapKey, settled, outside } = this;
    if (this.gen === 0xfffffffe) {
      stamp.fill(0);
      this.gen = 0;
    }
    const gen = ++this.gen;
    const logNodes = log?.nodes;
    const logDists = log?.dists;
    let logged = log?.length ?? 0;
    let size = 0;
    let count = 0;
    // Nodes where R is Infinity can never pass the test: they are settled at their least
    // distance without going through the heap, and listed after the others.
    let outsideCount = 0;
    for (let i = 0; i < s.seedNodes.length; i++) {
      const v = s.seedNodes[i]!;
      const c = s.seedCosts[i]!;
      if (!(c <= maxCost) || (stamp[v] === gen && d[v]! <= c)) continue;
      if (stamp[v] !== gen && r[v] === Infinity) outside[outsideCount++] = v;
      stamp[v] = gen;
      d[v] = c;
      if (r[v] !== Infinity) size = push(heapNode, heapKey, size, v, c);
    }
    while (size > 0) {
      const v = heapNode[0]!;
      const dv = heapKey[0]!;
      size = pop(heapNode, heapKey, size);
      if (dv > d[v]!) continue; // stale entry
      settled[count++] = v;
      if (logNodes) {
        logNodes[logged] = v;
        logDists![logged++] = dv;
      }
      if (dv + r[v]! - shift > PRUNE_MARGIN) continue; // settled, but leads to no bound in time
      for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
        const nd = dv + we[e]!;
        if (nd > maxCost) continue; // also skips Infinity (closed direction)
        const u = edgeTarget[e]!;
        if (stamp[u] !== gen) {
          stamp[u] = gen;
          if (r[u] === Infinity) outside[outsideCount++] = u;
        } else if (nd >= d[u]!) continue;
        d[u] = nd;
        if (r[u] !== Infinity) size = push(heapNode, heapKey, size, u, nd);
      }
    }
    for (let i = 0; i < outsideCount; i++) {
      const v = outside[i]!;
      settled[count++] = v;
      if (logNodes) {
        logNodes[logged] = v;
        logDists![logged++] = d[v]!;
      }
    }
    if (log) log.length = logged;
    this.count = count;
    return null;
  }

  /**
   * A reverse search from the seeds up to maxCost, its distances written straight into `out`
   * (Infinity where not reached): the engine's search over the same sums, without copying a
   * graph-sized result out of it for each pruning potential.
   */
  reverseInto(
    w: Float64Array,
    seedNodes: number[],
    seedCosts: number[],
    maxCost: number,
    out: Float64Array,
  ): void {
    const { firstEdge, edgeTarget } = this.g;
    const we = edgeWeights(this.g, w, true); // against the edges: travel towards the seeds
    if (seedNodes.length + edgeTarget.length + 8 > this.heapNode.length) {
      this.heapNode = new Int32Array(seedNodes.length + edgeTarget.length + 8);
      this.heapKey = new Float64Array(this.heapNode.length);
    }
    const { heapNode, heapKey } = this;
    out.fill(Infinity);
    let size = 0;
    for (let i = 0; i < seedNodes.length; i++) {
      const v = seedNodes[i]!;
      const c = seedCosts[i]!;
      if (!(c <= maxCost) || out[v]! <= c) continue;
      out[v] = c;
      size = push(heapNode, heapKey, size, v, c);
    }
    while (size > 0) {
      const v = heapNode[0]!;
      const dv = heapKey[0]!;
      size = pop(heapNode, heapKey, size);
      if (dv > out[v]!) continue; // stale entry
      for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
        const nd = dv + we[e]!;
        if (nd > maxCost) continue; // also skips Infinity (closed direction)
        const u = edgeTarget[e]!;
        if (nd >= out[u]!) continue;
        out[u] = nd;
        size = push(heapNode, heapKey, size, u, nd);
      }
    }
  }
}
