/** Patrol districts (巡区): faint fill, thin outline and name, the frame units are assigned in. */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { DistrictFeature } from '../../../../shared/citypack/schema';
import { COLORS, FONT_REGULAR, TEXT_PAINT, nameField, type MapLocale } from '../theme';
import {
  collection,
  geojsonSource,
  installSourceAndLayers,
  polygonLabelPoint,
  setSourceData,
  slot,
} from './common';

export const SOURCE_ID = 'districts';
/** One point per district: labels on the polygon source would repeat in every tile. */
export const LABEL_SOURCE_ID = 'districts-label';

export interface DistrictProps {
  id: string;
  name: string;
  nameEn: string;
  countyId: string;
}

export function toFeatureCollection(districts: {
  features: readonly DistrictFeature[];
}): FeatureCollection<Polygon | MultiPolygon, DistrictProps> {
  return collection(
    districts.features.map((f) => ({
      type: 'Feature' as const,
      geometry: f.geometry as Polygon | MultiPolygon,
      properties: {
        id: f.properties.id,
        name: f.properties.name,
        nameEn: f.properties.nameEn,
        countyId: f.properties.countyId,
      },
    })),
  );
}

export function toLabelCollection(districts: {
  features: readonly DistrictFeature[];
}): FeatureCollection<Point, DistrictProps> {
  return collection(
    toFeatureCollection(districts).features.map((f) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: polygonLabelPoint(f.geometry) },
      properties: f.properties,
    })),
  );
}

export function layers(locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  return [
    {
      id: 'districts-fill',
      type: 'fill',
      source: SOURCE_ID,
      metadata: slot('area'),
      paint: { 'fill-color': COLORS.district, 'fill-opacity': 0.04 },
    },
    {
      id: 'districts-outline',
      type: 'line',
      source: SOURCE_ID,
      minzoom: 10,
      metadata: slot('border'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.district,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 15, 1.5],
        'line-opacity': 0.55,
      },
    },
    {
      id: 'districts-label',
      type: 'symbol',
      source: LABEL_SOURCE_ID,
      minzoom: 11,
      metadata: slot('label'),
      layout: {
        'text-field': nameField(locale),
        'text-font': FONT_REGULAR,
        'text-size': 12,
        'text-padding': 8,
      },
      paint: { ...TEXT_PAINT, 'text-color': COLORS.district, 'text-opacity': 0.85 },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection({ features: [] })) => geojsonSource(fc);
export const labelSource = (fc: FeatureCollection = toLabelCollection({ features: [] })) => geojsonSource(fc);

export function install(
  map: MaplibreMap,
  districts: { features: readonly DistrictFeature[] },
  locale: MapLocale = 'zh-CN',
): FeatureCollection {
  const fc = toFeatureCollection(districts);
  const all = layers(locale);
  const of = (id: string) => all.filter((l) => 'source' in l && l.source === id);
  installSourceAndLayers(map, SOURCE_ID, source(fc), of(SOURCE_ID));
  installSourceAndLayers(
    map,
    LABEL_SOURCE_ID,
    labelSource(toLabelCollection(districts)),
    of(LABEL_SOURCE_ID),
  );
  return fc;
}

export function update(
  map: MaplibreMap,
  districts: { features: readonly DistrictFeature[] },
): FeatureCollection {
  const fc = toFeatureCollection(districts);
  setSourceData(map, SOURCE_ID, fc);
  setSourceData(map, LABEL_SOURCE_ID, toLabelCollection(districts));
  return fc;
}
