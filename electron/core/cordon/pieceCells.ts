/**
 * A coarse grid of the road pieces, built once per graph (at pack load, by warmCordonCaches), so
 * that whole-graph scans can skip blocks of pieces that cannot matter:
 *  - ring 1's hull (rings.ts) skips the cells that lie strictly inside the hull of the suspect's
 *    reachable nodes: no point there can be a vertex of the reach's hull;
 *  - a ring line's crossings (crossings.ts) skip the cells whose box meets no cell of the line's
 *    segment grid: no shape segment there can cross it.
 * Each piece belongs to one cell (by the centre of its box); a cell's box is the union of its
 * pieces' boxes, so it may reach beyond the grid cell. The scans still visit the remaining pieces
 * in index order, so what they produce is what a full scan produces, without the skipped pieces.
 */
import type { RoadGraph } from '../../../node/routing';
import type { SuspectReach } from './race';

/** Aim at about this many pieces per cell (~12,000 cells on a 300,000-piece graph). */
const PIECES_PER_CELL = 24;

export interface PieceCells {
  count: number;
  /** Cell of each piece. */
  cellOf: Int32Array;
  /** minLng, minLat, maxLng, maxLat per cell (Infinity / -Infinity when empty). */
  box: Float64Array;
}

const cache = new WeakMap<RoadGraph, PieceCells>();

export function pieceCells(g: RoadGraph): PieceCells {
  let pc = cache.get(g);
  if (pc) return pc;
  const side = Math.min(512, Math.max(1, Math.ceil(Math.sqrt(g.pieceCount / PIECES_PER_CELL))));
  const [x0, y0, x1, y1] = g.meta.bbox;
  const cw = (x1 - x0) / side || 1;
  const ch = (y1 - y0) / side || 1;
  const count = side * side;
  const cellOf = new Int32Array(g.pieceCount);
  const box = new Float64Array(4 * count);
  for (let c = 0; c < count; c++) box.set([Infinity, Infinity, -Infinity, -Infinity], 4 * c);
  for (let p = 0; p < g.pieceCount; p++) {
    let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = g.geomOffset[p]!, end = g.geomOffset[p + 1]!; i < end; i++) {
      const x = g.shapeLng[i]!;
      const y = g.shapeLat[i]!;
      if (x < a) a = x;
      if (x > c) c = x;
      if (y < b) b = y;
      if (y > d) d = y;
    }
    const col = Math.min(side - 1, Math.max(0, Math.floor(((a + c) / 2 - x0) / cw)));
    const row = Math.min(side - 1, Math.max(0, Math.floor(((b + d) / 2 - y0) / ch)));
    const k = row * side + col;
    cellOf[p] = k;
    const o = 4 * k;
    if (a < box[o]!) box[o] = a;
    if (b < box[o + 1]!) box[o + 1] = b;
    if (c > box[o + 2]!) box[o + 2] = c;
    if (d > box[o + 3]!) box[o + 3] = d;
  }
  cache.set(g, (pc = { count, cellOf, box }));
  return pc;
}

/** Columns of the inner hull's sampling (per graph bbox width). */
const HULL_COLUMNS = 256;
/** Degrees (~1 cm): a cell counts as inside only by more than this, far above rounding error. */
const INSIDE_MARGIN = 1e-7;

/** What cellsInsideReach reads of a suspect reach: its distances and its settle order. */
type ReachNodes = Pick<SuspectReach, 'dist' | 'order'>;

/**
 * What cellsInsideReach needs of one reach at any budget, built once per reach (an alert's
 * analyses share it; the panel re-analyses every 15 s with a larger budget): each cell's least
 * distance over the nodes its pieces touch, and per column the nodes that lower the column's
 * least latitude or raise its greatest, in the order of distance (a short staircase each).
 */
interface ReachCells {
  cellMin: Float64Array;
  lo: Staircase[];
  hi: Staircase[];
}
interface Staircase {
  dist: number[];
  node: number[];
}

const reachCells = new WeakMap<Int32Array, ReachCells>();

