/**
 * The area whose roads a city pack keeps: the city, and everything within `marginMetres` of the
 * lines the cordon watches beyond it (the city boundary, ring 2, and the stretch of provincial
 * border that ring 3 considers). Roads that cross those lines are then in the pack whole, so the
 * cordon finds their crossings, and units outside the city can drive in on real roads.
 *
 * Guarantee: every road segment that comes within `marginMetres` of a line is kept; in
 * particular every segment that crosses a line. Segments further out may be kept too (the test
 * runs on a raster of cell distances and only errs towards keeping).
 */
import type { RoadArea } from '../../../node/routing';
import { distanceMeters as distanceM } from '../../../shared/domain/geo';
import {
  Frame,
  SegmentGrid,
  distanceToLine,
  polygonRings,
  ringLine,
  type PolygonGeometry,
  type Position,
  type RingLine,
} from '../cordon/geometry';

export class CityRoadArea implements RoadArea {
  private readonly frame: Frame;
  private readonly lines: RingLine;
  private readonly grid: SegmentGrid;
  private readonly cell: number;
  /** Distance from a raster cell's centre to the lines, capped (Infinity beyond `cap`). */
  private readonly cellDist = new Map<number, number>();
  private readonly cap: number;
  private readonly city: PolygonIndex;

  constructor(
    city: PolygonGeometry,
    /** Further lines to keep roads around (ring 3), besides the city outline. */
    extraLines: readonly (readonly Position[])[],
    readonly marginMetres: number,
  ) {
    const rings = polygonRings(city).map((r) => r.ring);
    const [w, s, e, n] = bboxOf(rings);
    this.frame = new Frame((w + e) / 2, (s + n) / 2);
    this.lines = ringLine(
      this.frame,
      [...rings, ...extraLines].map((line) => ({ line, insideLeft: true })),
    );
    // Cells of 1/16 of the margin (50 m … 5 km): a cell centre's distance is within cell/√2 of
    // any point's in it, a slack the test below adds rather than loses.
    this.cell = Math.min(5000, Math.max(50, marginMetres / 16));
    this.cap = marginMetres + 2 * this.cell;
    this.grid = new SegmentGrid(this.lines, Math.max(500, marginMetres / 4));
    this.city = new PolygonIndex(rings);
  }

  inCity(lng: number, lat: number): boolean {
    return this.city.contains(lng, lat);
  }

  keepsSegment(aLng: number, aLat: number, bLng: number, bLat: number): boolean {
    // Closest point X of the segment to the lines at distance d: the midpoint m is within len/2 of
    // X, the centre of m's cell within cell/√2 of m. So d ≤ margin ⇒ dist(centre) ≤ bound.
    const half = distanceM(aLng, aLat, bLng, bLat) / 2;
    const mx = this.frame.x((aLng + bLng) / 2);
    const my = this.frame.y((aLat + bLat) / 2);
    const bound = this.marginMetres + half + this.cell * Math.SQRT1_2;
    const d =
      bound <= this.cap ? this.centreDistance(mx, my) : distanceToLine(this.lines, this.grid, mx, my, bound);
    return d <= bound || this.inCity(aLng, aLat) || this.inCity(bLng, bLat);
  }

  private centreDistance(x: number, y: number): number {
    const cx = Math.floor(x / this.cell);
    const cy = Math.floor(y / this.cell);
    const key = cy * 4_194_304 + cx; // unique while |cx| < 2^21 cells
    let d = this.cellDist.get(key);
    if (d === undefined) {
      d = distanceToLine(this.lines, this.grid, (cx + 0.5) * this.cell, (cy + 0.5) * this.cell, this.cap);
      this.cellDist.set(key, d);
    }
    return d;
  }
}

/**
 * Point in polygon by ray casting over horizontal strips: each strip lists the ring segments that
 * overlap it, so a test reads a few segments instead of every vertex of a prefecture outline.
 * Parity over all rings (holes included); the polygons of a MultiPolygon must not overlap.
 */
export class PolygonIndex {
  private readonly lat0: number;
  private readonly height: number;
  private readonly strips: number[][];
  private readonly seg: Float64Array; // x1, y1, x2, y2 per segment

  constructor(rings: readonly (readonly Position[])[]) {
    let count = 0;
    for (const r of rings) count += Math.max(0, r.length - 1);
    this.seg = new Float64Array(4 * count);
    let k = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rings)
      for (let i = 0; i + 1 < r.length; i++, k += 4) {
        this.seg.set([r[i]![0], r[i]![1], r[i + 1]![0], r[i + 1]![1]], k);
        lo = Math.min(lo, r[i]![1]);
        hi = Math.max(hi, r[i]![1]);
      }
    const n = Math.min(4096, Math.max(1, Math.ceil(count / 2)));
    this.lat0 = Number.isFinite(lo) ? lo : 0;
    this.height = Number.isFinite(hi) && hi > lo ? (hi - lo) / n : 1;
    this.strips = Array.from({ length: n }, () => []);
    for (let s = 0; s < count; s++) {
      const y1 = this.seg[4 * s + 1]!;
      const y2 = this.seg[4 * s + 3]!;
      const a = this.strip(Math.min(y1, y2));
      const b = this.strip(Math.max(y1, y2));
      for (let j = a; j <= b; j++) this.strips[j]!.push(s);
    }
  }

  private strip(y: number): number {
    return Math.min(this.strips.length - 1, Math.max(0, Math.floor((y - this.lat0) / this.height)));
  }

  contains(x: number, y: number): boolean {
    if (y < this.lat0 || y > this.lat0 + this.height * this.strips.length) return false;
    let inside = false;
    for (const s of this.strips[this.strip(y)]!) {
      const xi = this.seg[4 * s]!;
      const yi = this.seg[4 * s + 1]!;
      const xj = this.seg[4 * s + 2]!;
      const yj = this.seg[4 * s + 3]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
}

function bboxOf(lines: readonly (readonly Position[])[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const l of lines)
    for (const [x, y] of l) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  return b;
}
