/**
 * The three ring lines (console numbering, see docs/cordon.md):
 *  1. incident area — the convex hull of the suspect's reachable road (or a county/district/drawn
 *     polygon). The hull contains every point the suspect may have reached, so each road crossing
 *     its outline outbound is an exit of the reachable region, and the suspect's remaining time
 *     to it is ≥ 0 (0 only at the hull's tips, where he may be right now);
 *  2. the city boundary (pack boundary level 'city', own);
 *  3. the stretch of the own-province outline that matters: within `withinKm` of the city and,
 *     when the pack has neighbour provinces, shared with one of them (a pack or data extract clips
 *     the province polygon; the clipped edges are no border).
 */
import type { BoundaryFeature, DistrictFeature } from '../../../shared/citypack/schema';
import type { Router } from '../../../node/routing';
import { ownPieceReach, pieceReach, unionIntervals, type Interval } from '../../../node/routing';
import type { SearchResult } from '../../../node/routing';
import {
  Frame,
  SegmentGrid,
  distanceToLine,
  polygonRingLine,
  polygonRings,
  ringLine,
  type PolygonGeometry,
  type Position,
  type RingLine,
} from './geometry';
import type { ResolvedCordonOptions } from './types';
import type { SuspectReach } from './race';
import { filteredConvexHull, PointBuffer } from './hull';
import { cellsInsideReach, pieceCells } from './pieceCells';

export interface BuiltRing {
  line: RingLine;
  geometry:
    | { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }
    | { type: 'MultiLineString'; coordinates: Position[][] };
  name: string;
  source: 'isochrone' | 'boundary' | 'polygon' | 'city' | 'province';
  lines: Position[][];
}

const asGeometry = (g: PolygonGeometry) => g as BuiltRing['geometry'];

function polygonRing(frame: Frame, g: PolygonGeometry, name: string, source: BuiltRing['source']): BuiltRing {
  return {
    line: polygonRingLine(frame, g),
    geometry: asGeometry(g),
    name,
    source,
    lines: polygonRings(g).map((r) => r.ring),
  };
}

/**
 * Ring 1 from the suspect's reach: convex hull of every reachable road stretch within `budget`.
 * `skipInside` (default): pieces in cells strictly inside the hull of the reachable nodes (none of
 * their points can be a hull vertex) or touching no reachable node are not visited (pieceCells.ts);
 * false visits every piece.
 */
export function isochroneRing(
  router: Router,
  frame: Frame,
  reach: SuspectReach,
  budget: number,
  skipInside = true,
): BuiltRing | null {
  const g = router.graph;
  const skip = skipInside ? cellsInsideReach(g, reach, budget) : null;
  const cellOf = skip ? pieceCells(g).cellOf : null;
  const res: SearchResult = { dist: (v) => reach.dist[v]!, pred: () => -1, settled: 0 };
  const pts = new PointBuffer();
  const iv: Interval[] = [];
  const w = reach.weights;
  const { shapeCum } = router.index;
  for (let p = 0; p < g.pieceCount; p++) {
    const own = p === reach.snap.piece;
    if (!own && skip && skip[cellOf![p]!] === 1) continue;
    if (!own && !(reach.dist[g.pieceFrom[p]!]! <= budget) && !(reach.dist[g.pieceTo[p]!]! <= budget))
      continue;
    iv.length = 0;
    pieceReach(g, res, w, p, budget, true, iv);
    if (own)
      ownPieceReach(reach.snap.length, reach.snap.offset, w, p, budget, reach.offRoadSeconds, true, iv);
    const s0 = g.geomOffset[p]!;
    const s1 = g.geomOffset[p + 1]! - 1;
    for (const [a, b] of unionIntervals(iv)) {
      // The whole piece (most of them): its shape points as they are, as index.slice would copy them.
      if (a <= 0 && b >= shapeCum[s1]! - 1e-6)
        for (let i = s0; i <= s1; i++) pts.push(g.shapeLng[i]!, g.shapeLat[i]!);
      else for (const pt of router.index.slice(p, a, b)) pts.push(pt[0], pt[1]);
    }
  }
  if (pts.length === 0) pts.push(reach.snap.lng, reach.snap.lat);
  const hull = filteredConvexHull(pts);
  if (hull.length < 4) return null; // reach is a point or a straight line: no area to enclose
  const geometry: PolygonGeometry = { type: 'Polygon', coordinates: [hull] };
  return polygonRing(frame, geometry, `reach ${Math.round(budget)} s`, 'isochrone');
}

