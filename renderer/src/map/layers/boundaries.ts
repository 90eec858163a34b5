/**
 * Administrative boundaries. These are the outer two of the three control rings (ring 2 = city
 * boundary, ring 3 = provincial border), so each level gets its own unmistakable dash pattern and
 * colour, drawn above the roads.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { BoundaryFeature } from '../../../../shared/citypack/schema';
import { COLORS, FONT_BOLD, TEXT_PAINT, nameField, type MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';

export const SOURCE_ID = 'boundaries';

export interface BoundaryProps {
  id: string;
  /** `province_border`: the drawn provincial border line (see provinceBorderLines). */
  level: 'province' | 'city' | 'county' | 'province_border';
  name: string;
  nameEn: string;
  own: boolean;
}

type BoundaryGeometry = Polygon | MultiPolygon | MultiLineString;

export function toFeatureCollection(boundaries: {
  features: readonly BoundaryFeature[];
}): FeatureCollection<BoundaryGeometry, BoundaryProps> {
  const areas: Feature<BoundaryGeometry, BoundaryProps>[] = boundaries.features.map((f) => ({
    type: 'Feature' as const,
    geometry: f.geometry as Polygon | MultiPolygon,
    properties: {
      id: f.properties.id,
      level: f.properties.level,
      name: f.properties.name,
      nameEn: f.properties.nameEn,
      own: f.properties.own,
    },
  }));
  const border = provinceBorderLines(boundaries.features);
  if (border.coordinates.length > 0) {
    areas.push({
      type: 'Feature',
      geometry: border,
      properties: { id: 'province-border', level: 'province_border', name: '', nameEn: '', own: true },
    });
  }
  return collection(areas);
}

const outerRings = (g: Polygon | MultiPolygon): Position[][] =>
  g.type === 'Polygon' ? g.coordinates.slice(0, 1) : g.coordinates.map((p) => p[0] ?? []);

/**
 * The provincial border as lines. Province polygons in a pack are clipped to a frame around the
 * city, so their outlines include straight frame edges that are no border at all; drawn as ring 3
 * they would fake a border around the map. Segments lying on the frame (the extent of all province
 * polygons) are dropped. Only the own province is outlined when known, so the shared border is
 * drawn once.
 */
export function provinceBorderLines(features: readonly BoundaryFeature[]): MultiLineString {
  const provinces = features.filter((f) => f.properties.level === 'province');
  const rings = provinces.flatMap((f) => outerRings(f.geometry as Polygon | MultiPolygon));
  if (rings.length === 0) return { type: 'MultiLineString', coordinates: [] };
  const xs = rings.flatMap((r) => r.map((p) => p[0] ?? 0));
  const ys = rings.flatMap((r) => r.map((p) => p[1] ?? 0));
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const EPS = 1e-7;
  const onFrame = (a: Position, b: Position): boolean =>
    [minX, maxX].some((x) => Math.abs((a[0] ?? 0) - x) < EPS && Math.abs((b[0] ?? 0) - x) < EPS) ||
    [minY, maxY].some((y) => Math.abs((a[1] ?? 0) - y) < EPS && Math.abs((b[1] ?? 0) - y) < EPS);

  const own = provinces.filter((f) => f.properties.own);
  const source =
    own.length > 0 ? own.flatMap((f) => outerRings(f.geometry as Polygon | MultiPolygon)) : rings;
  const lines: Position[][] = [];
  for (const ring of source) {
    let current: Position[] = [];
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1];
      const b = ring[i];
      if (!a || !b) continue;
      if (onFrame(a, b)) {
        if (current.length >= 2) lines.push(current);
        current = [];
        continue;
      }
      if (current.length === 0) current.push(a);
      current.push(b);
    }
    if (current.length >= 2) lines.push(current);
  }
  // A ring starts at an arbitrary vertex: join the last run onto the first if they meet.
  if (lines.length >= 2 && source.length === 1) {
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    const [fx, fy] = first[0] ?? [];
    const [lx, ly] = last[last.length - 1] ?? [];
    if (fx === lx && fy === ly) lines.splice(0, 1, [...lines.pop()!, ...first.slice(1)]);
  }
  return { type: 'MultiLineString', coordinates: lines };
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
      paint: {
        'line-color': COLORS.county,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 14, 1.6],
        'line-dasharray': [1, 2],
      },
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
      filter: ['==', ['get', 'level'], 'province_border'],
      metadata: slot('border'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.province,
        'line-width': ['interpolate', ['linear'], ['zoom'], 6, 4, 14, 10],
        'line-opacity': 0.18,
        'line-blur': 2,
      },
    },
    {
      id: 'boundaries-province',
      type: 'line',
      source: SOURCE_ID,
      filter: ['==', ['get', 'level'], 'province_border'],
      metadata: slot('border'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.province,
        'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.8, 14, 3.5],
        'line-dasharray': [6, 2, 1, 2],
      },
    },
    // Neighbouring province names (e.g. 河南) so the officer knows which way the border faces.
    {
      id: 'boundaries-province-label',
      type: 'symbol',
      source: SOURCE_ID,
      filter: ['all', ['==', ['get', 'level'], 'province'], ['==', ['get', 'own'], false]],
      metadata: slot('label'),
      layout: {
        'text-field': nameField(locale),
        'text-font': FONT_BOLD,
        'text-size': 16,
        'text-letter-spacing': 0.3,
      },
      paint: { ...TEXT_PAINT, 'text-color': COLORS.province, 'text-opacity': 0.8 },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection({ features: [] })) => geojsonSource(fc);

export function install(
  map: MaplibreMap,
  boundaries: { features: readonly BoundaryFeature[] },
  locale: MapLocale = 'zh-CN',
): FeatureCollection {
  const fc = toFeatureCollection(boundaries);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers(locale));
  return fc;
}

export function update(
  map: MaplibreMap,
  boundaries: { features: readonly BoundaryFeature[] },
): FeatureCollection {
  const fc = toFeatureCollection(boundaries);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
