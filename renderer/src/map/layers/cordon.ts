/**
 * The three-ring cordon (三层查控圈, docs/cordon.md) of the selected alert: ring 1 (the area the
 * suspect can have reached) red and filled, ring 2 (city boundary) an orange dashed line, ring 3
 * (provincial border stretch) a purple dash-dot line; every road exit as a circle — green when a
 * checkpoint covers it, amber when a unit can get there before the suspect, red when lost — and
 * the recommended units' road routes to their gaps.
 */
import type { LngLatBoundsLike, Map as MaplibreMap } from 'maplibre-gl';
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { CordonAnalysis, CrossingStatus } from '../../../../shared/cordon/schema';
import { COLORS, FONT_REGULAR, TEXT_PAINT, type MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';

export const SOURCE_ID = 'cordon';
export const RING1_FILL_LAYER_ID = 'cordon-ring1-fill';
export const CROSSING_LAYER_ID = 'cordon-crossing';

export type CordonFeatureKind = 'ring' | 'crossing' | 'route';

export interface CordonProps {
  kind: CordonFeatureKind;
  /** 1 | 2 | 3 (0 for routes). */
  ring: number;
  /** Crossings: covered | interceptable | lost. */
  status: CrossingStatus | '';
  id: string;
  /** Crossings: road ref or name; routes: the unit id. */
  label: string;
}

export const RING_COLORS = { 1: '#ff3b3b', 2: '#ff8a1f', 3: '#b06ad9' } as const;
export const STATUS_COLORS: Record<CrossingStatus, string> = {
  covered: '#22c55e',
  interceptable: '#f59e0b',
  lost: '#ef4444',
};

const feature = (geometry: Geometry, props: CordonProps): Feature<Geometry, CordonProps> => ({
  type: 'Feature',
  geometry,
  properties: props,
});

/** Rings, then routes, then crossings (drawn in that order); nothing for no analysis. */
export function toFeatureCollection(
  analysis: CordonAnalysis | null,
): FeatureCollection<Geometry, CordonProps> {
  if (!analysis) return collection([]);
  const rings = analysis.rings.map((r) =>
    feature(r.geometry as Geometry, {
      kind: 'ring',
      ring: r.ring,
      status: '',
      id: `ring-${r.ring}`,
      label: r.name,
    }),
  );
  const routes = analysis.assignment
    .filter((a) => a.route && a.route.length >= 2)
    .map((a) =>
      feature(
        { type: 'LineString', coordinates: a.route! },
        { kind: 'route', ring: 0, status: '', id: a.crossingId, label: a.unitId },
      ),
    );
  const crossings = analysis.crossings.map((c) =>
    feature(
      { type: 'Point', coordinates: [c.lng, c.lat] },
      { kind: 'crossing', ring: c.ring, status: c.status, id: c.id, label: c.roadRef ?? c.roadName ?? c.id },
    ),
  );
  return collection([...rings, ...routes, ...crossings]);
}

function positions(geometry: CordonAnalysis['rings'][number]['geometry']): Position[] {
  switch (geometry.type) {
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'LineString':
      return geometry.coordinates;
  }
}

/** The view to show when a cordon opens: ring 1, the incident and every exit without a checkpoint. */
export function focusBounds(analysis: CordonAnalysis): [[number, number], [number, number]] | null {
  const ring1 = analysis.rings.find((r) => r.ring === 1);
  const points: Position[] = [
    [analysis.incident.lng, analysis.incident.lat],
    ...(ring1 ? positions(ring1.geometry) : []),
  ];
  for (const c of analysis.crossings) if (!c.covered) points.push([c.lng, c.lat]);
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  if (points.length < 2) return null;
  return [
    [Math.min(...xs), Math.min(...ys)],
    [Math.max(...xs), Math.max(...ys)],
  ];
}

/** Fits the view to `next` when it is a newly opened cordon (none before, or another incident). */
export function focus(map: MaplibreMap, prev: CordonAnalysis | null, next: CordonAnalysis | null): void {
  if (!next || (prev && prev.incident.lng === next.incident.lng && prev.incident.lat === next.incident.lat))
    return;
  const bounds = focusBounds(next);
  if (bounds) map.fitBounds(bounds as LngLatBoundsLike, { padding: 60, maxZoom: 15, maxDuration: 1500 });
}

const is = (kind: CordonFeatureKind, ring?: number): ExpressionSpecification =>
  ring === undefined
    ? ['==', ['get', 'kind'], kind]
    : ['all', ['==', ['get', 'kind'], kind], ['==', ['get', 'ring'], ring]];
const STATUS_COLOR: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  'covered',
  STATUS_COLORS.covered,
  'interceptable',
  STATUS_COLORS.interceptable,
  STATUS_COLORS.lost,
];
const width = (at8: number, at15: number): ExpressionSpecification => [
  'interpolate',
  ['linear'],
  ['zoom'],
  8,
  at8,
  15,
  at15,
];

