/**
 * Open alerts, coloured by priority. Urgent (priority 1) alerts get a pulsing ring: one circle layer
 * whose radius/opacity the controller animates with setPaintProperty per frame (one GPU layer,
 * no DOM markers). The selected alert is ringed through a filter on its id.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import {
  isOpen,
  type Alert,
  type AlertCategory,
  type AlertStatus,
  type Priority,
} from '../../../../shared/domain/alert';
import { COLORS, type MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';
import { FeatureDiffer, UPDATABLE, updateSourceData } from './sourceDiff';

export const SOURCE_ID = 'alerts';
export const PULSE_LAYER_ID = 'alerts-pulse';
export const SELECTED_LAYER_ID = 'alerts-selected';
export const POINT_LAYER_ID = 'alerts-point';

export interface AlertProps {
  id: string;
  priority: Priority;
  category: AlertCategory;
  status: AlertStatus;
  /** Not yet acknowledged by an operator: drawn with a white rim. */
  unacknowledged: boolean;
}

/** Only open alerts are drawn; closed ones would bury the live picture. Urgent ones sort on top. */
export function toFeatureCollection(alerts: readonly Alert[]): FeatureCollection<Point, AlertProps> {
  const open = alerts.filter((a) => isOpen(a.status)).sort((a, b) => b.priority - a.priority);
  return collection(
    open.map((a) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [a.position.lng, a.position.lat] },
      properties: {
        id: a.id,
        priority: a.priority,
        category: a.category,
        status: a.status,
        unacknowledged: a.status === 'received',
      },
    })),
  );
}

export const PRIORITY_COLOR: ExpressionSpecification = [
  'match',
  ['get', 'priority'],
  1,
  COLORS.priority1,
  2,
  COLORS.priority2,
  3,
  COLORS.priority3,
  COLORS.priority4,
];

/** Filter matching nothing when no alert is selected (ids are never empty). */
export function selectedFilter(id: string | null): FilterSpecification {
  return ['==', ['get', 'id'], id ?? ''];
}

/** Pulse ring geometry for animation phase 0..1 (pure, so it can be tested and shared). */
export function pulseFrame(phase: number): { radius: number; opacity: number } {
  const p = phase - Math.floor(phase);
  return { radius: 9 + 19 * p, opacity: 0.9 * (1 - p) };
}

export function layers(_locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  const still = pulseFrame(0.35);
  return [
    {
      id: PULSE_LAYER_ID,
      type: 'circle',
      source: SOURCE_ID,
      filter: ['==', ['get', 'priority'], 1],
      metadata: slot('live'),
      paint: {
        'circle-radius': still.radius,
        'circle-opacity': 0,
        'circle-stroke-color': COLORS.priority1,
        'circle-stroke-width': 2.5,
        'circle-stroke-opacity': still.opacity,
        // Per-frame updates must apply immediately; the default 300 ms transition would smear them.
        'circle-radius-transition': { duration: 0, delay: 0 },
        'circle-stroke-opacity-transition': { duration: 0, delay: 0 },
        'circle-pitch-alignment': 'map',
      },
    },
    {
      id: SELECTED_LAYER_ID,
      type: 'circle',
      source: SOURCE_ID,
      filter: selectedFilter(null),
      metadata: slot('live'),
      paint: {
        'circle-radius': 16,
        'circle-color': COLORS.selected,
        'circle-opacity': 0.2,
        'circle-stroke-color': COLORS.selected,
        'circle-stroke-width': 3,
      },
    },
    {
      id: POINT_LAYER_ID,
      type: 'circle',
      source: SOURCE_ID,
      metadata: slot('live'),
      layout: { 'circle-sort-key': ['-', 5, ['get', 'priority']] },
      paint: {
        'circle-color': PRIORITY_COLOR,
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          9,
          ['match', ['get', 'priority'], 1, 6, 2, 5, 4],
          15,
          ['match', ['get', 'priority'], 1, 9, 2, 8, 7],
        ],
        'circle-stroke-color': ['case', ['==', ['get', 'unacknowledged'], true], '#ffffff', COLORS.halo],
        'circle-stroke-width': ['case', ['==', ['get', 'unacknowledged'], true], 2, 1.2],
      },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection([])) => geojsonSource(fc, UPDATABLE);

export function install(map: MaplibreMap, alerts: readonly Alert[]): FeatureCollection {
  const fc = toFeatureCollection(alerts);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers());
  return fc;
}

export function update(map: MaplibreMap, alerts: readonly Alert[]): FeatureCollection {
  const fc = toFeatureCollection(alerts);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}

export type AlertFeature = FeatureCollection<Point, AlertProps>['features'][number];

/** A differ for the alerts source (keyed by alert id). */
export function alertDiffer(): FeatureDiffer<AlertFeature> {
  return new FeatureDiffer<AlertFeature>((f) => f.properties.id);
}

/**
 * Like `update`, but sends only the alerts whose feature changed since the differ last saw them:
 * at 100 alerts/s thousands of open alerts were re-sent (cloned to the worker and re-tiled) on
 * every live update for the few that were new.
 */
export function updateChanged(
  map: Pick<MaplibreMap, 'getSource'>,
  differ: FeatureDiffer<AlertFeature>,
  alerts: readonly Alert[],
): { fc: FeatureCollection; sent: number } {
  const fc = toFeatureCollection(alerts);
  return { fc, sent: updateSourceData(map, SOURCE_ID, differ.diff(fc.features)) };
}

export function select(map: MaplibreMap, id: string | null): void {
  if (map.getLayer(SELECTED_LAYER_ID)) map.setFilter(SELECTED_LAYER_ID, selectedFilter(id));
}
