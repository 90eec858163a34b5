/**
 * One pass of the assignment's successive shortest paths (assign.ts): SPFA from the source over
 * the residual network, with lexicographic costs packed into two numbers per edge and node, or
 * kept as four components for networks too large to pack (costLayout).
 */
/** The residual network: edge e's reverse is e ^ 1, costs 2 or 4 per edge (costLayout), adjacency lists by head/next. */
export interface Network {
  to: Int32Array;
  cap: Int8Array;
  cost: Float64Array;
  next: Int32Array;
  head: Int32Array;
}

/**
 * One SPFA pass from S over the residual edges, packed costs (2 per node): lexicographic distances
 * and the edge into each node on its path; returns the queue buffer (grown if it had to be).
 */
export function packedPaths(
  net: Network,
  S: number,
  dist: Float64Array,
  inQueue: Uint8Array,
  prevEdge: Int32Array,
  queueIn: Int32Array,
): Int32Array {
  const { to, cap, cost, next, head } = net;
  let queue = queueIn;
  dist.fill(Infinity);
  prevEdge.fill(-1);
  dist[S * 2] = dist[S * 2 + 1] = 0;
  // FIFO through a head index over a growing buffer (shift() would move the whole queue).
  queue[0] = S;
  let qHead = 0;
  let qTail = 1;
  inQueue.fill(0);
  inQueue[S] = 1;
  while (qHead < qTail) {
    const v = queue[qHead++]!;
    inQueue[v] = 0;
    const dv = v * 2;
    for (let e = head[v]!; e >= 0; e = next[e]!) {
      if (cap[e]! <= 0) continue;
      const ce = e * 2;
      const w = to[e]!;
      const dw = w * 2;
      // Lexicographic "less": the integer part exactly, then the ETA within 1e-9 (summed only
      // when the integer parts tie).
      let better = dist[dw] === Infinity;
      if (!better) {
        let x = dist[dv]! + cost[ce]! - dist[dw]!;
        if (x === 0) x = dist[dv + 1]! + cost[ce + 1]! - dist[dw + 1]!;
        better = Math.abs(x) > 1e-9 && x < 0;
      }
      if (better) {
        dist[dw] = dist[dv]! + cost[ce]!;
        dist[dw + 1] = dist[dv + 1]! + cost[ce + 1]!;
        prevEdge[w] = e;
        if (!inQueue[w]) {
          inQueue[w] = 1;
          if (qTail === queue.length) {
            const grown = new Int32Array(queue.length * 2);
            grown.set(queue);
            queue = grown;
          }
          queue[qTail++] = w;
        }
      }
    }
  }
  return queue;
}

/** packedPaths with the four components (networks above MAX_PACKED_NODES), the same pass. */
export function vectorPaths(
  net: Network,
  S: number,
  dist: Float64Array,
  inQueue: Uint8Array,
  prevEdge: Int32Array,
  queueIn: Int32Array,
): Int32Array {
  const { to, cap, cost, next, head } = net;
  let queue = queueIn;
  dist.fill(Infinity);
  prevEdge.fill(-1);
  for (let k = 0; k < 4; k++) dist[S * 4 + k] = 0;
  queue[0] = S;
  let qHead = 0;
  let qTail = 1;
  inQueue.fill(0);
  inQueue[S] = 1;
  while (qHead < qTail) {
    const v = queue[qHead++]!;
    inQueue[v] = 0;
    const dv = v * 4;
    for (let e = head[v]!; e >= 0; e = next[e]!) {
      if (cap[e]! <= 0) continue;
      const ce = e * 4;
      const w = to[e]!;
      const dw = w * 4;
      // Lexicographic "less", components equal within 1e-9; the later components are summed
      // only when the earlier ones tie.
      let better = dist[dw] === Infinity;
      if (!better) {
        let x = dist[dv]! + cost[ce]! - dist[dw]!;
        for (let k = 1; k < 4 && Math.abs(x) <= 1e-9; k++) x = dist[dv + k]! + cost[ce + k]! - dist[dw + k]!;
        better = Math.abs(x) > 1e-9 && x < 0;
      }
      if (better) {
        for (let k = 0; k < 4; k++) dist[dw + k] = dist[dv + k]! + cost[ce + k]!;
        prevEdge[w] = e;
        if (!inQueue[w]) {
          inQueue[w] = 1;
          if (qTail === queue.length) {
            const grown = new Int32Array(queue.length * 2);
            grown.set(queue);
            queue = grown;
          }
          queue[qTail++] = w;
        }
      }
    }
  }
  return queue;
}
