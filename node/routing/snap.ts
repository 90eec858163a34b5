/**
 * Snapping points to the nearest usable road through a flat grid over shape segments.
 *
 * Why a grid and not kdbush: kdbush indexes points, and the nearest *point* of a long road segment
 * can be far from the nearest shape vertex; a grid of segment buckets answers the exact
 * point-to-segment question with a ring search and costs two Int32Arrays.
 */
import type { RoadGraph } from './graph';
import { distanceMeters as distanceM, metresPerDegree } from '../../shared/domain/geo';

export interface Snap {
  piece: number;
  /** Metres from the piece's `from` node along its shape. */
  offset: number;
  /** Piece length, metres (same units as offset). */
  length: number;
  /** Projected point on the road. */
  lng: number;
  lat: number;
  /** Straight-line metres from the query point to the road. */
  distance: number;
}

/** Which pieces a profile may stand on: at least one direction has a finite weight. */
export const usableBy = (weights: Float64Array) => (piece: number) =>
  weights[2 * piece]! < Infinity || weights[2 * piece + 1]! < Infinity;

export class SnapIndex {
  readonly cellMetres: number;
  private readonly lng0: number;
  private readonly lat0: number;
  private readonly mx: number;
  private readonly my: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellStart: Int32Array;
  private readonly cellSegs: Int32Array;
  /** Piece of each shape point's outgoing segment (-1 for a piece's last point). */
  private readonly segPiece: Int32Array;
  /** Metres from the piece start at each shape point (haversine, consistent with pieceLength). */
  readonly shapeCum: Float64Array;
  /** Shape points projected to local metres once, so queries allocate and convert nothing. */
  private readonly sx: Float64Array;
  private readonly sy: Float64Array;

  constructor(
    private readonly g: RoadGraph,
    cellMetres = 150,
  ) {
    this.cellMetres = cellMetres;
    const [minLng, minLat, maxLng, maxLat] = g.meta.bbox;
    this.lng0 = minLng;
    this.lat0 = minLat;
    ({ mx: this.mx, my: this.my } = metresPerDegree((minLat + maxLat) / 2));
    this.cols = Math.max(1, Math.ceil(((maxLng - minLng) * this.mx) / cellMetres) + 1);
    this.rows = Math.max(1, Math.ceil(((maxLat - minLat) * this.my) / cellMetres) + 1);
    const S = g.shapeLng.length;
    this.sx = new Float64Array(S);
    this.sy = new Float64Array(S);
    for (let i = 0; i < S; i++) {
      this.sx[i] = (g.shapeLng[i]! - this.lng0) * this.mx;
      this.sy[i] = (g.shapeLat[i]! - this.lat0) * this.my;
    }
    this.segPiece = new Int32Array(S).fill(-1);
    this.shapeCum = new Float64Array(S);
    for (let p = 0; p < g.pieceCount; p++) {
      const end = g.geomOffset[p + 1]! - 1;
      for (let i = g.geomOffset[p]!; i < end; i++) {
        this.segPiece[i] = p;
        this.shapeCum[i + 1] =
          this.shapeCum[i]! +
          distanceM(g.shapeLng[i]!, g.shapeLat[i]!, g.shapeLng[i + 1]!, g.shapeLat[i + 1]!);
      }
    }
    // Two passes (count, fill) over the cells each segment's bbox touches.
    const counts = new Int32Array(this.cols * this.rows + 1);
    this.forSegmentCells((c) => counts[c + 1]!++);
    for (let c = 0; c < this.cols * this.rows; c++) counts[c + 1]! += counts[c]!;
    this.cellStart = counts;
    this.cellSegs = new Int32Array(counts[this.cols * this.rows]!);
    const fill = counts.slice(0, -1);
    this.forSegmentCells((c, seg) => (this.cellSegs[fill[c]!++] = seg));
  }

