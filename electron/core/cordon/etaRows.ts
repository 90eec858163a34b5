/**
 * A unit's row of the ETA matrix read off its search, for many points at once: the points a
 * weighting may use, with their end nodes and the costs along their pieces, laid out once per
 * analysis in typed arrays. Each value is computed exactly as timeToPoint (race.ts) computes it —
 * the same operations in the same order — so the rows equal fillRow's bit for bit.
 */
import type { RoadGraph } from '../../../node/routing';
import type { RoadPoint } from './race';
import type { Placed } from './policeBounds';

export interface PointTable {
  /** Point index, end nodes and the costs from each end along the piece, per usable point. */
  idx: Int32Array;
  a: Int32Array;
  b: Int32Array;
  ca: Float64Array;
  cb: Float64Array;
}

/**
 * A PointTable with its entries listed per end node (and per piece), for fillRowSettled: a
 * pruned search settles a few hundred nodes, and scanning every point for each of 500 units
 * (1,400 points at 20 minutes on the large city) read two graph-sized arrays 1.4 million times.
 */
export interface PointIndex extends PointTable {
  /** Entries of node v: first[v] where stamp[v] === gen, then along link. */
  stamp: Uint32Array;
  first: Int32Array;
  gen: number;
  /** Chain of entry k through its end a (2k) and its end b (2k + 1); -1 ends it. */
  link: Int32Array;
}

/** The points of `points` that weighting w may use (either direction open). */
export function pointTable(g: RoadGraph, w: Float64Array, points: readonly RoadPoint[]): PointTable {
  const idx: number[] = [];
  points.forEach((pt, j) => {
    if (w[2 * pt.piece]! < Infinity || w[2 * pt.piece + 1]! < Infinity) idx.push(j);
  });
  const t: PointTable = {
    idx: Int32Array.from(idx),
    a: new Int32Array(idx.length),
    b: new Int32Array(idx.length),
    ca: new Float64Array(idx.length),
    cb: new Float64Array(idx.length),
  };
  idx.forEach((j, k) => {
    const pt = points[j]!;
    const p = pt.piece;
    const f = pt.length > 0 ? pt.offset / pt.length : 0;
    t.a[k] = g.pieceFrom[p]!;
    t.b[k] = g.pieceTo[p]!;
    t.ca[k] = f * w[2 * p]!;
    t.cb[k] = (1 - f) * w[2 * p + 1]!;
  });
  return t;
}

const indexArrays = new WeakMap<RoadGraph, { stamp: Uint32Array; first: Int32Array; gen: number }[]>();

/** pointTable with its per-node index; `slot` picks one of the graph-sized arrays kept per graph. */
export function pointIndex(
  g: RoadGraph,
  w: Float64Array,
  points: readonly RoadPoint[],
  slot: number,
): PointIndex {
  const t = pointTable(g, w, points);
  let pool = indexArrays.get(g);
  if (!pool) indexArrays.set(g, (pool = []));
  const arrays = (pool[slot] ??= {
    stamp: new Uint32Array(g.nodeCount),
    first: new Int32Array(g.nodeCount),
    gen: 0,
  });
  if (arrays.gen === 0xfffffffe) {
    arrays.stamp.fill(0);
    arrays.gen = 0;
  }
  const gen = ++arrays.gen;
  const { stamp, first } = arrays;
  const n = t.idx.length;
  const link = new Int32Array(2 * n);
  for (let k = 0; k < n; k++) {
    for (let end = 0; end < 2; end++) {
      const v = end === 0 ? t.a[k]! : t.b[k]!;
      link[2 * k + end] = stamp[v] === gen ? first[v]! : -1;
      stamp[v] = gen;
      first[v] = 2 * k + end;
    }
  }
  return { ...t, stamp, first, gen, link };
}

/**
 * fillRowFast for a search that settled only `settled[0 .. count)` (every node with stamp[v] ===
 * gen is among them): the entries at those nodes and on the unit's own piece, each computed as
 * fillRowFast computes it (the others are Infinity there too). A small function of its own, so
 * the loop runs optimised.
 */
export function fillRowSettled(
  g: RoadGraph,
  t: PointIndex,
  points: readonly RoadPoint[],
  w: Float64Array,
  p: Placed,
  d: Float64Array,
  stamp: Uint32Array,
  gen: number,
  settled: Int32Array,
  count: number,
  horizon: number,
  row: Float64Array,
): void {
  for (let i = 0; i < count; i++) {
    const v = settled[i]!;
    if (t.stamp[v] !== t.gen) continue;
    for (let l = t.first[v]!; l >= 0; l = t.link[l]!)
      fillEntry(t, points, w, p, d, stamp, gen, l >> 1, horizon, row);
  }
  // The points on the unit's own piece (reachable along it even where neither end was settled):
  // their `from` end is the piece's.
  const sp = p.snap.piece;
  const a = g.pieceFrom[sp]!;
  if (t.stamp[a] === t.gen)
    for (let l = t.first[a]!; l >= 0; l = t.link[l]!)
      if (points[t.idx[l >> 1]!]!.piece === sp)
        fillEntry(t, points, w, p, d, stamp, gen, l >> 1, horizon, row);
}

