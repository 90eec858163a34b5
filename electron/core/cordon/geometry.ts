/**
 * Planar geometry for the cordon: ring lines with a known inside side, segment intersection and
 * distances (the segment grid is in segmentGrid.ts, re-exported here).
 *
 * Everything runs in one local equirectangular frame (metres). That map is affine in lng/lat, so
 * which segments intersect and on which side a point lies are exactly what they are in degrees;
 * only distances carry the (< 0.5 % over a prefecture) projection error.
 */
import { metresPerDegree } from '../../../shared/domain/geo';
import { SegmentGrid, pointSegmentDistance } from './segmentGrid';

export { SegmentGrid, pointSegmentDistance };

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
