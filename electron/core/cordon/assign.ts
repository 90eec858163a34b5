/**
 * Which unit closes which gap. Units × gaps, an edge where the unit beats the suspect to the gap;
 * a unit closes at most one gap and a gap needs one unit. The objective, lexicographically:
 *   1. as many gaps closed as possible (maximum matching),
 *   2. then as many inner-ring gaps as possible (ring 1 before ring 2 before ring 3): the inner
 *      ring is where the suspect is soonest, the outer rings have more time and more checkpoints,
 *   3. then the least total ETA (units back in service sooner, margins larger).
 *
 * Min-cost flow by successive shortest paths with Bellman–Ford (SPFA) on the residual graph.
 * Costs are 4-vectors compared lexicographically — (−1 per match, 1 if ring ≥ 2, 1 if ring 3, ETA)
 * — instead of one number with big-M weights: exact, and no weight tuning against the horizon.
 * Lexicographic vectors form a totally ordered group, so SSP's optimality argument carries over.
 * Sizes are tiny (≤ ~40 units × ~100 gaps): each search is O(V·E) at worst, microseconds to ms.
 */
const K = 4;

export interface AssignProblem {
  /** eta[u][g] seconds; Infinity (or ≥ deadline) = this unit cannot close this gap. */
  eta: readonly ArrayLike<number>[];
  /** Seconds the suspect needs to each gap (Infinity when the suspect cannot reach it). */
  deadline: ArrayLike<number>;
  /** Ring of each gap (1..3). */
  ring: ArrayLike<number>;
  /** Column of each gap in the eta rows (default: the gap's index), so rows need no copying. */
  cols?: ArrayLike<number>;
}

/** Returns [unitIndex, gapIndex] pairs. */
export function assignUnits(pb: AssignProblem): [number, number][] {
  // The unit → gap edges first, to size the typed edge arrays. Units and gaps without any edge
  // are left out of the network: they are never on a path, and the others keep their order.
  const nU = pb.eta.length;
  const nG = pb.deadline.length;
  const unitAt = new Int32Array(nU).fill(-1);
  const gapAt = new Int32Array(nG).fill(-1);
  const units: number[] = [];
  const gapIds: number[] = [];
  // Typed copies for the scan over every unit × gap (edgePairs).
  const deadline = Float64Array.from({ length: nG }, (_, g) => pb.deadline[g]!);
  const colOf = Int32Array.from({ length: nG }, (_, g) => (pb.cols ? pb.cols[g]! : g));
  const pairs = edgePairs(pb.eta, colOf, deadline);
  for (let i = 0; i < pairs.length; i += 2)
    if (unitAt[pairs[i]!]! < 0) unitAt[pairs[i]!] = units.push(pairs[i]!) - 1;
  for (let i = 1; i < pairs.length; i += 2) gapAt[pairs[i]!] = 0;
  gapAt.forEach((x, g) => {
    if (x === 0) gapAt[g] = gapIds.push(g) - 1;
  });
  const U = units.length;
  const G = gapIds.length;
  const S = 0;
  const T = U + G + 1;
  const V = T + 1;
  const M = 2 * (U + G + pairs.length / 2);
  // Edge arrays (each edge followed by its reverse at index ^ 1), costs K per edge.
  const to = new Int32Array(M);
  const cap = new Int8Array(M);
  const cost = new Float64Array(M * K);
  const next = new Int32Array(M);
  const head = new Int32Array(V).fill(-1);
  let m = 0;
  const addEdge = (a: number, b: number, c0: number, c1: number, c2: number, c3: number) => {
    to[m] = b;
    cap[m] = 1;
    cost[m * K] = c0 + 0; // + 0 turns -0 into 0
    cost[m * K + 1] = c1 + 0;
    cost[m * K + 2] = c2 + 0;
    cost[m * K + 3] = c3 + 0;
    next[m] = head[a]!;
    head[a] = m++;
    to[m] = a;
    cap[m] = 0;
    cost[m * K] = -c0 + 0;
    cost[m * K + 1] = -c1 + 0;
    cost[m * K + 2] = -c2 + 0;
    cost[m * K + 3] = -c3 + 0;
    next[m] = head[b]!;
    head[b] = m++;
  };
  for (let u = 0; u < U; u++) addEdge(S, 1 + u, 0, 0, 0, 0);
  for (let g = 0; g < G; g++) addEdge(1 + U + g, T, 0, 0, 0, 0);
  for (let i = 0; i < pairs.length; i += 2) {
    const u = pairs[i]!;
    const g = pairs[i + 1]!;
    const r = pb.ring[g]!;
    addEdge(1 + unitAt[u]!, 1 + U + gapAt[g]!, -1, r >= 2 ? 1 : 0, r >= 3 ? 1 : 0, pb.eta[u]![colOf[g]!]!);
  }

  const dist = new Float64Array(V * K);
  const inQueue = new Uint8Array(V);
  const prevEdge = new Int32Array(V);
  let queue: Int32Array = new Int32Array(Math.max(16, 4 * V));
  const net: Network = { to, cap, cost, next, head };
  for (;;) {
    queue = shortestPaths(net, S, dist, inQueue, prevEdge, queue);
    // Every s→t path adds one match (first component −1), so augment while any path exists.
    if (prevEdge[T]! < 0) break;
    for (let v = T; v !== S;) {
      const e = prevEdge[v]!;
      cap[e] = cap[e]! - 1;
      cap[e ^ 1] = cap[e ^ 1]! + 1;
      v = to[e ^ 1]!;
    }
  }
  const out: [number, number][] = [];
  for (let u = 0; u < U; u++)
    for (let e = head[1 + u]!; e >= 0; e = next[e]!) {
      const w = to[e]!;
      if (w > U && w < T && (e & 1) === 0 && cap[e] === 0) out.push([units[u]!, gapIds[w - 1 - U]!]);
    }
  return out;
}

