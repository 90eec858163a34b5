/**
 * The area an officer draws to pick cameras (circle or polygon): the draft while drawing and the
 * finished shape. Geometry is built here, purely, so it is tested without a map.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point, Polygon, LineString } from 'geojson';
import { COLORS } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';
import { distanceMeters, metresPerDegree } from '../../../../shared/domain/geo';

export const SOURCE_ID = 'draw-area';

export type LngLatPair = readonly [number, number];
export type AreaDraft =
  | { kind: 'circle'; center: LngLatPair | null; edge: LngLatPair | null }
  | { kind: 'polygon'; vertices: readonly LngLatPair[]; cursor: LngLatPair | null };

/** Metres between two [lng, lat] points (the shared great-circle distance). */
export function distanceM(a: LngLatPair, b: LngLatPair): number {
  return distanceMeters(a[0], a[1], b[0], b[1]);
}

/** A closed ring approximating a circle of `radiusM` around `center`. */
export function circleRing(center: LngLatPair, radiusM: number, steps = 64): [number, number][] {
  const { mx, my } = metresPerDegree(center[1]);
  const dLat = radiusM / my;
  const dLng = radiusM / mx;
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * (i % steps)) / steps;
    ring.push([center[0] + dLng * Math.cos(a), center[1] + dLat * Math.sin(a)]);
  }
  return ring;
}

export function toFeatureCollection(
  draft: AreaDraft | null,
): FeatureCollection<Polygon | LineString | Point> {
  if (!draft) return collection([]);
  if (draft.kind === 'circle') {
    if (!draft.center) return collection([]);
    const centre = {
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [...draft.center] },
      properties: {},
    };
    if (!draft.edge) return collection<Point | Polygon, Record<string, never>>([centre]);
    const ring = circleRing(draft.center, Math.max(1, distanceM(draft.center, draft.edge)));
    return collection<Point | Polygon, Record<string, never>>([
      centre,
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: {} },
    ]);
  }
  const points = [...draft.vertices, ...(draft.cursor ? [draft.cursor] : [])].map(([x, y]) => [x, y]);
  if (points.length === 0) return collection([]);
  if (points.length < 3)
    return collection<LineString | Point, Record<string, never>>(
      points.length === 1
        ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: points[0]! }, properties: {} }]
        : [{ type: 'Feature', geometry: { type: 'LineString', coordinates: points }, properties: {} }],
    );
  return collection<Polygon, Record<string, never>>([
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[...points, points[0]!]] },
      properties: {},
    },
  ]);
}

export function layers(): LayerSpecification[] {
  return [
    {
      id: 'draw-area-fill',
      type: 'fill',
      source: SOURCE_ID,
      metadata: slot('live'),
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': COLORS.selected, 'fill-opacity': 0.12 },
    },
    {
      id: 'draw-area-line',
      type: 'line',
      source: SOURCE_ID,
      metadata: slot('live'),
      paint: { 'line-color': COLORS.selected, 'line-width': 2, 'line-dasharray': [2, 1] },
    },
    {
      id: 'draw-area-point',
      type: 'circle',
      source: SOURCE_ID,
      metadata: slot('live'),
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 4, 'circle-color': COLORS.selected },
    },
  ];
}

export function install(map: MaplibreMap, draft: AreaDraft | null): FeatureCollection {
  const fc = toFeatureCollection(draft);
  installSourceAndLayers(map, SOURCE_ID, geojsonSource(fc), layers());
  return fc;
}

export function update(map: MaplibreMap, draft: AreaDraft | null): FeatureCollection {
  const fc = toFeatureCollection(draft);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