export function layers(_locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  const layout = { 'line-join': 'round' } as const;
  return [
    {
      id: RING1_FILL_LAYER_ID,
      type: 'fill',
      source: SOURCE_ID,
      filter: is('ring', 1),
      metadata: slot('coverage'),
      paint: { 'fill-color': RING_COLORS[1], 'fill-opacity': 0.14 },
    },
    {
      id: 'cordon-ring1-line',
      type: 'line',
      source: SOURCE_ID,
      filter: is('ring', 1),
      metadata: slot('coverage'),
      layout,
      paint: { 'line-color': RING_COLORS[1], 'line-width': width(1.5, 3) },
    },
    {
      id: 'cordon-ring2-line',
      type: 'line',
      source: SOURCE_ID,
      filter: is('ring', 2),
      metadata: slot('coverage'),
      layout,
      paint: { 'line-color': RING_COLORS[2], 'line-width': width(2, 4), 'line-dasharray': [3, 2] },
    },
    {
      id: 'cordon-ring3-line',
      type: 'line',
      source: SOURCE_ID,
      filter: is('ring', 3),
      metadata: slot('coverage'),
      layout,
      paint: { 'line-color': RING_COLORS[3], 'line-width': width(2, 4), 'line-dasharray': [4, 2, 1, 2] },
    },
    {
      id: 'cordon-route',
      type: 'line',
      source: SOURCE_ID,
      filter: is('route'),
      metadata: slot('live'),
      layout: { ...layout, 'line-cap': 'round' },
      paint: { 'line-color': COLORS.selected, 'line-width': width(2, 5), 'line-opacity': 0.8 },
    },
    {
      id: CROSSING_LAYER_ID,
      type: 'circle',
      source: SOURCE_ID,
      filter: is('crossing'),
      metadata: slot('live'),
      paint: {
        'circle-color': STATUS_COLOR,
        'circle-radius': width(5, 9),
        'circle-stroke-color': COLORS.halo,
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'cordon-crossing-label',
      type: 'symbol',
      source: SOURCE_ID,
      filter: ['all', is('crossing'), ['!=', ['get', 'status'], 'covered']],
      metadata: slot('live'),
      layout: {
        'text-field': ['get', 'label'],
        'text-font': FONT_REGULAR,
        'text-size': 12,
        'text-offset': [0, 1.2],
        'text-anchor': 'top',
      },
      paint: { ...TEXT_PAINT, 'text-color': STATUS_COLOR },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection(null)) => geojsonSource(fc);

export function install(map: MaplibreMap, analysis: CordonAnalysis | null): FeatureCollection {
  const fc = toFeatureCollection(analysis);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers());
  return fc;
}

export function update(map: MaplibreMap, analysis: CordonAnalysis | null): FeatureCollection {
  const fc = toFeatureCollection(analysis);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
