/**
 * Fast engine: Dijkstra over the CSR typed arrays with a preallocated binary heap (parallel
 * Int32/Float64 arrays, lazy deletion) and generation-stamped distance arrays, so a query touches
 * only the nodes it reaches and allocates nothing proportional to the graph: resetting is a
 * counter increment, not a fill of N entries.
 */
import type { RoadGraph } from './graph';
import type { SearchEngine, SearchQuery, SearchResult } from './search';
import { heapPop as pop, heapPush as push } from './typedHeap';

export class FastEngine implements SearchEngine {
  readonly name = 'fast' as const;
  private readonly dist: Float64Array;
  private readonly pred: Int32Array;
  private readonly metres: Float64Array;
  private tracked = false;
  /** dist/pred of node v are valid for this query iff stamp[v] === gen. */
  private readonly stamp: Uint32Array;
  private readonly targetStamp: Uint32Array;
  private gen = 0;
  private heapNode: Int32Array;
  private heapKey: Float64Array;
  private readonly result: { -readonly [K in keyof SearchResult]: SearchResult[K] };

  constructor(private readonly g: RoadGraph) {
    const n = g.nodeCount;
    this.dist = new Float64Array(n);
    this.pred = new Int32Array(n);
    this.metres = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.targetStamp = new Uint32Array(n);
    // Lazy deletion pushes at most once per successful relaxation: ≤ edges + seeds.
    const cap = g.edgeTarget.length + 64;
    this.heapNode = new Int32Array(cap);
    this.heapKey = new Float64Array(cap);
    // One result object for the engine's lifetime; it reads the live arrays.
    this.result = {
      dist: (v) => (this.stamp[v] === this.gen ? this.dist[v]! : Infinity),
      pred: (v) => (this.stamp[v] === this.gen ? this.pred[v]! : -1),
      metres: (v) => (!this.tracked ? NaN : this.stamp[v] === this.gen ? this.metres[v]! : Infinity),
      settled: 0,
    };
  }

  run(q: SearchQuery): SearchResult {
    const { firstEdge, edgeTarget, edgeRef } = this.g;
    const { dist, pred, stamp, targetStamp, metres } = this;
    const pieceLength = this.g.pieceLength;
    const track = (this.tracked = q.trackMetres === true);
    const w = q.weights;
    const flip = q.reverse ? 1 : 0;
    const maxCost = q.maxCost;
    const stop = q.stop;
    if (++this.gen === 0xffffffff) this.resetStamps();
    const gen = this.gen;
    let size = 0;
    if (q.seedNodes.length + this.g.edgeTarget.length + 1 > this.heapNode.length)
      this.growHeap(q.seedNodes.length);
    let heapNode = this.heapNode;
    let heapKey = this.heapKey;

    let remaining = -1;
    if (q.targets) {
      remaining = 0;
      for (let i = 0; i < q.targets.length; i++) {
        const t = q.targets[i]!;
        if (targetStamp[t] !== gen) {
          targetStamp[t] = gen;
          remaining++;
        }
      }
    }
    for (let i = 0; i < q.seedNodes.length; i++) {
      const v = q.seedNodes[i]!;
      const c = q.seedCosts[i]!;
      if (!(c <= maxCost)) continue;
      if (stamp[v] === gen && dist[v]! <= c) continue;
      stamp[v] = gen;
      dist[v] = c;
      pred[v] = -1;
      metres[v] = q.seedMetres?.[i] ?? 0;
      size = push(heapNode, heapKey, size, v, c);
    }

    let settled = 0;
    while (size > 0) {
      const v = heapNode[0]!;
      const d = heapKey[0]!;
      size = pop(heapNode, heapKey, size);
      if (d > dist[v]!) continue; // stale entry
      settled++;
      if (remaining > 0 && targetStamp[v] === gen) {
        targetStamp[v] = gen - 1; // count each target once
        if (--remaining === 0) break;
      }
      if (stop !== undefined && stop(v, d)) break;
      for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
        const ref = edgeRef[e]! ^ flip;
        const nd = d + w[ref]!;
        if (nd > maxCost) continue; // also skips Infinity (closed direction)
        const u = edgeTarget[e]!;
        if (stamp[u] !== gen) {
          stamp[u] = gen;
        } else if (nd >= dist[u]!) continue;
        dist[u] = nd;
        pred[u] = ref;
        if (track) metres[u] = metres[v]! + pieceLength[ref >> 1]!;
        if (size === heapNode.length) {
          this.growHeap(size);
          heapNode = this.heapNode;
          heapKey = this.heapKey;
        }
        size = push(heapNode, heapKey, size, u, nd);
      }
    }
    this.result.settled = settled;
    return this.result;
  }

  private resetStamps(): void {
    this.stamp.fill(0);
    this.targetStamp.fill(0);
    this.gen = 1;
  }

  private growHeap(extra: number): void {
    const cap = this.heapNode.length * 2 + extra;
    const n = new Int32Array(cap);
    n.set(this.heapNode);
    const k = new Float64Array(cap);
    k.set(this.heapKey);
    this.heapNode = n;
    this.heapKey = k;
  }
}