/** Ring 1 from a pack boundary / patrol district id or a drawn polygon. */
export function polygonRing1(
  frame: Frame,
  opts: ResolvedCordonOptions['ring1'],
  boundaries: readonly BoundaryFeature[],
  districts: readonly DistrictFeature[],
): BuiltRing | string {
  if (opts.mode === 'polygon')
    return polygonRing(frame, opts.geometry as PolygonGeometry, 'drawn polygon', 'polygon');
  if (opts.mode !== 'boundary') return 'ring 1: not a polygon mode';
  const f =
    boundaries.find((b) => b.properties.id === opts.id || b.properties.adcode === opts.id) ??
    districts.find((d) => d.properties.id === opts.id);
  if (!f) return `ring 1: no boundary or district "${opts.id}" in the pack`;
  return polygonRing(frame, f.geometry as PolygonGeometry, f.properties.name, 'boundary');
}

export function cityFeature(boundaries: readonly BoundaryFeature[]): BoundaryFeature | undefined {
  return boundaries.find((b) => b.properties.level === 'city' && b.properties.own);
}

/** Ring 2: the own city's boundary. */
export function cityRing(frame: Frame, boundaries: readonly BoundaryFeature[]): BuiltRing | string {
  const city = cityFeature(boundaries);
  if (!city) return 'ring 2: the pack has no own city boundary (level "city", own: true)';
  return polygonRing(frame, city.geometry as PolygonGeometry, city.properties.name, 'city');
}

/**
 * Ring 3: the segments of the own province's outline near the city (and shared with a neighbour
 * province if the pack has one), chained into runs. A segment is kept when its midpoint passes
 * both tests; runs keep the province polygon's inside side.
 */
export function provinceRing(
  frame: Frame,
  boundaries: readonly BoundaryFeature[],
  opts: ResolvedCordonOptions['ring3'],
): BuiltRing | string {
  const own = boundaries.find((b) => b.properties.level === 'province' && b.properties.own);
  if (!own) return 'ring 3: the pack has no own province boundary (level "province", own: true)';
  const city = cityFeature(boundaries);
  const cityLine = city ? polygonRingLine(frame, city.geometry as PolygonGeometry) : null;
  const cityGrid = cityLine ? new SegmentGrid(cityLine, 2000) : null;
  const neighbours = boundaries.filter((b) => b.properties.level === 'province' && !b.properties.own);
  const nbLine = neighbours.length
    ? polygonRingLine(frame, {
        type: 'MultiPolygon',
        coordinates: neighbours.flatMap((n) =>
          n.geometry.type === 'Polygon' ? [n.geometry.coordinates] : n.geometry.coordinates,
        ) as Position[][][],
      })
    : null;
  const nbGrid = nbLine ? new SegmentGrid(nbLine, 2000) : null;
  const withinM = opts.withinKm * 1000;
  const keep = (a: Position, b: Position): boolean => {
    const x = frame.x((a[0] + b[0]) / 2);
    const y = frame.y((a[1] + b[1]) / 2);
    if (cityLine && cityGrid && !(distanceToLine(cityLine, cityGrid, x, y, withinM) <= withinM)) return false;
    if (
      opts.sharedOnly &&
      nbLine &&
      nbGrid &&
      !(distanceToLine(nbLine, nbGrid, x, y, opts.sharedToleranceMetres) <= opts.sharedToleranceMetres)
    )
      return false;
    return true;
  };
  const runs: { line: Position[]; insideLeft: boolean }[] = [];
  for (const { ring, insideLeft } of polygonRings(own.geometry as PolygonGeometry)) {
    const n = ring.length - 1; // closed ring: last = first
    const kept = Array.from({ length: n }, (_, i) => keep(ring[i]!, ring[i + 1]!));
    if (kept.every(Boolean)) {
      runs.push({ line: ring, insideLeft });
      continue;
    }
    // Start after a dropped segment so a run that wraps around the ring's seam stays one line.
    const start = kept.findIndex((k) => !k);
    let cur: Position[] | null = null;
    for (let k = 1; k <= n; k++) {
      const i = (start + k) % n;
      if (kept[i]) {
        if (!cur) runs.push({ line: (cur = [ring[i]!]), insideLeft });
        cur.push(ring[i + 1]!);
      } else cur = null;
    }
  }
  if (runs.length === 0) return 'ring 3: no stretch of the provincial border lies within reach of the city';
  return {
    line: ringLine(frame, runs),
    geometry: { type: 'MultiLineString', coordinates: runs.map((r) => r.line) },
    name: own.properties.name,
    source: 'province',
    lines: runs.map((r) => r.line),
  };
}