/** Entry k of fillRowFast's loop, the same operations in the same order. */
function fillEntry(
  t: PointTable,
  points: readonly RoadPoint[],
  w: Float64Array,
  p: Placed,
  d: Float64Array,
  stamp: Uint32Array,
  gen: number,
  k: number,
  horizon: number,
  row: Float64Array,
): void {
  const va = t.a[k]!;
  const vb = t.b[k]!;
  const da = stamp[va] === gen ? d[va]! : Infinity;
  const db = stamp[vb] === gen ? d[vb]! : Infinity;
  let best = Math.min(da + t.ca[k]!, db + t.cb[k]!);
  const j = t.idx[k]!;
  const pt = points[j]!;
  const sp = p.snap.piece;
  if (pt.piece === sp && pt.length > 0) {
    const off = (pt.offset - p.snap.offset) / pt.length;
    best = Math.min(best, p.off + (off >= 0 ? off * w[2 * sp]! : -off * w[2 * sp + 1]!));
  }
  if (best <= horizon) row[j] = best;
}

/**
 * Fills `row` for unit p from distances d (valid where stamp[v] === gen; stamp null: all valid),
 * keeping values ≤ horizon; a unit standing on a point's piece may also reach it along the piece.
 */
export function fillRowFast(
  t: PointTable,
  points: readonly RoadPoint[],
  w: Float64Array,
  p: Placed,
  d: Float64Array,
  stamp: Uint32Array | null,
  gen: number,
  horizon: number,
  row: Float64Array,
): void {
  const { idx, a, b, ca, cb } = t;
  const sp = p.snap.piece;
  for (let k = 0; k < idx.length; k++) {
    const va = a[k]!;
    const vb = b[k]!;
    const da = stamp === null || stamp[va] === gen ? d[va]! : Infinity;
    const db = stamp === null || stamp[vb] === gen ? d[vb]! : Infinity;
    let best = Math.min(da + ca[k]!, db + cb[k]!);
    const j = idx[k]!;
    const pt = points[j]!;
    if (pt.piece === sp && pt.length > 0) {
      const off = (pt.offset - p.snap.offset) / pt.length;
      best = Math.min(best, p.off + (off >= 0 ? off * w[2 * sp]! : -off * w[2 * sp + 1]!));
    }
    if (best <= horizon) row[j] = best;
  }
}

/**
 * An ETA matrix of n rows of m entries, all Infinity: views of one buffer, so that a 500-unit
 * fleet's matrix is one allocation rather than 500.
 */
export function etaRows(n: number, m: number): Float64Array[] {
  return rowsOf(new Float64Array(n * m).fill(Infinity), n, m);
}

const rowsOf = (buf: Float64Array, n: number, m: number) =>
  Array.from({ length: n }, (_, i) => buf.subarray(i * m, (i + 1) * m));

/** Entries of the kept buffer (8 bytes each) beyond which a matrix gets its own buffer. */
const SCRATCH_MAX = 8 * 1024 * 1024;
let scratch = new Float64Array(0);

/**
 * etaRows over one buffer kept for the next call, so the rows are valid only until then: one
 * analysis (analyse.ts) at a time, which is how the thread runs them. A 500-unit fleet's matrix on
 * the large city at 20 minutes is ~6 MB; a new one per analysis was paid again in page faults and
 * in the collector's work (the pack's whole heap is marked when external memory grows).
 */
export function scratchEtaRows(n: number, m: number): Float64Array[] {
  const size = n * m;
  if (size > SCRATCH_MAX) return etaRows(n, m);
  if (scratch.length < size)
    scratch = new Float64Array(Math.min(SCRATCH_MAX, Math.max(size, 2 * scratch.length)));
  const buf = scratch.subarray(0, size);
  buf.fill(Infinity);
  return rowsOf(buf, n, m);
}

/**
 * The best unit per point: the first of the fastest, rows in order (-1: none reaches it). A small
 * function of its own so that the loop over the whole matrix runs optimised.
 */
export function bestUnits(rows: readonly Float64Array[], m: number): Int32Array {
  const bestOf = new Int32Array(m).fill(-1);
  const bestEta = new Float64Array(m).fill(Infinity);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (let j = 0; j < m; j++)
      if (row[j]! < bestEta[j]!) {
        bestOf[j] = i;
        bestEta[j] = row[j]!;
      }
  }
  return bestOf;
}