  private forSegmentCells(fn: (cell: number, seg: number) => void): void {
    for (let i = 0; i < this.segPiece.length; i++) {
      if (this.segPiece[i]! < 0) continue;
      const x1 = this.sx[i]!;
      const y1 = this.sy[i]!;
      const x2 = this.sx[i + 1]!;
      const y2 = this.sy[i + 1]!;
      const c0 = this.clampC(Math.floor(Math.min(x1, x2) / this.cellMetres));
      const c1 = this.clampC(Math.floor(Math.max(x1, x2) / this.cellMetres));
      const r0 = this.clampR(Math.floor(Math.min(y1, y2) / this.cellMetres));
      const r1 = this.clampR(Math.floor(Math.max(y1, y2) / this.cellMetres));
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) fn(r * this.cols + c, i);
    }
  }

  private xy(lng: number, lat: number): [number, number] {
    return [(lng - this.lng0) * this.mx, (lat - this.lat0) * this.my];
  }
  private clampC = (c: number) => Math.min(this.cols - 1, Math.max(0, c));
  private clampR = (r: number) => Math.min(this.rows - 1, Math.max(0, r));

  /**
   * Nearest point on a piece accepted by `usable`, within maxMetres; null when none.
   * Ring search: after scanning ring r, nothing outside it can be closer than r cells.
   */
  snap(
    lng: number,
    lat: number,
    usable: (piece: number) => boolean = () => true,
    maxMetres = 500,
  ): Snap | null {
    const g = this.g;
    const { sx, sy } = this;
    const [px, py] = this.xy(lng, lat);
    const cx = Math.floor(px / this.cellMetres);
    const cy = Math.floor(py / this.cellMetres);
    // Points outside the grid: start from the nearest border cell but keep the true distance.
    const maxRing = Math.ceil(maxMetres / this.cellMetres) + 1;
    let best = -1;
    let bestD2 = maxMetres * maxMetres;
    let bestT = 0;
    for (let ring = 0; ring <= maxRing; ring++) {
      const minD = (ring - 1) * this.cellMetres;
      if (best >= 0 && minD > 0 && minD * minD > bestD2) break;
      for (let r = cy - ring; r <= cy + ring; r++) {
        if (r < 0 || r >= this.rows) continue;
        const edge = r === cy - ring || r === cy + ring;
        for (let c = cx - ring; c <= cx + ring; c += edge ? 1 : 2 * ring) {
          if (c >= 0 && c < this.cols) {
            const cell = r * this.cols + c;
            for (let k = this.cellStart[cell]!; k < this.cellStart[cell + 1]!; k++) {
              const i = this.cellSegs[k]!;
              const p = this.segPiece[i]!;
              const x1 = sx[i]!;
              const y1 = sy[i]!;
              const x2 = sx[i + 1]!;
              const y2 = sy[i + 1]!;
              const dx = x2 - x1;
              const dy = y2 - y1;
              const l2 = dx * dx + dy * dy;
              const t = l2 > 0 ? Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / l2)) : 0;
              const ex = x1 + t * dx - px;
              const ey = y1 + t * dy - py;
              const d2 = ex * ex + ey * ey;
              if (d2 < bestD2 && usable(p)) {
                bestD2 = d2;
                best = i;
                bestT = t;
              }
            }
          }
          if (ring === 0) break;
        }
      }
    }
    if (best < 0) return null;
    const p = this.segPiece[best]!;
    const i = best;
    const segLen = this.shapeCum[i + 1]! - this.shapeCum[i]!;
    const length = this.shapeCum[g.geomOffset[p + 1]! - 1]!;
    const sLng = g.shapeLng[i]! + bestT * (g.shapeLng[i + 1]! - g.shapeLng[i]!);
    const sLat = g.shapeLat[i]! + bestT * (g.shapeLat[i + 1]! - g.shapeLat[i]!);
    return {
      piece: p,
      offset: Math.min(length, this.shapeCum[i]! + bestT * segLen),
      length,
      lng: sLng,
      lat: sLat,
      distance: Math.sqrt(bestD2),
    };
  }

  /** Shape of piece p between two offsets (metres), in the order given (from > to reverses). */
  slice(p: number, from: number, to: number): [number, number][] {
    const g = this.g;
    const s0 = g.geomOffset[p]!;
    const s1 = g.geomOffset[p + 1]! - 1;
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    // Whole piece (the common case in isochrones and routes): copy the shape, no searching.
    if (lo <= 0 && hi >= this.shapeCum[s1]! - 1e-6) {
      const full: [number, number][] = [];
      for (let i = s0; i <= s1; i++) full.push([g.shapeLng[i]!, g.shapeLat[i]!]);
      return from > to ? full.reverse() : full;
    }
    const at = (off: number): [number, number] => {
      let i = s0;
      while (i < s1 - 1 && this.shapeCum[i + 1]! < off) i++;
      const seg = this.shapeCum[i + 1]! - this.shapeCum[i]!;
      const t = seg > 0 ? Math.max(0, Math.min(1, (off - this.shapeCum[i]!) / seg)) : 0;
      return [
        g.shapeLng[i]! + t * (g.shapeLng[i + 1]! - g.shapeLng[i]!),
        g.shapeLat[i]! + t * (g.shapeLat[i + 1]! - g.shapeLat[i]!),
      ];
    };
    const out: [number, number][] = [at(lo)];
    for (let i = s0 + 1; i < s1; i++) {
      const c = this.shapeCum[i]!;
      if (c > lo && c < hi) out.push([g.shapeLng[i]!, g.shapeLat[i]!]);
    }
    out.push(at(hi));
    return from > to ? out.reverse() : out;
  }
}
