/**
 * Planar geometry for the cordon: ring lines with a known inside side, a segment grid, segment
 * intersection and distances.
 *
 * Everything runs in one local equirectangular frame (metres). That map is affine in lng/lat, so
 * which segments intersect and on which side a point lies are exactly what they are in degrees;
 * only distances carry the (< 0.5 % over a prefecture) projection error.
 */
import { metresPerDegree } from '../../../shared/domain/geo';

export type Position = [number, number];
export type PolygonGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** Local metric frame around a reference point. */
export class Frame {
  readonly mx: number;
  readonly my: number;
  constructor(
    readonly lng0: number,
    readonly lat0: number,
  ) {
    const { mx, my } = metresPerDegree(lat0);
    this.mx = mx;
    this.my = my;
  }
  x(lng: number): number {
    return (lng - this.lng0) * this.mx;
  }
  y(lat: number): number {
    return (lat - this.lat0) * this.my;
  }
  lng(x: number): number {
    return x / this.mx + this.lng0;
  }
  lat(y: number): number {
    return y / this.my + this.lat0;
  }
}

/**
 * Segments of a ring line in frame metres. `insideLeft[i]` says whether the contained region lies
 * to the left of segment i (walking a→b); a crossing is outbound when it goes from that side to
 * the other. Keeping the side per segment (instead of a point-in-polygon test per crossing) also
 * works for ring 3, which is only a stretch of the province outline, not a closed polygon.
 */
export interface RingLine {
  ax: Float64Array;
  ay: Float64Array;
  bx: Float64Array;
  by: Float64Array;
  insideLeft: Uint8Array;
  /** Cumulative metres along the line at each segment start, for ordering crossings. */
  along: Float64Array;
  count: number;
}

/** Twice the signed area (positive = counter-clockwise) of a closed ring, in degrees². */
export function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s;
}

/** Rings of a polygon with their role: the region is left of an outer CCW ring or of a hole walked CW. */
export function polygonRings(g: PolygonGeometry): { ring: Position[]; insideLeft: boolean; hole: boolean }[] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: { ring: Position[]; insideLeft: boolean; hole: boolean }[] = [];
  for (const rings of polys)
    rings.forEach((ring, k) => {
      const ccw = signedArea2(ring) > 0;
      out.push({ ring, insideLeft: k === 0 ? ccw : !ccw, hole: k > 0 });
    });
  return out;
}

/** Builds a RingLine from polylines (each with its inside side). */
export function ringLine(
  frame: Frame,
  lines: readonly { line: readonly Position[]; insideLeft: boolean }[],
): RingLine {
  let n = 0;
  for (const l of lines) n += Math.max(0, l.line.length - 1);
  const r: RingLine = {
    ax: new Float64Array(n),
    ay: new Float64Array(n),
    bx: new Float64Array(n),
    by: new Float64Array(n),
    insideLeft: new Uint8Array(n),
    along: new Float64Array(n),
    count: n,
  };
  let i = 0;
  let cum = 0;
  for (const { line, insideLeft } of lines)
    for (let k = 0; k + 1 < line.length; k++, i++) {
      r.ax[i] = frame.x(line[k]![0]);
      r.ay[i] = frame.y(line[k]![1]);
      r.bx[i] = frame.x(line[k + 1]![0]);
      r.by[i] = frame.y(line[k + 1]![1]);
      r.insideLeft[i] = insideLeft ? 1 : 0;
      r.along[i] = cum;
      cum += Math.hypot(r.bx[i]! - r.ax[i]!, r.by[i]! - r.ay[i]!);
    }
  return r;
}

export function polygonRingLine(frame: Frame, g: PolygonGeometry): RingLine {
  return ringLine(
    frame,
    polygonRings(g).map(({ ring, insideLeft }) => ({ line: ring, insideLeft })),
  );
}

/** Uniform grid of segment ids over their bounding boxes (query by box). */
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

/**
 * Intersection of road segment p→q with ring segment s. Returns the parameter t on p→q and
 * whether the road goes from the inside side to the outside side, or null. Sides are half-open
 * (a point exactly on the line counts as inside) so a road touching the line and turning back
 * is no crossing.
 */
export function crossSegment(
  r: RingLine,
  s: number,
  px: number,
  py: number,
  qx: number,
  qy: number,
): { t: number; outbound: boolean } | null {
  const ax = r.ax[s]!;
  const ay = r.ay[s]!;
  const dx = r.bx[s]! - ax;
  const dy = r.by[s]! - ay;
  const sp = dx * (py - ay) - dy * (px - ax); // > 0: p left of a→b
  const sq = dx * (qy - ay) - dy * (qx - ax);
  const left = r.insideLeft[s] === 1;
  const pIn = left ? sp >= 0 : sp <= 0;
  const qIn = left ? sq >= 0 : sq <= 0;
  if (pIn === qIn) return null;
  // The ring segment's ends must lie on opposite sides of the road line (or on it).
  const ex = qx - px;
  const ey = qy - py;
  const sa = ex * (ay - py) - ey * (ax - px);
  const sb = ex * (r.by[s]! - py) - ey * (r.bx[s]! - px);
  if ((sa > 0 && sb > 0) || (sa < 0 && sb < 0)) return null;
  // Half-open along the ring too: a crossing exactly at a ring vertex belongs to the segment that
  // starts there, not to the one ending there (OSM roads often share a node with the border way).
  if (sb === 0) return null;
  const t = sp / (sp - sq);
  return { t: Math.min(1, Math.max(0, t)), outbound: pIn && !qIn };
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

/** Distance from a point (frame metres) to the nearest segment of a ring line (grid-accelerated). */
export function distanceToLine(
  r: RingLine,
  grid: SegmentGrid,
  x: number,
  y: number,
  maxMetres: number,
): number {
  let best = Infinity;
  for (let reach = grid.cell; ; reach *= 2) {
    grid.query(x - reach, y - reach, x + reach, y + reach, (s) => {
      best = Math.min(best, pointSegmentDistance(x, y, r.ax[s]!, r.ay[s]!, r.bx[s]!, r.by[s]!));
    });
    if (best <= reach || reach >= maxMetres) return best <= maxMetres ? best : Infinity;
  }
}

/** Area of a polygon in km² on a local frame per ring (error ≪ 1 % at prefecture size). */
export function polygonAreaKm2(g: PolygonGeometry): number {
  let total = 0;
  for (const { ring, hole } of polygonRings(g)) {
    const lat0 = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    const f = new Frame(ring[0]![0], lat0);
    let a = 0;
    for (let i = 0; i + 1 < ring.length; i++)
      a += f.x(ring[i]![0]) * f.y(ring[i + 1]![1]) - f.x(ring[i + 1]![0]) * f.y(ring[i]![1]);
    // Outer rings add, holes subtract, whatever their winding.
    total += (hole ? -1 : 1) * Math.abs(a / 2);
  }
  return total / 1e6;
}

/** Length of a polyline set in km. */
export function linesLengthKm(lines: readonly (readonly Position[])[]): number {
  let m = 0;
  for (const l of lines)
    for (let i = 0; i + 1 < l.length; i++) {
      const f = new Frame(l[i]![0], l[i]![1]);
      m += Math.hypot(f.x(l[i + 1]![0]), f.y(l[i + 1]![1]));
    }
  return m / 1000;
}
