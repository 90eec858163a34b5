/**
 * Risk grading on the map (docs/risk-grading.md): patrol districts filled by grade (A red, B amber,
 * C left clear) and graded places (repeat addresses, grid cells) as rings sized by grade.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { DistrictFeature } from '../../../../shared/citypack/schema';
import type { RiskGrade } from '../../../../shared/domain/riskGrading';
import type { GradedPlace } from '../../../../shared/contract/insightContract';
import type { MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';

export const SOURCE_ID = 'insight-risk';
export const PLACE_SOURCE_ID = 'insight-risk-place';
export const FILL_LAYER_ID = 'insight-risk-fill';
export const PLACE_LAYER_ID = 'insight-risk-place';

export const GRADE_COLORS: Record<RiskGrade, string> = { A: '#ef4444', B: '#f59e0b', C: '#64748b' };

export interface RiskData {
  /** District id → grade; districts not listed are C. */
  districts: Readonly<Record<string, RiskGrade>>;
  places: readonly GradedPlace[];
}

export interface RiskDistrictProps {
  id: string;
  grade: RiskGrade;
}

/** Graded districts; C districts are left out (nothing to draw). Null data draws nothing. */
export function toFeatureCollection(
  districts: { features: readonly DistrictFeature[] },
  data: RiskData | null,
): FeatureCollection<Polygon | MultiPolygon, RiskDistrictProps> {
  if (!data) return collection([]);
  return collection(
    districts.features
      .map((f) => ({ f, grade: data.districts[f.properties.id] ?? 'C' }))
      .filter((x) => x.grade !== 'C')
      .map(({ f, grade }) => ({
        type: 'Feature' as const,
        geometry: f.geometry as Polygon | MultiPolygon,
        properties: { id: f.properties.id, grade },
      })),
  );
}

export function toPlaceCollection(
  data: RiskData | null,
): FeatureCollection<Point, { key: string; grade: RiskGrade }> {
  if (!data) return collection([]);
  return collection(
    data.places
      .filter((p) => p.grade !== 'C')
      .map((p) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
        properties: { key: p.key, grade: p.grade },
      })),
  );
}

const COLOR: ExpressionSpecification = [
  'match',
  ['get', 'grade'],
  'A',
  GRADE_COLORS.A,
  'B',
  GRADE_COLORS.B,
  GRADE_COLORS.C,
];

export function layers(_locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  return [
    {
      id: FILL_LAYER_ID,
      type: 'fill',
      source: SOURCE_ID,
      metadata: slot('area'),
      paint: { 'fill-color': COLOR, 'fill-opacity': ['match', ['get', 'grade'], 'A', 0.28, 0.16] },
    },
    {
      id: PLACE_LAYER_ID,
      type: 'circle',
      source: PLACE_SOURCE_ID,
      minzoom: 11,
      metadata: slot('static-point'),
      paint: {
        'circle-radius': ['match', ['get', 'grade'], 'A', 9, 6],
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': COLOR,
        'circle-stroke-width': 2,
      },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection({ features: [] }, null)) =>
  geojsonSource(fc);
export const placeSource = (fc: FeatureCollection = toPlaceCollection(null)) => geojsonSource(fc);

export function install(
  map: MaplibreMap,
  districts: { features: readonly DistrictFeature[] },
  data: RiskData | null,
): FeatureCollection {
  const fc = toFeatureCollection(districts, data);
  const all = layers();
  installSourceAndLayers(
    map,
    SOURCE_ID,
    source(fc),
    all.filter((l) => l.id === FILL_LAYER_ID),
  );
  installSourceAndLayers(
    map,
    PLACE_SOURCE_ID,
    placeSource(toPlaceCollection(data)),
    all.filter((l) => l.id === PLACE_LAYER_ID),
  );
  return fc;
}

export function update(
  map: MaplibreMap,
  districts: { features: readonly DistrictFeature[] },
  data: RiskData | null,
): FeatureCollection {
  const fc = toFeatureCollection(districts, data);
  setSourceData(map, SOURCE_ID, fc);
  setSourceData(map, PLACE_SOURCE_ID, toPlaceCollection(data));
  return fc;
}
