/**
 * Reference engine: textbook Dijkstra over plain objects (adjacency lists of {to, ref}, a Map of
 * distances, an object binary heap). Deliberately simple so that it is obviously correct; the
 * fast engine is property-tested against it and the benchmark reports both.
 */
import type { RoadGraph } from './graph';
import type { SearchEngine, SearchQuery, SearchResult } from './search';

interface Arc {
  to: number;
  ref: number;
}
interface Entry {
  node: number;
  cost: number;
}

export class ReferenceEngine implements SearchEngine {
  readonly name = 'reference' as const;
  private readonly adj: Arc[][];
  private readonly pieceLength: Float32Array;

  constructor(g: RoadGraph) {
    this.pieceLength = g.pieceLength;
    this.adj = [];
    for (let v = 0; v < g.nodeCount; v++) {
      const arcs: Arc[] = [];
      for (let e = g.firstEdge[v]!; e < g.firstEdge[v + 1]!; e++)
        arcs.push({ to: g.edgeTarget[e]!, ref: g.edgeRef[e]! });
      this.adj.push(arcs);
    }
  }

  run(q: SearchQuery): SearchResult {
    const dist = new Map<number, number>();
    const pred = new Map<number, number>();
    const metres = new Map<number, number>();
    const done = new Set<number>();
    const heap = new MinHeap();
    for (let i = 0; i < q.seedNodes.length; i++) {
      const v = q.seedNodes[i]!;
      const c = q.seedCosts[i]!;
      if (c <= q.maxCost && c < (dist.get(v) ?? Infinity)) {
        dist.set(v, c);
        pred.set(v, -1);
        metres.set(v, q.seedMetres?.[i] ?? 0);
        heap.push({ node: v, cost: c });
      }
    }
    const targets = q.targets ? new Set(Array.from(q.targets)) : undefined;
    while (heap.size > 0) {
      const { node, cost } = heap.pop()!;
      if (done.has(node)) continue;
      done.add(node);
      if (targets) {
        targets.delete(node);
        if (targets.size === 0) break;
      }
      if (q.stop?.(node, cost)) break;
      for (const arc of this.adj[node]!) {
        // Reverse search walks the edge backwards: the cost is that of the opposite direction.
        const ref = q.reverse ? arc.ref ^ 1 : arc.ref;
        const nd = cost + q.weights[ref]!;
        if (nd > q.maxCost || done.has(arc.to)) continue;
        if (nd < (dist.get(arc.to) ?? Infinity)) {
          dist.set(arc.to, nd);
          pred.set(arc.to, ref);
          metres.set(arc.to, metres.get(node)! + this.pieceLength[ref >> 1]!);
          heap.push({ node: arc.to, cost: nd });
        }
      }
    }
    return {
      // Only settled nodes carry final distances; tentative ones beyond an early stop do not.
      dist: (v) => (done.has(v) || (!targets && !q.stop) ? (dist.get(v) ?? Infinity) : Infinity),
      pred: (v) => pred.get(v) ?? -1,
      metres: (v) => (!q.trackMetres ? NaN : (metres.get(v) ?? Infinity)),
      settled: done.size,
    };
  }
}

class MinHeap {
  private readonly items: Entry[] = [];
  get size(): number {
    return this.items.length;
  }
  push(e: Entry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.cost <= a[i]!.cost) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): Entry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.cost < a[m]!.cost) m = l;
        if (r < a.length && a[r]!.cost < a[m]!.cost) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
