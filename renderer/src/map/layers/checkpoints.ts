/**
 * Checkpoints (卡口/查控点) by level. Provincial and city checkpoints are where rings 3 and 2 are
 * closed, so they are drawn larger and labelled earlier than district ones.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import type { Checkpoint, CheckpointLevel } from '../../../../shared/domain/checkpoint';
import { COLORS, FONT_REGULAR, TEXT_PAINT, type MapLocale } from '../theme';
import { checkpointIcon, ICON_PIXEL_RATIO } from '../icons';
import {
  addImageOnce,
  collection,
  geojsonSource,
  installSourceAndLayers,
  setSourceData,
  slot,
} from './common';

export const SOURCE_ID = 'checkpoints';

export interface CheckpointProps {
  id: string;
  name: string;
  level: CheckpointLevel;
  road: string;
  /** 0 = provincial: wins label collisions and draws on top. */
  rank: number;
}

const RANK: Record<CheckpointLevel, number> = { provincial: 0, city: 1, district: 2 };
export const LEVEL_COLOR: Record<CheckpointLevel, string> = {
  provincial: COLORS.checkpointProvincial,
  city: COLORS.checkpointCity,
  district: COLORS.checkpointDistrict,
};
export const imageId = (level: CheckpointLevel): string => `checkpoint-${level}`;

export function toFeatureCollection(
  checkpoints: readonly Checkpoint[],
): FeatureCollection<Point, CheckpointProps> {
  return collection(
    checkpoints.map((c) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [c.lng, c.lat] },
      properties: { id: c.id, name: c.name, level: c.level, road: c.road, rank: RANK[c.level] },
    })),
  );
}

export function layers(_locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  return [
    {
      id: 'checkpoints-icon',
      type: 'symbol',
      source: SOURCE_ID,
      metadata: slot('static-point'),
      layout: {
        'icon-image': ['concat', 'checkpoint-', ['get', 'level']],
        'icon-size': [
          'interpolate',
          ['linear'],
          ['zoom'],
          8,
          ['match', ['get', 'level'], 'district', 0.6, 0.8],
          14,
          ['match', ['get', 'level'], 'district', 0.9, 1.1],
        ],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'symbol-sort-key': ['-', 2, ['get', 'rank']],
      },
    },
    {
      id: 'checkpoints-label',
      type: 'symbol',
      source: SOURCE_ID,
      // Border checkpoints named from zoom 10, district ones only from 13.
      minzoom: 10,
      filter: ['any', ['!=', ['get', 'level'], 'district'], ['>=', ['zoom'], 13]],
      metadata: slot('static-point'),
      layout: {
        // Checkpoint names are Chinese only in the pack; they are proper names.
        'text-field': ['get', 'name'],
        'text-font': FONT_REGULAR,
        'text-size': 11,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-optional': true,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: {
        ...TEXT_PAINT,
        'text-color': [
          'match',
          ['get', 'level'],
          'provincial',
          '#fda4af',
          'city',
          '#fcd34d',
          COLORS.labelDim,
        ],
      },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

export const source = (fc: FeatureCollection = toFeatureCollection([])) => geojsonSource(fc);

export function install(map: MaplibreMap, checkpoints: readonly Checkpoint[]): FeatureCollection {
  for (const level of Object.keys(LEVEL_COLOR) as CheckpointLevel[]) {
    addImageOnce(map, imageId(level), checkpointIcon(LEVEL_COLOR[level]), { pixelRatio: ICON_PIXEL_RATIO });
  }
  const fc = toFeatureCollection(checkpoints);
  installSourceAndLayers(map, SOURCE_ID, source(fc), layers());
  return fc;
}

export function update(map: MaplibreMap, checkpoints: readonly Checkpoint[]): FeatureCollection {
  const fc = toFeatureCollection(checkpoints);
  setSourceData(map, SOURCE_ID, fc);
  return fc;
}
