import { describe, expect, it } from 'vitest';
import * as heatmap from './heatmap';
import * as reposition from './reposition';
import * as risk from './riskDistricts';
import type { HeatPoint } from '../../../../shared/contract/insightContract';
import type { DistrictFeature } from '../../../../shared/citypack/schema';

const point = (id: string, lng: number, lat: number, priority: 1 | 2 | 3 | 4 = 3): HeatPoint => ({
  id,
  lng,
  lat,
  priority,
  category: 'theft',
  reportedAt: '2026-11-20T19:00:00+08:00',
  address: 'x',
});

describe('heatmap.toFeatureCollection', () => {
  it('draws one weighted point per alert, urgent ones heaviest', () => {
    const fc = heatmap.toFeatureCollection([point('a', 112.85, 35.49, 1), point('b', 112.86, 35.5, 4)]);
    expect(fc.features.map((f) => f.properties)).toEqual([
      { id: 'a', weight: 1 },
      { id: 'b', weight: 0.25 },
    ]);
    expect(fc.features[0]?.geometry.coordinates).toEqual([112.85, 35.49]);
  });
  it('draws the host’s grid cells instead of the capped points: every alert of a month heats the map', () => {
    const fc = heatmap.toFeatureCollection({
      points: [point('a', 112.85, 35.49, 1)],
      cells: [
        { lng: 112.851, lat: 35.49, count: 40, weight: 23.5 },
        { lng: 112.9, lat: 35.5, count: 1, weight: 0.25 },
      ],
    });
    expect(fc.features.map((f) => f.properties.weight)).toEqual([23.5, 0.25]);
    expect(fc.features[0]?.geometry.coordinates).toEqual([112.851, 35.49]);
    expect(
      heatmap.toFeatureCollection({ points: [point('a', 112.85, 35.49, 1)], cells: [] }).features,
    ).toHaveLength(1);
  });
  it('draws nothing when the heat map is off', () => {
    expect(heatmap.toFeatureCollection(null).features).toEqual([]);
  });
  it('is a heatmap layer with a point layer for close zooms', () => {
    expect(heatmap.LAYERS.map((l) => l.type)).toEqual(['heatmap', 'circle']);
  });
});

describe('heatmap.alertsNear (hot spot click)', () => {
  const pts = [point('far', 112.9, 35.49), point('near', 112.8501, 35.49), point('here', 112.85, 35.49)];
  it('lists the alerts within the radius, nearest first', () => {
    expect(heatmap.alertsNear(pts, { lng: 112.85, lat: 35.49 }, 50).map((p) => p.id)).toEqual([
      'here',
      'near',
    ]);
    expect(heatmap.alertsNear(pts, { lng: 112.85, lat: 35.49 }, 5).map((p) => p.id)).toEqual(['here']);
  });
  it('turns a click radius in pixels into fewer metres the closer the zoom', () => {
    const z12 = heatmap.pixelsToMetres(20, 12, 35.5);
    expect(heatmap.pixelsToMetres(20, 13, 35.5)).toBeCloseTo(z12 / 2, 6);
    expect(z12).toBeGreaterThan(100);
    expect(z12).toBeLessThan(400);
  });
});

describe('riskDistricts.toFeatureCollection', () => {
  const square = (x: number): DistrictFeature['geometry'] => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, 35],
        [x + 0.1, 35],
        [x + 0.1, 35.1],
        [x, 35.1],
        [x, 35],
      ],
    ],
  });
  const districts = {
    features: ['D1', 'D2', 'D3'].map((id, i) => ({
      type: 'Feature' as const,
      geometry: square(112 + i),
      properties: { id, name: id, nameEn: id, countyId: 'C' },
    })),
  };
  it('fills A and B districts, leaves C and ungraded ones out', () => {
    const fc = risk.toFeatureCollection(districts, { districts: { D1: 'A', D2: 'C', D3: 'B' }, places: [] });
    expect(fc.features.map((f) => [f.properties.id, f.properties.grade])).toEqual([
      ['D1', 'A'],
      ['D3', 'B'],
    ]);
    expect(risk.toFeatureCollection(districts, null).features).toEqual([]);
  });
  it('draws graded places (not C) as points', () => {
    const places = [
      {
        key: 'addr:x',
        kind: 'address' as const,
        label: 'x',
        lng: 112.1,
        lat: 35.1,
        grade: 'A' as const,
        score: 20,
        count: 5,
      },
      {
        key: 'cell:1',
        kind: 'cell' as const,
        label: 'c',
        lng: 112.2,
        lat: 35.1,
        grade: 'C' as const,
        score: 1,
        count: 3,
      },
    ];
    expect(risk.toPlaceCollection({ districts: {}, places }).features.map((f) => f.properties.key)).toEqual([
      'addr:x',
    ]);
  });
});

describe('reposition.toFeatureCollection (the preview of suggested moves)', () => {
  const move = {
    unitId: 'U1',
    callsign: '巡1',
    unitType: 'car' as const,
    from: { lng: 112.85, lat: 35.49 },
    to: { lng: 112.87, lat: 35.5 },
    toKind: 'post' as const,
    toLabel: '岗2',
    gain: 0.04,
  };
  it('draws an arrow from the unit to its target and the target point', () => {
    const fc = reposition.toFeatureCollection({ moves: [move], after: null });
    expect(fc.features.map((f) => f.properties.kind)).toEqual(['move', 'target']);
    expect(fc.features[0]!.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [112.85, 35.49],
        [112.87, 35.5],
      ],
    });
    expect(fc.features[1]!.geometry).toEqual({ type: 'Point', coordinates: [112.87, 35.5] });
    expect(fc.features[1]!.properties).toEqual({ kind: 'target', unitId: 'U1', label: '巡1' });
  });
  it('draws the coverage after the moves under them, by tier, empty tiers left out', () => {
    const fc = reposition.toFeatureCollection({
      moves: [move],
      after: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: {
              type: 'MultiLineString',
              coordinates: [
                [
                  [1, 2],
                  [3, 4],
                ],
              ],
            },
            properties: { tier: 180 },
          },
          {
            type: 'Feature',
            geometry: { type: 'MultiLineString', coordinates: [] },
            properties: { tier: 60 },
          },
        ],
      } as never,
    });
    expect(fc.features.map((f) => f.properties)).toEqual([
      { kind: 'after', tier: '180' },
      { kind: 'move', unitId: 'U1', gain: 0.04 },
      { kind: 'target', unitId: 'U1', label: '巡1' },
    ]);
    expect(reposition.toFeatureCollection(null).features).toEqual([]);
  });
  it('is the after-coverage lines, the arrows, the targets and their labels', () => {
    expect(reposition.LAYERS.map((l) => l.type)).toEqual(['line', 'line', 'circle', 'symbol']);
  });
});
