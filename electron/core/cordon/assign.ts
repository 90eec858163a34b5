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
 * Each connected part of the unit–gap graph is solved on its own network (a pass visits one part).
 */
/**
 * Packed costs, two numbers per edge and node: the first three cost components as one integer
 * c0·B² + c1·B + c2 (they are −1, 0 or 1 per edge, so every sum and difference of path sums
 * stays an exact integer and compares as the three would, first component first, when B exceeds
 * twice the largest difference), then the ETA. Halves the reads and writes of the SPFA, which
 * compares the integer part exactly (the components were compared with a 1e-9 slack, which
 * integers never use) and the ETA as before. Larger networks keep the four components.
 */
import { packedPaths, vectorPaths, type Network } from './assignPaths';

type Layout = 2 | 4;
/**
 * Networks up to this many nodes keep every packed path sum below 2^52 (B < 12 · V and a shortest
 * path has under V edges, so |sum| < V · B² < 144 · V³). The large city's network has ~875 nodes.
 */
export const MAX_PACKED_NODES = 25_000;

/** Numbers per cost in a network of V nodes: packed (2) up to MAX_PACKED_NODES, else 4. */
export const costLayout = (V: number, maxPacked = MAX_PACKED_NODES): Layout => (V <= maxPacked ? 2 : 4);

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

/** Returns [unitIndex, gapIndex] pairs. `maxPacked` (tests): the largest network with packed costs. */
export function assignUnits(pb: AssignProblem, maxPacked = MAX_PACKED_NODES): [number, number][] {
  const nU = pb.eta.length;
  const nG = pb.deadline.length;
  // Typed copies for the scan over every unit × gap (edgePairs).
  const deadline = Float64Array.from({ length: nG }, (_, g) => pb.deadline[g]!);
  const colOf = Int32Array.from({ length: nG }, (_, g) => (pb.cols ? pb.cols[g]! : g));
  const pairs = edgePairs(pb.eta, colOf, deadline);
  // An augmenting path runs from a free unit to a free gap along edges of one connected part of
  // the unit–gap graph, so each part is solved on its own network: every pass of the search then
  // visits that part only, not the whole fleet's network (the large city's 20-minute ring 1
  // splits into 10 to 17 parts). Within a part, units, gaps and edges keep their order.
  const out: [number, number][] = [];
  const scratch = { unitAt: new Int32Array(nU).fill(-1), gapAt: new Int32Array(nG).fill(-1) };
  for (const part of connectedParts(nU, nG, pairs)) solvePart(pb, colOf, part, maxPacked, scratch, out);
  return out.sort((x, y) => x[0] - y[0]);
}

/**
 * The edge pairs split by connected part (union–find over units 0..nU-1 and gaps nU..), each part's
 * pairs in their order, the parts in the order of their first pair.
 */
function connectedParts(nU: number, nG: number, pairs: Int32Array): Int32Array[] {
  const parent = Int32Array.from({ length: nU + nG }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (let i = 0; i < pairs.length; i += 2) {
    const a = find(pairs[i]!);
    const b = find(nU + pairs[i + 1]!);
    if (a !== b) parent[a] = b;
  }
  const partOf = new Int32Array(nU + nG).fill(-1);
  const sizes: number[] = [];
  const partOfPair = new Int32Array(pairs.length / 2);
  for (let i = 0; i < pairs.length; i += 2) {
    const r = find(pairs[i]!);
    if (partOf[r]! < 0) partOf[r] = sizes.push(0) - 1;
    sizes[partOf[r]!]! += 2;
    partOfPair[i / 2] = partOf[r]!;
  }
  const parts = sizes.map((n) => new Int32Array(n));
  const filled = new Int32Array(sizes.length);
  for (let i = 0; i < pairs.length; i += 2) {
    const k = partOfPair[i / 2]!;
    parts[k]![filled[k]!++] = pairs[i]!;
    parts[k]![filled[k]!++] = pairs[i + 1]!;
  }
  return parts;
}

/** Min-cost flow on one part's network (its unit → gap pairs); appends the matched pairs to `out`. */
function solvePart(
  pb: AssignProblem,
  colOf: Int32Array,
  pairs: Int32Array,
  maxPacked: number,
  scratch: { unitAt: Int32Array; gapAt: Int32Array },
  out: [number, number][],
): void {
  // Parts share no unit and no gap, so the maps need no clearing between them.
  const { unitAt, gapAt } = scratch;
  const units: number[] = [];
  const gapIds: number[] = [];
  for (let i = 0; i < pairs.length; i += 2)
    if (unitAt[pairs[i]!]! < 0) unitAt[pairs[i]!] = units.push(pairs[i]!) - 1;
  for (let i = 1; i < pairs.length; i += 2) {
    const g = pairs[i]!;
    if (gapAt[g]! < 0) gapAt[g] = gapIds.push(g);
  }
  gapIds.sort((x, y) => x - y); // numbered in their order, as on one network for the whole fleet
  gapIds.forEach((g, k) => (gapAt[g] = k));
  const U = units.length;
  const G = gapIds.length;
  const S = 0;
  const T = U + G + 1;
  const V = T + 1;
  const M = 2 * (U + G + pairs.length / 2);
  const K = costLayout(V, maxPacked);
  // A power of two above 6 · V: a component's difference (two path sums and an edge) is < 3 · V.
  const B = 2 ** Math.ceil(Math.log2(6 * V + 2));
  // Edge arrays (each edge followed by its reverse at index ^ 1), costs K per edge.
  const to = new Int32Array(M);
  const cap = new Int8Array(M);
  const cost = new Float64Array(M * K);
  const next = new Int32Array(M);
  const head = new Int32Array(V).fill(-1);
  let m = 0;
  // Edge e's costs times `sign`; + 0 turns -0 into 0.
  const setCost = (e: number, sign: number, c0: number, c1: number, c2: number, c3: number) => {
    if (K === 2) {
      cost[e * 2] = sign * (c0 * B * B + c1 * B + c2) + 0;
      cost[e * 2 + 1] = sign * c3 + 0;
    } else {
      cost[e * 4] = sign * c0 + 0;
      cost[e * 4 + 1] = sign * c1 + 0;
      cost[e * 4 + 2] = sign * c2 + 0;
      cost[e * 4 + 3] = sign * c3 + 0;
    }
  };
  const addEdge = (a: number, b: number, c0: number, c1: number, c2: number, c3: number) => {
    to[m] = b;
    cap[m] = 1;
    setCost(m, 1, c0, c1, c2, c3);
    next[m] = head[a]!;
    head[a] = m++;
    to[m] = a;
    cap[m] = 0;
    setCost(m, -1, c0, c1, c2, c3);
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
    queue =
      K === 2
        ? packedPaths(net, S, dist, inQueue, prevEdge, queue)
        : vectorPaths(net, S, dist, inQueue, prevEdge, queue);
    // Every s→t path adds one match (first component −1), so augment while any path exists.
    if (prevEdge[T]! < 0) break;
    for (let v = T; v !== S;) {
      const e = prevEdge[v]!;
      cap[e] = cap[e]! - 1;
      cap[e ^ 1] = cap[e ^ 1]! + 1;
      v = to[e ^ 1]!;
    }
  }
  for (let u = 0; u < U; u++)
    for (let e = head[1 + u]!; e >= 0; e = next[e]!) {
      const w = to[e]!;
      if (w > U && w < T && (e & 1) === 0 && cap[e] === 0) out.push([units[u]!, gapIds[w - 1 - U]!]);
    }
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
