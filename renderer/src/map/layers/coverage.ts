/**
 * Coverage overlay: every road coloured by how soon the nearest available unit can be there —
 * green within 1 min, yellow 3 min, orange 5 min — and roads no unit reaches within 5 min drawn
 * in a strong red, because those gaps are what the duty officer has to act on.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, MultiLineString } from 'geojson';
import type { CoverageSnapshot } from '../../../../shared/contract/routingContract';
import type { MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';

export const SOURCE_ID = 'coverage';
export const NONE_LAYER_ID = 'coverage-none';
export const TIER_LAYER_ID = 'coverage-tier';

export type TierKey = '60' | '180' | '300' | 'none';

export interface CoverageProps {
  /** Tier budget in seconds as a string ('60', '180', '300') or 'none' (not reached). */
  tier: string;
}

export const TIER_COLORS: Record<TierKey, string> = {
  '60': '#22c55e',
  '180': '#eab308',
  '300': '#f97316',
  none: '#ff2d55',
};

/** One MultiLineString per tier; empty tiers are left out. */
export function toFeatureCollection(
  geojson: CoverageSnapshot['geojson'] | null,
): FeatureCollection<MultiLineString, CoverageProps> {
  if (!geojson) return collection([]);
  return collection(
    geojson.features
      .filter((f) => f.geometry.coordinates.length > 0)
      .map((f) => ({
        type: 'Feature' as const,
        geometry: { type: 'MultiLineString' as const, coordinates: f.geometry.coordinates },
        properties: { tier: String(f.properties.tier) },
      })),
  );
}

const COLOR: ExpressionSpecification = [
  'match',
  ['get', 'tier'],
  '60',
  TIER_COLORS['60'],
  '180',
  TIER_COLORS['180'],
  '300',
  TIER_COLORS['300'],
  TIER_COLORS.none,
];
const IS_NONE: ExpressionSpecification = ['==', ['get', 'tier'], 'none'];
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
      id: TIER_LAYER_ID,
      type: 'line',
      source: SOURCE_ID,
      filter: ['!', IS_NONE],
      metadata: slot('coverage'),
      layout,
      paint: { 'line-color': COLOR, 'line-width': width(1.5, 7), 'line-opacity': 0.75 },
    },
    {
      id: NONE_LAYER_ID,
      type: 'line',
      source: SOURCE_ID,
      filter: IS_NONE,
      metadata: slot('coverage'),
      layout,
      paint: { 'line-color': TIER_COLORS.none, 'line-width': width(2, 9), 'line-opacity': 0.9 },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection(null)) => geojsonSource(fc);

export function install(map: MaplibreMap, geojson: CoverageSnapshot['geojson'] | null): FeatureCollection {
  const fc = toFeatureCollection(geojson);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers());
  return fc;
}

export function update(map: MaplibreMap, geojson: CoverageSnapshot['geojson'] | null): FeatureCollection {
  const fc = toFeatureCollection(geojson);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
