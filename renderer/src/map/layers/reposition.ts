/**
 * The repositioning preview (issue 15): the suggested moves as arrows (unit → post or point) with
 * their target points, over the coverage as it would be after the moves (roads by arrival tier,
 * the coverage overlay's colours). Shown while the reposition panel is open with a suggestion.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Geometry } from 'geojson';
import type { RepositionMove } from '../../../../shared/contract/insightContract';
import type { CoverageSnapshot } from '../../../../shared/contract/routingContract';
import { FONT_REGULAR, type MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';
import { TIER_COLORS } from './coverage';

export const SOURCE_ID = 'reposition';
export const AFTER_LAYER_ID = 'reposition-after';
export const MOVE_LAYER_ID = 'reposition-move';
export const TARGET_LAYER_ID = 'reposition-target';
export const LABEL_LAYER_ID = 'reposition-label';

export interface RepositionPreview {
  moves: readonly RepositionMove[];
  /** The coverage after the moves, or null while it is computed. */
  after: CoverageSnapshot['geojson'] | null;
}

export type RepositionProps =
  | { kind: 'after'; tier: string }
  | { kind: 'move'; unitId: string; gain: number }
  | { kind: 'target'; unitId: string; label: string };

/** Coverage after the moves first (drawn under), then one arrow and one target per move. */
export function toFeatureCollection(
  preview: RepositionPreview | null,
): FeatureCollection<Geometry, RepositionProps> {
  if (!preview) return collection([]);
  const after = (preview.after?.features ?? [])
    .filter((f) => f.geometry.coordinates.length > 0)
    .map((f) => ({
      type: 'Feature' as const,
      geometry: { type: 'MultiLineString' as const, coordinates: f.geometry.coordinates },
      properties: { kind: 'after' as const, tier: String(f.properties.tier) },
    }));
  const moves = preview.moves.flatMap((m) => [
    {
      type: 'Feature' as const,
      geometry: {
        type: 'LineString' as const,
        coordinates: [
          [m.from.lng, m.from.lat],
          [m.to.lng, m.to.lat],
        ],
      },
      properties: { kind: 'move' as const, unitId: m.unitId, gain: m.gain },
    },
    {
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [m.to.lng, m.to.lat] },
      properties: { kind: 'target' as const, unitId: m.unitId, label: m.callsign },
    },
  ]);
  return collection<Geometry, RepositionProps>([...after, ...moves]);
}

const KIND = (k: RepositionProps['kind']): ExpressionSpecification => ['==', ['get', 'kind'], k];
const TIER_COLOR: ExpressionSpecification = [
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
const MOVE_COLOR = '#38bdf8';

export function layers(_locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  return [
    {
      id: AFTER_LAYER_ID,
      type: 'line',
      source: SOURCE_ID,
      filter: KIND('after'),
      metadata: slot('coverage'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': TIER_COLOR,
        'line-width': ['interpolate', ['exponential', 1.5], ['zoom'], 10, 1.5, 17, 7],
        'line-opacity': 0.75,
      },
    },
    {
      id: MOVE_LAYER_ID,
      type: 'line',
      source: SOURCE_ID,
      filter: KIND('move'),
      metadata: slot('live'),
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': MOVE_COLOR, 'line-width': 3, 'line-dasharray': [2, 1.5] },
    },
    {
      id: TARGET_LAYER_ID,
      type: 'circle',
      source: SOURCE_ID,
      filter: KIND('target'),
      metadata: slot('live'),
      paint: {
        'circle-radius': 7,
        'circle-color': 'rgba(56,189,248,0.25)',
        'circle-stroke-color': MOVE_COLOR,
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: LABEL_LAYER_ID,
      type: 'symbol',
      source: SOURCE_ID,
      filter: KIND('target'),
      metadata: slot('live'),
      layout: {
        // The arrow's head: the moving unit's callsign at its target.
        'text-field': ['concat', '→ ', ['get', 'label']],
        'text-font': FONT_REGULAR,
        'text-size': 12,
        'text-offset': [0, 1.2],
        'text-anchor': 'top',
      },
      paint: { 'text-color': '#e0f2fe', 'text-halo-color': '#0b1220', 'text-halo-width': 1.5 },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection(null)) => geojsonSource(fc);

export function install(map: MaplibreMap, preview: RepositionPreview | null): FeatureCollection {
  const fc = toFeatureCollection(preview);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers());
  return fc;
}

export function update(map: MaplibreMap, preview: RepositionPreview | null): FeatureCollection {
  const fc = toFeatureCollection(preview);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
