/**
 * The road graph with its nodes renumbered along a Hilbert curve over their coordinates, for the
 * cordon's hot searches (policeEtas.ts: the pruning potentials, the per-unit pruned searches, the
 * police band). Those searches cost about 0.5 µs per settled node on the large city, mostly cache
 * misses on node-indexed arrays: the graph's own numbering follows the order of the roads in the
 * pack, so a node's neighbours lie anywhere in memory. Here nearby nodes get nearby numbers.
 *
 * Only node numbers change: pieces keep their ids (so edge refs, weights, road points and snaps are
 * the same), and each node keeps its edges in the same order. A search on the local graph therefore
 * pops the same (node, key) sequence as on the graph, node for node under the renumbering: the
 * binary heap compares keys only, seeds are pushed in the same order and relaxations happen in the
 * same order, so ties fall the same way (localGraph.test.ts). Everything derived from the local
 * graph (pieceFrom/pieceTo, seeds, point tables) is in local numbers; `graphNodes` maps them back
 * where a result leaves (the settled log read by routes.ts).
 */
import type { RoadGraph } from '../../../node/routing';

const locals = new WeakMap<RoadGraph, RoadGraph>();
/** Local graph → its graph's node number of each local node. */
const toGraph = new WeakMap<RoadGraph, Int32Array>();

/** The local graph of `g`, built once per graph (about 10 MB of arrays on the large city). */
export function localGraph(g: RoadGraph): RoadGraph {
  let lg = locals.get(g);
  if (!lg) {
    lg = renumbered(g, hilbertOrder(g));
    locals.set(g, lg);
  }
  return lg;
}

/** For a local graph: the graph's number of each local node. */
export function graphNodes(lg: RoadGraph): Int32Array {
  const ids = toGraph.get(lg);
  if (!ids) throw new Error('not a local graph (localGraph)');
  return ids;
}

/** Bits per axis of the curve: 2^16 columns over the graph's box (~1 m on a 50 km city). */
const ORDER = 16;

/** The nodes of g by their Hilbert index on the box's grid, ties by their number. */
export function hilbertOrder(g: RoadGraph): Int32Array {
  const n = g.nodeCount;
  const [x0, y0, x1, y1] = g.meta.bbox;
  const side = 1 << ORDER;
  const sx = side / (x1 - x0 || 1);
  const sy = side / (y1 - y0 || 1);
  const key = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const x = Math.min(side - 1, Math.max(0, Math.floor((g.nodeLng[v]! - x0) * sx)));
    const y = Math.min(side - 1, Math.max(0, Math.floor((g.nodeLat[v]! - y0) * sy)));
    key[v] = hilbertIndex(x, y);
  }
  const order = new Int32Array(n);
  for (let v = 0; v < n; v++) order[v] = v;
  return order.sort((a, b) => key[a]! - key[b]! || a - b);
}

/** The index of cell (x, y) along the Hilbert curve over a 2^ORDER grid (below 2^32: exact). */
function hilbertIndex(x: number, y: number): number {
  let d = 0;
  for (let s = 1 << (ORDER - 1); s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/**
 * g with local node i = g's node order[i]: the node arrays and the CSR permuted, each node's edges
 * in their order; piece arrays other than the end nodes are g's own.
 */
export function renumbered(g: RoadGraph, order: Int32Array): RoadGraph {
  const n = g.nodeCount;
  const local = new Int32Array(n);
  for (let i = 0; i < n; i++) local[order[i]!] = i;
  const nodeLng = new Float64Array(n);
  const nodeLat = new Float64Array(n);
  const firstEdge = new Int32Array(n + 1);
  const edgeTarget = new Int32Array(g.edgeTarget.length);
  const edgeRef = new Int32Array(g.edgeRef.length);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    nodeLng[i] = g.nodeLng[v]!;
    nodeLat[i] = g.nodeLat[v]!;
    firstEdge[i] = k;
    for (let e = g.firstEdge[v]!, end = g.firstEdge[v + 1]!; e < end; e++, k++) {
      edgeTarget[k] = local[g.edgeTarget[e]!]!;
      edgeRef[k] = g.edgeRef[e]!;
    }
  }
  firstEdge[n] = k;
  const lg: RoadGraph = {
    ...g,
    nodeLng,
    nodeLat,
    firstEdge,
    edgeTarget,
    edgeRef,
    pieceFrom: g.pieceFrom.map((v) => local[v]!),
    pieceTo: g.pieceTo.map((v) => local[v]!),
  };
  toGraph.set(lg, order);
  return lg;
}

const edgeWeightsByGraph = new WeakMap<RoadGraph, WeakMap<Float64Array, Float64Array>[]>();

/**
 * The weights w in g's edge order: entry e is the weight of edge e (its reverse edge's when
 * `reverse`), the very same number as w[edgeRef[e]] (w[edgeRef[e] ^ 1]), so every sum is the same.
 * A search then reads a node's weights next to each other instead of at its pieces' scattered
 * places in w (4.9 MB per array on the large city; kept per weights, so new weights after a
 * calibration get new arrays and the old ones go with their weights).
 */
export function edgeWeights(g: RoadGraph, w: Float64Array, reverse: boolean): Float64Array {
  let byDirection = edgeWeightsByGraph.get(g);
  if (!byDirection) edgeWeightsByGraph.set(g, (byDirection = [new WeakMap(), new WeakMap()]));
  const kept = byDirection[reverse ? 1 : 0]!;
  let we = kept.get(w);
  if (!we) {
    const { edgeRef } = g;
    const flip = reverse ? 1 : 0;
    we = new Float64Array(edgeRef.length);
    for (let e = 0; e < edgeRef.length; e++) we[e] = w[edgeRef[e]! ^ flip]!;
    kept.set(w, we);
  }
  return we;
}
