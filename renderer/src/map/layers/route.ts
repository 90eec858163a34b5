/**
 * The road route of the fastest unit to the selected alert: a bright line with a dark casing,
 * drawn under the alert and unit symbols so both ends stay visible.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, LineString } from 'geojson';
import { COLORS, type MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';

export const SOURCE_ID = 'route';
export const LINE_LAYER_ID = 'route-line';

export type RouteCoords = readonly (readonly [number, number])[];

export interface RouteProps {
  kind: 'best';
}

/** One LineString, or nothing when there is no route (or fewer than two points). */
export function toFeatureCollection(coords: RouteCoords | null): FeatureCollection<LineString, RouteProps> {
  if (!coords || coords.length < 2) return collection([]);
  return collection([
    {
      type: 'Feature' as const,
      geometry: { type: 'LineString' as const, coordinates: coords.map(([lng, lat]) => [lng, lat]) },
      properties: { kind: 'best' as const },
    },
  ]);
}

const width = (at10: number, at17: number): ExpressionSpecification => [
  'interpolate',
  ['exponential', 1.5],
  ['zoom'],
  10,
  at10,
  17,
  at17,
];

export function layers(_locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  const layout = { 'line-cap': 'round', 'line-join': 'round' } as const;
  return [
    {
      id: 'route-casing',
      type: 'line',
      source: SOURCE_ID,
      metadata: slot('live'),
      layout,
      paint: { 'line-color': COLORS.halo, 'line-width': width(5, 14), 'line-opacity': 0.85 },
    },
    {
      id: LINE_LAYER_ID,
      type: 'line',
      source: SOURCE_ID,
      metadata: slot('live'),
      layout,
      paint: { 'line-color': COLORS.selected, 'line-width': width(2.5, 8) },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection(null)) => geojsonSource(fc);

export function install(map: MaplibreMap, coords: RouteCoords | null): FeatureCollection {
  const fc = toFeatureCollection(coords);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers());
  return fc;
}

export function update(map: MaplibreMap, coords: RouteCoords | null): FeatureCollection {
  const fc = toFeatureCollection(coords);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
