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
  const unitAt = new Int32Array(pb.eta.length).fill(-1);
  const gapAt = new Int32Array(pb.deadline.length).fill(-1);
  const units: number[] = [];
  const gapIds: number[] = [];
  const col = pb.cols ?? null;
  const isEdge = (u: number, g: number) => {
    const e = pb.eta[u]![col ? col[g]! : g]!;
    return e < pb.deadline[g]! && Number.isFinite(e);
  };
  // Counted first, so the pairs go into one typed array (a 500-unit fleet has ~10^5 of them).
  let edges = 0;
  for (let u = 0; u < pb.eta.length; u++)
    for (let g = 0; g < pb.deadline.length; g++) if (isEdge(u, g)) edges++;
  const pairs = new Int32Array(2 * edges);
  let n = 0;
  for (let u = 0; u < pb.eta.length; u++)
    for (let g = 0; g < pb.deadline.length; g++) {
      if (!isEdge(u, g)) continue;
      if (unitAt[u]! < 0) unitAt[u] = units.push(u) - 1;
      pairs[n++] = u;
      pairs[n++] = g;
    }
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
    addEdge(
      1 + unitAt[u]!,
      1 + U + gapAt[g]!,
      -1,
      r >= 2 ? 1 : 0,
      r >= 3 ? 1 : 0,
      pb.eta[u]![col ? col[g]! : g]!,
    );
  }

  const dist = new Float64Array(V * K);
  const inQueue = new Uint8Array(V);
  const prevEdge = new Int32Array(V);
  let queue = new Int32Array(Math.max(16, 4 * V));
  for (;;) {
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
        const c0 = dist[dv]! + cost[ce]!;
        const c1 = dist[dv + 1]! + cost[ce + 1]!;
        const c2 = dist[dv + 2]! + cost[ce + 2]!;
        const c3 = dist[dv + 3]! + cost[ce + 3]!;
        const w = to[e]!;
        const dw = w * K;
        // Lexicographic "less", components equal within 1e-9.
        let better = dist[dw] === Infinity;
        if (!better) {
          let x = c0 - dist[dw]!;
          if (Math.abs(x) <= 1e-9) {
            x = c1 - dist[dw + 1]!;
            if (Math.abs(x) <= 1e-9) {
              x = c2 - dist[dw + 2]!;
              if (Math.abs(x) <= 1e-9) x = c3 - dist[dw + 3]!;
            }
          }
          better = Math.abs(x) > 1e-9 && x < 0;
        }
        if (better) {
          dist[dw] = c0;
          dist[dw + 1] = c1;
          dist[dw + 2] = c2;
          dist[dw + 3] = c3;
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