/**
 * The unit → gap edges (eta < deadline, finite) as [u, g] pairs, unit by unit, gap by gap. Its own
 * small function: the loop over every unit × gap (500 × 1,400 on the large city) then runs
 * optimised from the first analysis on, not in the big caller's unoptimised code, which boxed a
 * number per read and fed the collector.
 */
function edgePairs(eta: readonly ArrayLike<number>[], colOf: Int32Array, deadline: Float64Array): Int32Array {
  let found = new Int32Array(1024);
  let n = 0;
  for (let u = 0; u < eta.length; u++) {
    const row = eta[u]!;
    for (let g = 0; g < deadline.length; g++) {
      const e = row[colOf[g]!]!;
      if (!(e < deadline[g]! && Number.isFinite(e))) continue;
      if (n + 2 > found.length) {
        const grown = new Int32Array(2 * found.length);
        grown.set(found);
        found = grown;
      }
      found[n++] = u;
      found[n++] = g;
    }
  }
  return found.subarray(0, n);
}

/** The residual network: edge e's reverse is e ^ 1, costs K per edge, adjacency lists by head/next. */
interface Network {
  to: Int32Array;
  cap: Int8Array;
  cost: Float64Array;
  next: Int32Array;
  head: Int32Array;
}

/**
 * One SPFA pass from S over the residual edges: lexicographic distances (K per node) and the
 * edge into each node on its path; returns the queue buffer (grown if it had to be).
 */
function shortestPaths(
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
  for (let k = 0; k < K; k++) dist[S * K + k] = 0;
  // FIFO through a head index over a growing buffer (shift() would move the whole queue).
  queue[0] = S;
  let qHead = 0;
  let qTail = 1;
  inQueue.fill(0);
  inQueue[S] = 1;
  while (qHead < qTail) {
    const v = queue[qHead++]!;
    inQueue[v] = 0;
    const dv = v * K;
    for (let e = head[v]!; e >= 0; e = next[e]!) {
      if (cap[e]! <= 0) continue;
      const ce = e * K;
      const w = to[e]!;
      const dw = w * K;
      // Lexicographic "less", components equal within 1e-9; the later components are summed
      // only when the earlier ones tie (the same sums and comparisons, fewer of them).
      let better = dist[dw] === Infinity;
      if (!better) {
        let x = dist[dv]! + cost[ce]! - dist[dw]!;
        if (Math.abs(x) <= 1e-9) {
          x = dist[dv + 1]! + cost[ce + 1]! - dist[dw + 1]!;
          if (Math.abs(x) <= 1e-9) {
            x = dist[dv + 2]! + cost[ce + 2]! - dist[dw + 2]!;
            if (Math.abs(x) <= 1e-9) x = dist[dv + 3]! + cost[ce + 3]! - dist[dw + 3]!;
          }
        }
        better = Math.abs(x) > 1e-9 && x < 0;
      }
      if (better) {
        dist[dw] = dist[dv]! + cost[ce]!;
        dist[dw + 1] = dist[dv + 1]! + cost[ce + 1]!;
        dist[dw + 2] = dist[dv + 2]! + cost[ce + 2]!;
        dist[dw + 3] = dist[dv + 3]! + cost[ce + 3]!;
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
