/**
 * Isochrone: the road network reachable within T seconds from (or to) a point, as
 *  - `segments`: reachable road stretches with partial ends (for drawing and for a cordon: the
 *    open ends are where a ring of checkpoints would go),
 *  - `hull`: the convex hull of the reachable road (a quick outline),
 *  - `cells`: reachable grid cells merged into row rectangles (a tighter area that follows the
 *    road shape; better than the hull for rivers and hills).
 */
import type { ProfileId } from './profiles';
import type { Position } from './graph';
import { metresPerDegree } from '../../shared/domain/geo';
import { convexHull } from './geo';
import { ownPieceReach, pieceReach, unionIntervals, type Interval } from './reach';
import { partialCosts, type Router } from './router';

export interface IsochroneOptions {
  /** 'from': where a unit at the point can get to; 'to': from where the point can be reached. */
  direction?: 'from' | 'to';
  /** Grid cell edge for `cells`, metres. Default 100. */
  cellMetres?: number;
}

export interface IsochroneResult {
  seconds: number;
  profile: ProfileId;
  /** null when the point is off the network. */
  origin: { lng: number; lat: number; snapMetres: number } | null;
  segments: { piece: number; from: number; to: number; line: Position[] }[];
  reachableMetres: number;
  /** Graph nodes within the budget. */
  nodes: number[];
  hull: { type: 'Polygon'; coordinates: Position[][] } | null;
  cells: { type: 'MultiPolygon'; coordinates: Position[][][] };
}

export function isochrone(
  router: Router,
  point: { lng: number; lat: number },
  seconds: number,
  profile: ProfileId,
  opts: IsochroneOptions = {},
): IsochroneResult {
  const g = router.graph;
  const forward = (opts.direction ?? 'from') === 'from';
  const empty: IsochroneResult = {
    seconds,
    profile,
    origin: null,
    segments: [],
    reachableMetres: 0,
    nodes: [],
    hull: null,
    cells: { type: 'MultiPolygon', coordinates: [] },
  };
  const s = router.snap(point.lng, point.lat, profile);
  if (!s) return empty;
  const w = router.weights[profile];
  const off = router.offRoadSeconds(s, profile);
  const pc = partialCosts(s, w);
  const q = s.piece;
  const res = router.engine.run({
    weights: w,
    reverse: !forward,
    seedNodes: [g.pieceFrom[q]!, g.pieceTo[q]!],
    seedCosts: forward ? [off + pc.toStart, off + pc.toEnd] : [off + pc.fromStart, off + pc.fromEnd],
    maxCost: seconds,
  });
  const nodes: number[] = [];
  const touched = new Set<number>();
  for (let v = 0; v < g.nodeCount; v++) {
    if (res.dist(v) > seconds) continue;
    nodes.push(v);
    for (let e = g.firstEdge[v]!; e < g.firstEdge[v + 1]!; e++) touched.add(g.edgeRef[e]! >> 1);
  }
  touched.add(q);
  const segments: IsochroneResult['segments'] = [];
  let reachableMetres = 0;
  const iv: Interval[] = [];
  for (const p of touched) {
    iv.length = 0;
    pieceReach(g, res, w, p, seconds, forward, iv);
    if (p === q) ownPieceReach(g.pieceLength[p]!, s.offset, w, p, seconds, off, forward, iv);
    for (const [a, b] of unionIntervals(iv)) {
      segments.push({ piece: p, from: a, to: b, line: router.index.slice(p, a, b) });
      reachableMetres += b - a;
    }
  }
  const pts: Position[] = segments.flatMap((x) => x.line);
  const ring = convexHull(pts);
  return {
    seconds,
    profile,
    origin: { lng: s.lng, lat: s.lat, snapMetres: s.distance },
    segments,
    reachableMetres,
    nodes,
    hull: ring.length >= 4 ? { type: 'Polygon', coordinates: [ring] } : null,
    cells: cellPolygons(segments, opts.cellMetres ?? 100),
  };
}

/** Marks grid cells along the reachable lines (sampled at half a cell) and merges row runs. */
function cellPolygons(segments: IsochroneResult['segments'], cell: number): IsochroneResult['cells'] {
  if (segments.length === 0) return { type: 'MultiPolygon', coordinates: [] };
  const lat0 = segments[0]!.line[0]![1];
  const { mx, my } = metresPerDegree(lat0);
  const dLng = cell / mx;
  const dLat = cell / my;
  const rows = new Map<number, Set<number>>();
  const mark = (lng: number, lat: number) => {
    const r = Math.floor(lat / dLat);
    let set = rows.get(r);
    if (!set) rows.set(r, (set = new Set()));
    set.add(Math.floor(lng / dLng));
  };
  for (const { line } of segments) {
    for (let i = 0; i + 1 < line.length; i++) {
      const [x1, y1] = line[i]!;
      const [x2, y2] = line[i + 1]!;
      const steps = Math.max(1, Math.ceil(Math.hypot((x2 - x1) * mx, (y2 - y1) * my) / (cell / 2)));
      for (let k = 0; k <= steps; k++) mark(x1 + ((x2 - x1) * k) / steps, y1 + ((y2 - y1) * k) / steps);
    }
  }
  const polys: Position[][][] = [];
  for (const [r, set] of rows) {
    const cols = [...set].sort((a, b) => a - b);
    let start = cols[0]!;
    for (let i = 1; i <= cols.length; i++) {
      if (i < cols.length && cols[i] === cols[i - 1]! + 1) continue;
      const end = cols[i - 1]! + 1;
      const [x0, x1, y0, y1] = [start * dLng, end * dLng, r * dLat, (r + 1) * dLat];
      polys.push([
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ]);
      if (i < cols.length) start = cols[i]!;
    }
  }
  return { type: 'MultiPolygon', coordinates: polys };
}
