/**
 * A uniform grid of a ring line's segment ids over their bounding boxes (or, tight, over the cells
 * they pass through), queried by box: the ring crossings, the distance to a line and the road-name
 * lookup of the cordon (geometry.ts, crossings.ts).
 */
import type { RingLine } from './geometry';

/**
 * Whether the four corners of the box [xa, xb] × [ya, yb] lie strictly on one side of the line
 * through (ax, ay) with direction (dx, dy): then no segment on that line meets the box.
 */
function cornersOneSide(
  ax: number,
  ay: number,
  dx: number,
  dy: number,
  xa: number,
  ya: number,
  xb: number,
  yb: number,
): boolean {
  const s1 = dx * (ya - ay) - dy * (xa - ax);
  const s2 = dx * (ya - ay) - dy * (xb - ax);
  const s3 = dx * (yb - ay) - dy * (xa - ax);
  const s4 = dx * (yb - ay) - dy * (xb - ax);
  return (s1 > 0 && s2 > 0 && s3 > 0 && s4 > 0) || (s1 < 0 && s2 < 0 && s3 < 0 && s4 < 0);
}

/** Distance from (x, y) to segment (ax, ay)–(bx, by). */
export function pointSegmentDistance(
  x: number,
  y: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0;
  return Math.hypot(ax + t * dx - x, ay + t * dy - y);
}

/** Metres around a cell within which a tight grid still files a segment: far above rounding. */
const TIGHT_MARGIN = 1;

export class SegmentGrid {
  private readonly x0: number;
  private readonly y0: number;
  private readonly cells: Map<number, number[]> = new Map();
  private readonly stamp: Uint32Array;
  private gen = 0;

  /**
   * `tight`: a segment is filed only under the cells it passes within TIGHT_MARGIN of, not every
   * cell of its bounding box (a ring-1 hull edge runs 30 km diagonally: ~900 cells against ~40).
   * Queries then return fewer segments, in another order; every segment meeting the query box is
   * still among them.
   */
  constructor(
    private readonly r: RingLine,
    readonly cell: number,
    tight = false,
  ) {
    let [minX, minY] = [Infinity, Infinity];
    for (let i = 0; i < r.count; i++) {
      minX = Math.min(minX, r.ax[i]!, r.bx[i]!);
      minY = Math.min(minY, r.ay[i]!, r.by[i]!);
    }
    this.x0 = Number.isFinite(minX) ? minX : 0;
    this.y0 = Number.isFinite(minY) ? minY : 0;
    this.stamp = new Uint32Array(r.count);
    for (let i = 0; i < r.count; i++)
      this.forCells(
        Math.min(r.ax[i]!, r.bx[i]!),
        Math.min(r.ay[i]!, r.by[i]!),
        Math.max(r.ax[i]!, r.bx[i]!),
        Math.max(r.ay[i]!, r.by[i]!),
        (c) => {
          if (tight && !this.passes(i, c)) return;
          const list = this.cells.get(c);
          if (list) list.push(i);
          else this.cells.set(c, [i]);
        },
      );
  }

  /** Whether segment i passes within TIGHT_MARGIN of cell c (not all four corners on one side). */
  private passes(i: number, c: number): boolean {
    const r = this.r;
    const row = Math.floor(c / 1_048_576); // keys are row · 2^20 + col, both ≥ 0 here
    const col = c - row * 1_048_576;
    const m = TIGHT_MARGIN;
    const xa = this.x0 + col * this.cell - m;
    const xb = this.x0 + (col + 1) * this.cell + m;
    const ya = this.y0 + row * this.cell - m;
    const yb = this.y0 + (row + 1) * this.cell + m;
    const ax = r.ax[i]!;
    const ay = r.ay[i]!;
    const dx = r.bx[i]! - ax;
    const dy = r.by[i]! - ay;
    return !cornersOneSide(ax, ay, dx, dy, xa, ya, xb, yb);
  }

