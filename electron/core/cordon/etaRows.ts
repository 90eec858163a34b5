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
