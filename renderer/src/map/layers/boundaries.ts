/**
 * Administrative boundaries. These are the outer two of the three control rings (ring 2 = city
 * boundary, ring 3 = provincial border), so each level gets its own unmistakable dash pattern and
 * colour, drawn above the roads.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { BoundaryFeature } from '../../../../shared/citypack/schema';
import { COLORS, FONT_BOLD, TEXT_PAINT, nameField, type MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';

export const SOURCE_ID = 'boundaries';

export interface BoundaryProps {
  id: string;
  level: 'province' | 'city' | 'county';
  name: string;
  nameEn: string;
  own: boolean;
}

export function toFeatureCollection(boundaries: { features: readonly BoundaryFeature[] }): FeatureCollection<Polygon | MultiPolygon, BoundaryProps> {
  return collection(
    boundaries.features.map((f) => ({
      type: 'Feature' as const,
      geometry: f.geometry as Polygon | MultiPolygon,
      properties: { id: f.properties.id, level: f.properties.level, name: f.properties.name, nameEn: f.properties.nameEn, own: f.properties.own },
    })),
  );
}

export function layers(locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  return [
    // A faint lift of the own city's area, so "inside ring 2" reads at a glance.
    {
      id: 'boundaries-city-fill',
      type: 'fill',
      source: SOURCE_ID,
      filter: ['all', ['==', ['get', 'level'], 'city'], ['==', ['get', 'own'], true]],
      metadata: slot('area'),
      paint: { 'fill-color': COLORS.ownCityFill, 'fill-opacity': 1 },
    },
    {
      id: 'boundaries-county',
      type: 'line',
      source: SOURCE_ID,
      filter: ['==', ['get', 'level'], 'county'],
      metadata: slot('border'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.county, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 14, 1.6], 'line-dasharray': [1, 2] },
    },
    {
      id: 'boundaries-city',
      type: 'line',
      source: SOURCE_ID,
      filter: ['==', ['get', 'level'], 'city'],
      metadata: slot('border'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.city,
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.5, 14, 3],
        'line-dasharray': [4, 2],
        // Neighbouring cities stay visible but recede.
        'line-opacity': ['case', ['==', ['get', 'own'], true], 0.95, 0.45],
      },
    },
    // Provincial border: a wide soft glow under a dash-dot line, the heaviest line on the map.
    {
      id: 'boundaries-province-glow',
      type: 'line',
      source: SOURCE_ID,
      filter: ['==', ['get', 'level'], 'province'],
      metadata: slot('border'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.province, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 4, 14, 10], 'line-opacity': 0.18, 'line-blur': 2 },
    },
    {
      id: 'boundaries-province',
      type: 'line',
      source: SOURCE_ID,
      filter: ['==', ['get', 'level'], 'province'],
      metadata: slot('border'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.province, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.8, 14, 3.5], 'line-dasharray': [6, 2, 1, 2] },
    },
    // Neighbouring province names (e.g. 河南) so the officer knows which way the border faces.
    {
      id: 'boundaries-province-label',
      type: 'symbol',
      source: SOURCE_ID,
      filter: ['all', ['==', ['get', 'level'], 'province'], ['==', ['get', 'own'], false]],
      metadata: slot('label'),
      layout: { 'text-field': nameField(locale), 'text-font': FONT_BOLD, 'text-size': 16, 'text-letter-spacing': 0.3 },
      paint: { ...TEXT_PAINT, 'text-color': COLORS.province, 'text-opacity': 0.8 },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection({ features: [] })) => geojsonSource(fc);

export function install(map: MaplibreMap, boundaries: { features: readonly BoundaryFeature[] }, locale: MapLocale = 'zh-CN'): FeatureCollection {
  const fc = toFeatureCollection(boundaries);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers(locale));
  return fc;
}

export function update(map: MaplibreMap, boundaries: { features: readonly BoundaryFeature[] }): FeatureCollection {
  const fc = toFeatureCollection(boundaries);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