  private forCells(x1: number, y1: number, x2: number, y2: number, fn: (c: number) => void): void {
    const c0 = Math.floor((x1 - this.x0) / this.cell);
    const c1 = Math.floor((x2 - this.x0) / this.cell);
    const r0 = Math.floor((y1 - this.y0) / this.cell);
    const r1 = Math.floor((y2 - this.y0) / this.cell);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) fn(r * 1_048_576 + c); // unique while |c| < 2^19 cells (thousands of km)
  }

  /**
   * Whether some segment meets the box [x1, x2] × [y1, y2] (edges included; boxes overlap and the
   * corners are not all on one side of the segment's line): no road whose box meets none can
   * cross the line.
   */
  meetsBox(x1: number, y1: number, x2: number, y2: number): boolean {
    return this.meetsBoxAt([x1, y1, x2, y2], 0, 0);
  }

  /**
   * meetsBox for the box at boxes[k … k+3] (minX, minY, maxX, maxY) widened by `margin`: only
   * integers and arrays cross the call, so a scan over a graph's pieces allocates no numbers.
   */
  meetsBoxAt(boxes: ArrayLike<number>, k: number, margin: number): boolean {
    const x1 = boxes[k]! - margin;
    const y1 = boxes[k + 1]! - margin;
    const x2 = boxes[k + 2]! + margin;
    const y2 = boxes[k + 3]! + margin;
    const r = this.r;
    const c0 = Math.floor((x1 - this.x0) / this.cell);
    const c1 = Math.floor((x2 - this.x0) / this.cell);
    const r0 = Math.floor((y1 - this.y0) / this.cell);
    const r1 = Math.floor((y2 - this.y0) / this.cell);
    for (let row = r0; row <= r1; row++)
      for (let col = c0; col <= c1; col++) {
        const list = this.cells.get(row * 1_048_576 + col);
        if (!list) continue;
        for (const s of list) {
          const ax = r.ax[s]!;
          const bx = r.bx[s]!;
          const ay = r.ay[s]!;
          const by = r.by[s]!;
          if (
            (ax < bx ? ax : bx) <= x2 &&
            (ax < bx ? bx : ax) >= x1 &&
            (ay < by ? ay : by) <= y2 &&
            (ay < by ? by : ay) >= y1 &&
            !cornersOneSide(ax, ay, bx - ax, by - ay, x1, y1, x2, y2)
          )
            return true;
        }
      }
    return false;
  }

  /**
   * The segment nearest to (x, y) within maxDist (-1: none), the last of equally near ones in
   * query order: what query() over the box around the point with a `d <= best` test gives, without
   * a callback per segment. A segment whose bounding box lies farther than the best so far cannot
   * be nearer (1 µm of slack against rounding), so most skip the distance computation.
   */
  nearest(x: number, y: number, maxDist: number): number {
    if (++this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    const gen = this.gen;
    const r = this.r;
    const c0 = Math.floor((x - maxDist - this.x0) / this.cell);
    const c1 = Math.floor((x + maxDist - this.x0) / this.cell);
    const r0 = Math.floor((y - maxDist - this.y0) / this.cell);
    const r1 = Math.floor((y + maxDist - this.y0) / this.cell);
    let best = -1;
    let bestD = maxDist;
    for (let row = r0; row <= r1; row++)
      for (let col = c0; col <= c1; col++) {
        const list = this.cells.get(row * 1_048_576 + col);
        if (!list) continue;
        for (const s of list) {
          if (this.stamp[s] === gen) continue;
          this.stamp[s] = gen;
          const ax = r.ax[s]!;
          const ay = r.ay[s]!;
          const bx = r.bx[s]!;
          const by = r.by[s]!;
          const ox = Math.max((ax < bx ? ax : bx) - x, 0, x - (ax < bx ? bx : ax));
          const oy = Math.max((ay < by ? ay : by) - y, 0, y - (ay < by ? by : ay));
          const reach = bestD + 1e-6;
          if (ox * ox + oy * oy > reach * reach) continue;
          const d = pointSegmentDistance(x, y, ax, ay, bx, by);
          if (d <= bestD) {
            bestD = d;
            best = s;
          }
        }
      }
    return best;
  }

  /**
   * Whether any cell the box meets holds a segment: whether query() over the box would call its
   * callback at all, without a callback (crossings.ts asks it for each of ~12,000 cells).
   */
  anyCellIn(x1: number, y1: number, x2: number, y2: number): boolean {
    const c0 = Math.floor((Math.min(x1, x2) - this.x0) / this.cell);
    const c1 = Math.floor((Math.max(x1, x2) - this.x0) / this.cell);
    const r0 = Math.floor((Math.min(y1, y2) - this.y0) / this.cell);
    const r1 = Math.floor((Math.max(y1, y2) - this.y0) / this.cell);
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) if (this.cells.has(r * 1_048_576 + c)) return true;
    return false;
  }

  /** Calls fn once per segment whose cell range meets the box (deduplicated per query by a stamp). */
  query(x1: number, y1: number, x2: number, y2: number, fn: (seg: number) => void): void {
    if (++this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    const gen = this.gen;
    this.forCells(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2), (c) => {
      const list = this.cells.get(c);
      if (!list) return;
      for (const s of list)
        if (this.stamp[s] !== gen) {
          this.stamp[s] = gen;
          fn(s);
        }
    });
  }
}
