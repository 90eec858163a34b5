/**
 * Live patrol units: an arrow rotated by heading, coloured by status, callsign at street zoom.
 * A unit whose last position is older than STALE_AFTER_MS is drawn faded with a grey ring and its
 * age in the label: a vehicle that stopped reporting must never look like one that is standing by.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import type { Unit, UnitStatus, UnitType } from '../../../../shared/domain/unit';
import { COLORS, FONT_BOLD, type MapLocale } from '../theme';
import { ICON_PIXEL_RATIO, unitArrow } from '../icons';
import {
  addImageOnce,
  collection,
  geojsonSource,
  installSourceAndLayers,
  setSourceData,
  slot,
} from './common';
import { FeatureDiffer, UPDATABLE, updateSourceData } from './sourceDiff';

export const SOURCE_ID = 'units';
export const STALE_AFTER_MS = 60_000;

export interface UnitProps {
  id: string;
  callsign: string;
  type: UnitType;
  status: UnitStatus;
  heading: number;
  stale: boolean;
  /** Seconds since the position report, floored; negative clock skew counts as fresh. */
  ageS: number;
  /** Callsign, plus the age for stale units ("巡01 · 3m"). */
  label: string;
  highlighted: boolean;
}

export function isStale(at: string, now: number): boolean {
  return now - Date.parse(at) > STALE_AFTER_MS;
}

function ageLabel(ageS: number): string {
  if (ageS < 3600) return `${Math.floor(ageS / 60)}m`;
  return `${Math.floor(ageS / 3600)}h`;
}

/**
 * Units without any position report are left out: there is nowhere true to draw them (their home
 * point would be a guess presented as fact). The unit list shows them.
 */
export function toFeatureCollection(
  units: readonly Unit[],
  now: number,
  highlighted: ReadonlySet<string> = new Set(),
): FeatureCollection<Point, UnitProps> {
  const features = [];
  for (const u of units) {
    const p = u.position;
    if (!p) continue;
    const ageS = Math.max(0, Math.floor((now - Date.parse(p.at)) / 1000));
    const stale = isStale(p.at, now);
    features.push({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
      properties: {
        id: u.id,
        callsign: u.callsign,
        type: u.type,
        status: u.status,
        heading: p.heading,
        stale,
        ageS,
        label: stale ? `${u.callsign} · ${ageLabel(ageS)}` : u.callsign,
        highlighted: highlighted.has(u.id),
      },
    });
  }
  return collection(features);
}

/** Ids of units currently stale; the controller redraws when this set changes over time. */
export function staleUnitIds(units: readonly Unit[], now: number): string[] {
  return units.filter((u) => u.position && isStale(u.position.at, now)).map((u) => u.id);
}

export const STATUS_STYLE: Record<UnitStatus, { fill: string; accent?: string }> = {
  available: { fill: COLORS.available },
  dispatched: { fill: COLORS.dispatched },
  en_route: { fill: COLORS.dispatched },
  on_scene: { fill: COLORS.onScene, accent: COLORS.onSceneAccent },
  off_duty: { fill: COLORS.offDuty },
};
export const imageId = (status: UnitStatus): string => `unit-${status}`;

const STALE: ExpressionSpecification = ['==', ['get', 'stale'], true];

export function layers(_locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  return [
    {
      id: 'units-highlight',
      type: 'circle',
      source: SOURCE_ID,
      filter: ['==', ['get', 'highlighted'], true],
      metadata: slot('live'),
      paint: {
        'circle-radius': 17,
        'circle-color': COLORS.selected,
        'circle-opacity': 0.18,
        'circle-stroke-color': COLORS.selected,
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'units-stale-ring',
      type: 'circle',
      source: SOURCE_ID,
      filter: STALE,
      metadata: slot('live'),
      paint: {
        'circle-radius': 12,
        'circle-opacity': 0,
        'circle-stroke-color': '#9ca3af',
        'circle-stroke-width': 1.5,
        'circle-stroke-opacity': 0.8,
      },
    },
    {
      id: 'units-arrow',
      type: 'symbol',
      source: SOURCE_ID,
      metadata: slot('live'),
      layout: {
        'icon-image': ['concat', 'unit-', ['get', 'status']],
        'icon-rotate': ['get', 'heading'],
        // Heading is relative to north, so the arrow turns with the map when it is rotated.
        'icon-rotation-alignment': 'map',
        'icon-size': ['interpolate', ['linear'], ['zoom'], 9, 0.7, 15, 1],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        // Active units above off-duty and stale ones where they overlap.
        'symbol-sort-key': ['case', STALE, 0, ['==', ['get', 'status'], 'off_duty'], 1, 2],
      },
      paint: { 'icon-opacity': ['case', STALE, 0.35, ['==', ['get', 'status'], 'off_duty'], 0.7, 1] },
    },
    {
      id: 'units-label',
      type: 'symbol',
      source: SOURCE_ID,
      minzoom: 13,
      metadata: slot('live'),
      layout: {
        'text-field': ['get', 'label'],
        'text-font': FONT_BOLD,
        'text-size': 11,
        'text-offset': [0, 1.3],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: {
        'text-color': ['case', STALE, '#9ca3af', '#e6edf3'],
        'text-halo-color': COLORS.halo,
        'text-halo-width': 1.5,
      },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection([], 0)) => geojsonSource(fc, UPDATABLE);

export function install(
  map: MaplibreMap,
  units: readonly Unit[],
  now: number,
  highlighted?: ReadonlySet<string>,
): FeatureCollection {
  for (const status of Object.keys(STATUS_STYLE) as UnitStatus[]) {
    const { fill, accent } = STATUS_STYLE[status];
    addImageOnce(map, imageId(status), unitArrow(fill, accent), { pixelRatio: ICON_PIXEL_RATIO });
  }
  const fc = toFeatureCollection(units, now, highlighted);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers());
  return fc;
}

export function update(
  map: MaplibreMap,
  units: readonly Unit[],
  now: number,
  highlighted?: ReadonlySet<string>,
): FeatureCollection {
  const fc = toFeatureCollection(units, now, highlighted);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}

export type UnitFeature = FeatureCollection<Point, UnitProps>['features'][number];

/**
 * A differ for the units source. A fresh unit's age ticks every second but only a stale unit's
 * label shows it, so a fresh unit whose age alone changed is not re-sent.
 */
export function unitDiffer(): FeatureDiffer<UnitFeature> {
  return new FeatureDiffer<UnitFeature>(
    (f) => f.properties.id,
    (f) =>
      JSON.stringify([
        f.geometry.coordinates,
        { ...f.properties, ageS: f.properties.stale ? f.properties.ageS : 0 },
      ]),
  );
}

/** Like `update`, but sends only the units whose feature changed since the differ last saw them. */
export function updateChanged(
  map: Pick<MaplibreMap, 'getSource'>,
  differ: FeatureDiffer<UnitFeature>,
  units: readonly Unit[],
  now: number,
  highlighted?: ReadonlySet<string>,
): { fc: FeatureCollection; sent: number } {
  const fc = toFeatureCollection(units, now, highlighted);
  return { fc, sent: updateSourceData(map, SOURCE_ID, differ.diff(fc.features)) };
}
