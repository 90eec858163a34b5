/** Road network: casing + fill by class, labels on major roads (name, or national/provincial ref). */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type {
  ExpressionSpecification,
  LayerSpecification,
  LineLayerSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, LineString } from 'geojson';
import type { RoadClass, RoadFeature } from '../../../../shared/citypack/schema';
import { COLORS, FONT_REGULAR, TEXT_PAINT, type MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';

export const SOURCE_ID = 'roads';

export interface RoadProps {
  id: string;
  class: RoadClass;
  name: string;
  nameEn?: string;
  ref?: string;
  /** 0 = motorway … 6 = service; drives draw order so faster roads sit on top at junctions. */
  rank: number;
  major: boolean;
}

const RANK: Record<RoadClass, number> = {
  motorway: 0,
  trunk: 1,
  primary: 2,
  secondary: 3,
  tertiary: 4,
  residential: 5,
  service: 6,
};
const MAJOR = new Set<RoadClass>(['motorway', 'trunk', 'primary', 'secondary']);

export function toFeatureCollection(roads: {
  features: readonly RoadFeature[];
}): FeatureCollection<LineString, RoadProps> {
  return collection(
    roads.features.map((f) => {
      const p = f.properties;
      const props: RoadProps = {
        id: p.id,
        class: p.class,
        name: p.name,
        rank: RANK[p.class],
        major: MAJOR.has(p.class),
      };
      // Optional keys are left out rather than set to undefined: `coalesce` then falls through cleanly.
      if (p.nameEn) props.nameEn = p.nameEn;
      if (p.ref) props.ref = p.ref;
      return {
        type: 'Feature' as const,
        geometry: { type: 'LineString' as const, coordinates: f.geometry.coordinates },
        properties: props,
      };
    }),
  );
}

const byClass = (values: Record<RoadClass, number | string>): ExpressionSpecification =>
  [
    'match',
    ['get', 'class'],
    ...(Object.entries(values) as [RoadClass, number | string][]).flat(),
    values.service,
  ] as unknown as ExpressionSpecification;

/** Line width in px at zoom 10 and 17; interpolated exponentially like real road widths. */
const width = (at10: Record<RoadClass, number>, at17: Record<RoadClass, number>): ExpressionSpecification => [
  'interpolate',
  ['exponential', 1.5],
  ['zoom'],
  10,
  byClass(at10),
  17,
  byClass(at17),
];

const W10 = {
  motorway: 2.2,
  trunk: 1.8,
  primary: 1.4,
  secondary: 1,
  tertiary: 0.7,
  residential: 0.4,
  service: 0.3,
};
const W17 = { motorway: 16, trunk: 14, primary: 12, secondary: 10, tertiary: 8, residential: 6, service: 4 };
const CASING10 = Object.fromEntries(Object.entries(W10).map(([k, v]) => [k, v + 1])) as Record<
  RoadClass,
  number
>;
const CASING17 = Object.fromEntries(Object.entries(W17).map(([k, v]) => [k, v + 3])) as Record<
  RoadClass,
  number
>;
const FILL_COLOR = byClass({
  motorway: COLORS.motorway,
  trunk: COLORS.trunk,
  primary: COLORS.primary,
  secondary: COLORS.secondary,
  tertiary: COLORS.tertiary,
  residential: COLORS.residential,
  service: COLORS.service,
});

const MAJOR_FILTER: ExpressionSpecification = ['==', ['get', 'major'], true];
const MINOR_FILTER: ExpressionSpecification = ['==', ['get', 'major'], false];
const lineLayout: LineLayerSpecification['layout'] = {
  'line-cap': 'round',
  'line-join': 'round',
  'line-sort-key': ['-', 10, ['get', 'rank']],
};

/** Name in the chosen language; roads with no name show their ref (G207, S331) instead. */
export function roadLabel(locale: MapLocale): ExpressionSpecification {
  const name: ExpressionSpecification =
    locale === 'en' ? ['coalesce', ['get', 'nameEn'], ['get', 'name']] : ['get', 'name'];
  return ['case', ['!=', name, ''], name, ['coalesce', ['get', 'ref'], '']];
}

export function layers(locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  return [
    // Minor roads only from zoom 12: below that they are visual noise on a wall display.
    {
      id: 'roads-minor-casing',
      type: 'line',
      source: SOURCE_ID,
      minzoom: 12,
      filter: MINOR_FILTER,
      metadata: slot('road'),
      layout: lineLayout,
      paint: { 'line-color': COLORS.roadCasing, 'line-width': width(CASING10, CASING17) },
    },
    {
      id: 'roads-minor',
      type: 'line',
      source: SOURCE_ID,
      minzoom: 12,
      filter: MINOR_FILTER,
      metadata: slot('road'),
      layout: lineLayout,
      paint: { 'line-color': FILL_COLOR, 'line-width': width(W10, W17) },
    },
    {
      id: 'roads-major-casing',
      type: 'line',
      source: SOURCE_ID,
      filter: MAJOR_FILTER,
      metadata: slot('road'),
      layout: lineLayout,
      paint: { 'line-color': COLORS.roadCasing, 'line-width': width(CASING10, CASING17) },
    },
    {
      id: 'roads-major',
      type: 'line',
      source: SOURCE_ID,
      filter: MAJOR_FILTER,
      metadata: slot('road'),
      layout: lineLayout,
      paint: { 'line-color': FILL_COLOR, 'line-width': width(W10, W17) },
    },
    {
      id: 'roads-label',
      type: 'symbol',
      source: SOURCE_ID,
      minzoom: 11,
      filter: MAJOR_FILTER,
      metadata: slot('label'),
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 400,
        'text-field': roadLabel(locale),
        'text-font': FONT_REGULAR,
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 11, 16, 14],
        'text-max-angle': 30,
        'text-padding': 4,
      },
      paint: { ...TEXT_PAINT, 'text-color': COLORS.labelDim },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection({ features: [] })) => geojsonSource(fc);

export function install(
  map: MaplibreMap,
  roads: { features: readonly RoadFeature[] },
  locale: MapLocale = 'zh-CN',
): FeatureCollection {
  const fc = toFeatureCollection(roads);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers(locale));
  return fc;
}

export function update(map: MaplibreMap, roads: { features: readonly RoadFeature[] }): FeatureCollection {
  const fc = toFeatureCollection(roads);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
