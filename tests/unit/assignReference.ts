/**
 * The first assignUnits (electron/core/cordon/assign.ts before its typed-array rewrite), kept as
 * the reference its replacement must match pair for pair (assign.test.ts).
 *
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
}

/** Returns [unitIndex, gapIndex] pairs. */
export function assignUnits(pb: AssignProblem): [number, number][] {
  const U = pb.eta.length;
  const G = pb.deadline.length;
  const S = 0;
  const T = U + G + 1;
  const V = T + 1;
  // Edge arrays (each edge followed by its reverse at index ^ 1).
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const head = new Int32Array(V).fill(-1);
  const next: number[] = [];
  const addEdge = (a: number, b: number, c: readonly number[]) => {
    for (const [x, y, cp, sign] of [
      [a, b, 1, 1],
      [b, a, 0, -1],
    ] as const) {
      to.push(y);
      cap.push(cp);
      for (let k = 0; k < K; k++) cost.push(sign * c[k]! + 0); // + 0 turns -0 into 0
      next.push(head[x]!);
      head[x] = to.length - 1;
    }
  };
  const zero = [0, 0, 0, 0];
  for (let u = 0; u < U; u++) addEdge(S, 1 + u, zero);
  for (let g = 0; g < G; g++) addEdge(1 + U + g, T, zero);
  for (let u = 0; u < U; u++)
    for (let g = 0; g < G; g++) {
      const e = pb.eta[u]![g]!;
      if (!(e < pb.deadline[g]!) || !Number.isFinite(e)) continue;
      const r = pb.ring[g]!;
      addEdge(1 + u, 1 + U + g, [-1, r >= 2 ? 1 : 0, r >= 3 ? 1 : 0, e]);
    }

  const dist = new Float64Array(V * K);
  const inQueue = new Uint8Array(V);
  const prevEdge = new Int32Array(V);
  const less = (a: Float64Array, ai: number, b: ArrayLike<number>, bi: number) => {
    for (let k = 0; k < K; k++) {
      const d = a[ai + k]! - b[bi + k]!;
      if (Math.abs(d) > 1e-9) return d < 0;
    }
    return false;
  };
  const cand = new Float64Array(K);
  for (;;) {
    dist.fill(Infinity);
    prevEdge.fill(-1);
    for (let k = 0; k < K; k++) dist[S * K + k] = 0;
    // FIFO through a head index: shift() moves the whole array on large instances (500 units).
    const queue: number[] = [S];
    let qHead = 0;
    inQueue.fill(0);
    inQueue[S] = 1;
    while (qHead < queue.length) {
      const v = queue[qHead++]!;
      inQueue[v] = 0;
      for (let e = head[v]!; e >= 0; e = next[e]!) {
        if (cap[e]! <= 0) continue;
        for (let k = 0; k < K; k++) cand[k] = dist[v * K + k]! + cost[e * K + k]!;
        const w = to[e]!;
        if (dist[w * K] === Infinity || less(cand, 0, dist, w * K)) {
          dist.set(cand, w * K);
          prevEdge[w] = e;
          if (!inQueue[w]) {
            inQueue[w] = 1;
            queue.push(w);
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
      if (w > U && w < T && (e & 1) === 0 && cap[e] === 0) out.push([u, w - 1 - U]);
    }
  return out;
}
