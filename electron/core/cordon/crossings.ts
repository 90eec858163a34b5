/**
 * Road crossings of a ring line: every shape segment of every graph piece is tested against the
 * ring segments in its grid cells. A geometric crossing has a direction along the piece's shape;
 * its *outbound* direction is the one leaving the inside. Whether that is an exit depends on who
 * travels: the crossing counts when the suspect's profile may use the piece in the outbound
 * direction (a one-way road that only enters is no exit for a car; a motorway is none on foot).
 */
import type { RoadGraph } from '../../../node/routing';
import type { Router } from '../../../node/routing';
import { pieceCells, type PieceCells } from './pieceCells';
import { Frame, SegmentGrid, crossSegment, type RingLine } from './geometry';

export interface RawCrossing {
  piece: number;
  /** 0: outbound along the piece's shape (edge 2p), 1: against it (edge 2p+1). */
  direction: 0 | 1;
  /** Metres from the piece's `from` node (shape metres, as the snap index measures). */
  offset: number;
  length: number;
  lng: number;
  lat: number;
  /** Metres along the ring line, for ordering and numbering. */
  along: number;
  /** Midpoint of the crossed shape segment: strictly inside one source road, for name lookup. */
  midLng: number;
  midLat: number;
}

/** The frame every cordon computation on this graph uses: centred on the graph's bbox. */
export function graphFrame(g: RoadGraph): Frame {
  const [a, b, c, d] = g.meta.bbox;
  return new Frame((a + c) / 2, (b + d) / 2);
}

/** A graph's shape points in a frame, and each piece's bounding box there (per graph and frame). */
interface ProjectedShapes {
  x: Float64Array;
  y: Float64Array;
  /** minX, minY, maxX, maxY per piece. */
  box: Float64Array;
}

const projected = new WeakMap<RoadGraph, WeakMap<Frame, ProjectedShapes>>();

function projectedShapes(g: RoadGraph, frame: Frame): ProjectedShapes {
  let byFrame = projected.get(g);
  if (!byFrame) projected.set(g, (byFrame = new WeakMap()));
  let ps = byFrame.get(frame);
  if (ps) return ps;
  const n = g.shapeLng.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = frame.x(g.shapeLng[i]!);
    y[i] = frame.y(g.shapeLat[i]!);
  }
  const box = new Float64Array(4 * g.pieceCount);
  for (let p = 0; p < g.pieceCount; p++) {
    let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = g.geomOffset[p]!, end = g.geomOffset[p + 1]!; i < end; i++) {
      a = Math.min(a, x[i]!);
      b = Math.min(b, y[i]!);
      c = Math.max(c, x[i]!);
      d = Math.max(d, y[i]!);
    }
    box.set([a, b, c, d], 4 * p);
  }
  byFrame.set(frame, (ps = { x, y, box }));
  return ps;
}

/** Metres: far above the rounding of the orientation tests (~1e-9 m), so no crossing is lost. */
const BOX_MARGIN = 1;

/**
 * All geometric crossings of the ring line by road pieces, in both directions. `useCells`
 * (default): pieces in cells whose box meets no cell of the line's grid are not visited
 * (pieceCells.ts), nor pieces whose box meets no ring segment's box; the same crossings in the
 * same order.
 */
