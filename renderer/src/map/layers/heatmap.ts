/**
 * The alert heat map (警情云图): stored alerts of a chosen period as a MapLibre heatmap, weighted by
 * priority, fading into single points when zoomed in. Clicking a hot spot lists the alerts under
 * the cursor (alertsNear, pure: heatmap layers are not queryable).
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import type { HeatCell, HeatPoint } from '../../../../shared/contract/insightContract';
import { heatWeight } from '../../../../shared/domain/heatWeight';
import type { MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';
import { distanceMeters } from '../../../../shared/domain/geo';

export const SOURCE_ID = 'insight-heat';
export const HEAT_LAYER_ID = 'insight-heat';
export const POINT_LAYER_ID = 'insight-heat-point';

export interface HeatProps {
  id: string;
  /** 1 for urgent … 0.25 for low: an urgent alert heats the map four times a consultation. */
  weight: number;
}

export const weightOf = heatWeight;

/** What the layer draws: the points, or when the host capped them, its grid cells of every alert. */
export interface HeatData {
  points: readonly HeatPoint[];
  cells: readonly HeatCell[];
}

export function toFeatureCollection(
  data: HeatData | readonly HeatPoint[] | null,
): FeatureCollection<Point, HeatProps> {
  if (!data) return collection([]);
  const { points, cells } = 'points' in data ? data : { points: data, cells: [] };
  // A cell is its alerts stacked at its centre: the same density, without shipping each one.
  if (cells.length)
    return collection(
      cells.map((c) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [c.lng, c.lat] },
        properties: { id: `cell:${c.lng.toFixed(4)},${c.lat.toFixed(4)}`, weight: c.weight },
      })),
    );
  return collection(
    points.map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
      properties: { id: p.id, weight: weightOf(p.priority) },
    })),
  );
}

/** Ground metres of `pixels` screen pixels at a zoom and latitude (web mercator, 512 px tiles). */
export function pixelsToMetres(pixels: number, zoom: number, lat: number): number {
  return (pixels * 40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The alerts within `radiusM` of a clicked point, nearest first. */
export function alertsNear(
  points: readonly HeatPoint[],
  at: { lng: number; lat: number },
  radiusM: number,
): HeatPoint[] {
  return points
    .map((p) => ({ p, d: distanceMeters(p.lng, p.lat, at.lng, at.lat) }))
    .filter((x) => x.d <= radiusM)
    .sort((a, b) => a.d - b.d || a.p.id.localeCompare(b.p.id))
    .map((x) => x.p);
}

export function layers(_locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  return [
    {
      id: HEAT_LAYER_ID,
      type: 'heatmap',
      source: SOURCE_ID,
      maxzoom: 17,
      metadata: slot('coverage'),
      paint: {
        'heatmap-weight': ['get', 'weight'],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 15, 2],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 8, 8, 12, 18, 15, 30],
        'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0.8, 17, 0.2],
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(0,0,0,0)',
          0.15,
          'rgba(37,99,235,0.55)',
          0.35,
          '#06b6d4',
          0.55,
          '#eab308',
          0.75,
          '#f97316',
          1,
          '#ef4444',
        ],
      },
    },
    {
      id: POINT_LAYER_ID,
      type: 'circle',
      source: SOURCE_ID,
      minzoom: 14,
      metadata: slot('static-point'),
      paint: {
        'circle-radius': 3,
        'circle-color': '#fbbf24',
        'circle-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0, 16, 0.9],
        'circle-stroke-width': 0.5,
        'circle-stroke-color': '#111a2e',
      },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection(null)) => geojsonSource(fc);

export function install(map: MaplibreMap, points: HeatData | null): FeatureCollection {
  const fc = toFeatureCollection(points);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers());
  return fc;
}

export function update(map: MaplibreMap, points: HeatData | null): FeatureCollection {
  const fc = toFeatureCollection(points);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