function cellsOfReach(g: RoadGraph, reach: ReachNodes): ReachCells {
  let rc = reachCells.get(reach.order);
  if (rc) return rc;
  const pc = pieceCells(g);
  const [x0, , x1] = g.meta.bbox;
  const cw = (x1 - x0) / HULL_COLUMNS || 1;
  const { nodeLng, nodeLat, firstEdge, edgeRef } = g;
  const { dist, order } = reach;
  const cellMin = new Float64Array(pc.count).fill(Infinity);
  const lo = Array.from({ length: HULL_COLUMNS }, (): Staircase => ({ dist: [], node: [] }));
  const hi = Array.from({ length: HULL_COLUMNS }, (): Staircase => ({ dist: [], node: [] }));
  const loLat = new Float64Array(HULL_COLUMNS).fill(Infinity);
  const hiLat = new Float64Array(HULL_COLUMNS).fill(-Infinity);
  // By node number (sequential reads): each cell's least distance over the nodes at its pieces.
  for (let v = 0; v < g.nodeCount; v++) {
    const d = dist[v]!;
    if (!(d < Infinity)) continue;
    for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
      const k = pc.cellOf[edgeRef[e]! >> 1]!;
      if (d < cellMin[k]!) cellMin[k] = d;
    }
  }
  // By distance: a node joins its column's staircase when it extends the column's reach.
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    const y = nodeLat[v]!;
    const c = Math.min(HULL_COLUMNS - 1, Math.max(0, Math.floor((nodeLng[v]! - x0) / cw)));
    if (y < loLat[c]!) {
      loLat[c] = y;
      lo[c]!.dist.push(dist[v]!);
      lo[c]!.node.push(v);
    }
    if (y > hiLat[c]!) {
      hiLat[c] = y;
      hi[c]!.dist.push(dist[v]!);
      hi[c]!.node.push(v);
    }
  }
  reachCells.set(reach.order, (rc = { cellMin, lo, hi }));
  return rc;
}

/** The staircase's node at `budget`: the last record within it (-1: none). */
function stepAt(s: Staircase, budget: number): number {
  let node = -1;
  for (let i = 0; i < s.dist.length && s.dist[i]! <= budget; i++) node = s.node[i]!;
  return node;
}

/**
 * Cells ring 1's hull may skip (1): those with no piece at a node within the budget (no piece there
 * is reached at all), and those wholly inside the convex hull of the nodes with dist ≤ budget. The
 * hull is built from the lowest and highest such node per column, so it is a subset of the hull of
 * all reachable points; its lower chain is convex and its upper chain concave, so a box is inside
 * when its bottom is above the lower chain and its top below the upper chain at both its x ends.
 * Per analysis this reads the reach's cells and staircases (cellsOfReach), not every node.
 */
export function cellsInsideReach(g: RoadGraph, reach: ReachNodes, budget: number): Uint8Array {
  const pc = pieceCells(g);
  const rc = cellsOfReach(g, reach);
  const { nodeLng, nodeLat } = g;
  const skip = new Uint8Array(pc.count);
  for (let k = 0; k < pc.count; k++) skip[k] = rc.cellMin[k]! <= budget ? 0 : 1;
  const pts: [number, number][] = [];
  for (let c = 0; c < HULL_COLUMNS; c++)
    for (const v of [stepAt(rc.lo[c]!, budget), stepAt(rc.hi[c]!, budget)])
      if (v >= 0) pts.push([nodeLng[v]!, nodeLat[v]!]);
  pts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const lower = chain(pts, 1);
  const upper = chain(pts, -1);
  if (lower.length < 2 || lower.length + upper.length < 5) return skip; // no area to be inside
  const minX = pts[0]![0];
  const maxX = pts[pts.length - 1]![0];
  const m = INSIDE_MARGIN;
  for (let k = 0; k < pc.count; k++) {
    if (skip[k] === 1) continue;
    const o = 4 * k;
    const bx0 = pc.box[o]!;
    const bx1 = pc.box[o + 2]!;
    if (!(bx0 > minX + m && bx1 < maxX - m)) continue; // also empty cells
    const floor = Math.max(at(lower, bx0, Math.max), at(lower, bx1, Math.max));
    const ceiling = Math.min(at(upper, bx0, Math.min), at(upper, bx1, Math.min));
    if (pc.box[o + 1]! > floor + m && pc.box[o + 3]! < ceiling - m) skip[k] = 1;
  }
  return skip;
}

/** Monotone chain over x-sorted points: the lower hull (sign 1) or the upper hull (sign -1), by x. */
function chain(pts: readonly [number, number][], sign: 1 | -1): [number, number][] {
  const out: [number, number][] = [];
  for (const p of pts) {
    while (out.length >= 2) {
      const o = out[out.length - 2]!;
      const a = out[out.length - 1]!;
      const cross = (a[0] - o[0]) * (p[1] - o[1]) - (a[1] - o[1]) * (p[0] - o[0]);
      if (sign * cross > 0) break;
      out.pop();
    }
    out.push(p);
  }
  return out;
}

/**
 * The chain's y at x (x within its span): binary search for the segment, then interpolate; on a
 * vertical segment (only at the span's ends) `pick` takes the conservative end.
 */
function at(ch: readonly [number, number][], x: number, pick: (a: number, b: number) => number): number {
  let a = 0;
  let b = ch.length - 1;
  while (b - a > 1) {
    const mid = (a + b) >> 1;
    if (ch[mid]![0] <= x) a = mid;
    else b = mid;
  }
  const p = ch[a]!;
  const q = ch[b]!;
  const dx = q[0] - p[0];
  return dx > 0 ? p[1] + ((x - p[0]) / dx) * (q[1] - p[1]) : pick(p[1], q[1]);
}