export function scanCrossings(router: Router, frame: Frame, ring: RingLine, useCells = true): RawCrossing[] {
  const g = router.graph;
  const out: RawCrossing[] = [];
  if (ring.count === 0) return out;
  const grid = new SegmentGrid(ring, 1000, useCells);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < ring.count; i++) {
    minX = Math.min(minX, ring.ax[i]!, ring.bx[i]!);
    maxX = Math.max(maxX, ring.ax[i]!, ring.bx[i]!);
    minY = Math.min(minY, ring.ay[i]!, ring.by[i]!);
    maxY = Math.max(maxY, ring.ay[i]!, ring.by[i]!);
  }
  const { x: sx, y: sy, box } = projectedShapes(g, frame);
  const cells = useCells ? pieceCells(g) : null;
  const far = cells ? farCells(cells, frame, grid) : null;
  for (let p = 0; p < g.pieceCount; p++) {
    if (far && far[cells!.cellOf[p]!] === 1) continue;
    // A piece wholly outside the ring's bbox has no segment to test.
    if (box[4 * p + 2]! < minX || box[4 * p]! > maxX || box[4 * p + 3]! < minY || box[4 * p + 1]! > maxY)
      continue;
    // Nor a piece whose box (widened by BOX_MARGIN) meets no ring segment's box.
    if (useCells && !grid.meetsBoxAt(box, 4 * p, BOX_MARGIN)) continue;
    piecesCrossings(router, frame, ring, grid, sx, sy, p, minX, minY, maxX, maxY, out);
  }
  return out.sort((a, b) => a.along - b.along);
}

/**
 * The crossings of one piece's shape segments with the ring line, appended to `out`. Its own
 * function: the segment callback captures the loop's variables, and in the piece loop that made
 * V8 allocate a context for every one of the graph's pieces (~37 MB per scan on the large city).
 */
function piecesCrossings(
  router: Router,
  frame: Frame,
  ring: RingLine,
  grid: SegmentGrid,
  sx: Float64Array,
  sy: Float64Array,
  p: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  out: RawCrossing[],
): void {
  const g = router.graph;
  const cum = router.index.shapeCum;
  const s0 = g.geomOffset[p]!;
  const s1 = g.geomOffset[p + 1]! - 1;
  let px = sx[s0]!;
  let py = sy[s0]!;
  for (let i = s0; i < s1; i++) {
    const qx = sx[i + 1]!;
    const qy = sy[i + 1]!;
    // Cheap reject against the ring's bbox before touching the grid.
    if (!(
      Math.max(px, qx) < minX ||
      Math.min(px, qx) > maxX ||
      Math.max(py, qy) < minY ||
      Math.min(py, qy) > maxY
    )) {
      const x1 = px;
      const y1 = py;
      grid.query(px, py, qx, qy, (s) => {
        const hit = crossSegment(ring, s, x1, y1, qx, qy);
        if (!hit) return;
        const x = x1 + hit.t * (qx - x1);
        const y = y1 + hit.t * (qy - y1);
        const length = cum[s1]!;
        out.push({
          piece: p,
          direction: hit.outbound ? 0 : 1,
          offset: cum[i]! + hit.t * (cum[i + 1]! - cum[i]!),
          length,
          lng: frame.lng(x),
          lat: frame.lat(y),
          along: ring.along[s]! + Math.hypot(x - ring.ax[s]!, y - ring.ay[s]!),
          midLng: (g.shapeLng[i]! + g.shapeLng[i + 1]!) / 2,
          midLat: (g.shapeLat[i]! + g.shapeLat[i + 1]!) / 2,
        });
      });
    }
    px = qx;
    py = qy;
  }
}

/** Cells (1) whose box meets no grid cell of the ring line: none of their segments is tested. */
function farCells(cells: PieceCells, frame: Frame, grid: SegmentGrid): Uint8Array {
  const far = new Uint8Array(cells.count);
  const b = cells.box;
  for (let k = 0; k < cells.count; k++) {
    if (!(b[4 * k]! <= b[4 * k + 2]!)) {
      far[k] = 1; // empty
      continue;
    }
    if (
      !grid.anyCellIn(
        frame.x(b[4 * k]!),
        frame.y(b[4 * k + 1]!),
        frame.x(b[4 * k + 2]!),
        frame.y(b[4 * k + 3]!),
      )
    )
      far[k] = 1;
  }
  return far;
}

/** Crossings the suspect can use outbound. */
export function exitsFor(raw: readonly RawCrossing[], w: Float64Array): RawCrossing[] {
  return raw.filter((c) => w[2 * c.piece + c.direction]! < Infinity);
}
