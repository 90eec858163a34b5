/** Place labels: city and county towns always, towns and landmarks as the officer zooms in. */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import type { PlaceFeature } from '../../../../shared/citypack/schema';
import { COLORS, FONT_BOLD, FONT_REGULAR, TEXT_PAINT, nameField, type MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';

export const SOURCE_ID = 'places';

type PlaceKind = PlaceFeature['properties']['kind'];

export interface PlaceProps {
  name: string;
  nameEn: string;
  kind: PlaceKind;
  /** Lower wins label collisions. */
  rank: number;
}

const RANK: Record<PlaceKind, number> = { city: 0, county_town: 1, town: 2, landmark: 3 };

export function toFeatureCollection(places: {
  features: readonly PlaceFeature[];
}): FeatureCollection<Point, PlaceProps> {
  return collection(
    places.features.map((f) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: f.geometry.coordinates },
      properties: {
        name: f.properties.name,
        nameEn: f.properties.nameEn,
        kind: f.properties.kind,
        rank: RANK[f.properties.kind],
      },
    })),
  );
}

export function layers(locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  const text = nameField(locale);
  return [
    {
      id: 'places-landmark',
      type: 'symbol',
      source: SOURCE_ID,
      minzoom: 13,
      filter: ['==', ['get', 'kind'], 'landmark'],
      metadata: slot('place-label'),
      layout: { 'text-field': text, 'text-font': FONT_REGULAR, 'text-size': 11, 'text-max-width': 8 },
      paint: { ...TEXT_PAINT, 'text-color': COLORS.labelDim },
    },
    {
      id: 'places-town',
      type: 'symbol',
      source: SOURCE_ID,
      minzoom: 10,
      filter: ['==', ['get', 'kind'], 'town'],
      metadata: slot('place-label'),
      layout: {
        'text-field': text,
        'text-font': FONT_REGULAR,
        'text-size': ['interpolate', ['linear'], ['zoom'], 10, 11, 14, 13],
      },
      paint: TEXT_PAINT,
    },
    {
      id: 'places-major',
      type: 'symbol',
      source: SOURCE_ID,
      filter: ['match', ['get', 'kind'], ['city', 'county_town'], true, false],
      metadata: slot('place-label'),
      layout: {
        'text-field': text,
        'text-font': FONT_BOLD,
        'text-size': ['match', ['get', 'kind'], 'city', 18, 14],
        'symbol-sort-key': ['get', 'rank'],
        'text-letter-spacing': 0.1,
      },
      paint: { ...TEXT_PAINT, 'text-color': '#e6edf3', 'text-halo-width': 2 },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection({ features: [] })) => geojsonSource(fc);

export function install(
  map: MaplibreMap,
  places: { features: readonly PlaceFeature[] },
  locale: MapLocale = 'zh-CN',
): FeatureCollection {
  const fc = toFeatureCollection(places);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers(locale));
  return fc;
}

export function update(map: MaplibreMap, places: { features: readonly PlaceFeature[] }): FeatureCollection {
  const fc = toFeatureCollection(places);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
