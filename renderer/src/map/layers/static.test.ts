import { describe, expect, it } from 'vitest';
import * as roads from './roads';
import * as boundaries from './boundaries';
import * as districts from './districts';
import * as places from './places';
import * as checkpoints from './checkpoints';
import { FIXTURE_PACK } from './__fixtures__/pack';
import { polygonLabelPoint } from './common';

describe('roads.toFeatureCollection', () => {
  const fc = roads.toFeatureCollection(FIXTURE_PACK.roads);
  it('keeps every road with rank and major flag', () => {
    expect(fc.features).toHaveLength(3);
    const [g55, zezhou, res] = fc.features.map((f) => f.properties);
    expect(g55).toMatchObject({ id: 'r1', class: 'motorway', rank: 0, major: true, ref: 'G55' });
    expect(zezhou).toMatchObject({ class: 'primary', major: true, nameEn: 'Zezhou Road' });
    expect(res).toMatchObject({ class: 'residential', major: false, rank: 5 });
  });
  it('omits absent optional keys instead of writing undefined', () => {
    expect(fc.features[0]?.properties).not.toHaveProperty('nameEn');
    expect(fc.features[2]?.properties).not.toHaveProperty('ref');
  });
  it('labels unnamed roads with their ref', () => {
    expect(JSON.stringify(roads.roadLabel('zh-CN'))).toContain('"ref"');
  });
});

describe('boundaries.toFeatureCollection', () => {
  it('keeps level and own flag, one feature per area', () => {
    const fc = boundaries.toFeatureCollection(FIXTURE_PACK.boundaries);
    expect(fc.features.map((f) => f.properties.level)).toEqual([
      'province',
      'province',
      'city',
      'county',
      'province_border',
    ]);
    expect(fc.features[1]?.properties.own).toBe(false);
  });
  it('draws the provincial border without the frame edges the province polygons are clipped to', () => {
    // Fixture: own province y 35.2–36.0 above the neighbour y 34.4–35.2, both x 112.45–113.25.
    const border = boundaries.provinceBorderLines(FIXTURE_PACK.boundaries.features);
    expect(border.coordinates).toEqual(
      [
        [
          [112.45, 35.2],
          [113.25, 35.2],
        ],
      ].map((l) => l.map(([x, y]) => [expect.closeTo(x!, 9), expect.closeTo(y!, 9)])),
    );
  });
  it('joins a border run that wraps around the ring start', () => {
    const ring = [
      [0, 0],
      [1, 1],
      [2, 0],
      [2, 3],
      [0, 3],
      [0, 0],
    ];
    const other = [
      [-1, -1],
      [3, -1],
      [3, 3],
      [2, 3],
      [2, 0],
      [1, 1],
      [0, 0],
      [-1, 3],
      [-1, -1],
    ];
    const f = (coordinates: number[][], own: boolean) => ({
      type: 'Feature' as const,
      geometry: { type: 'Polygon' as const, coordinates: [coordinates as [number, number][]] },
      properties: { id: String(own), level: 'province' as const, name: 'x', nameEn: 'x', own },
    });
    const border = boundaries.provinceBorderLines([f(ring, true), f(other, false)]);
    // Frame is x -1..3, y -1..3: own's top edge (y = 3) is dropped, everything else kept as one line.
    expect(border.coordinates).toHaveLength(1);
    expect(border.coordinates[0]).toEqual([
      [0, 3],
      [0, 0],
      [1, 1],
      [2, 0],
      [2, 3],
    ]);
  });
  it('gives province, city and county lines distinct dash patterns', () => {
    const dash = (id: string) => JSON.stringify(boundaries.LAYERS.find((l) => l.id === id)?.paint);
    const patterns = ['boundaries-province', 'boundaries-city', 'boundaries-county'].map(
      (id) => dash(id).match(/"line-dasharray":\[[^\]]*\]/)?.[0],
    );
    expect(new Set(patterns).size).toBe(3);
    expect(patterns.every(Boolean)).toBe(true);
  });
});

describe('districts.toFeatureCollection', () => {
  it('maps patrol districts with bilingual names', () => {
    const fc = districts.toFeatureCollection(FIXTURE_PACK.districts);
    expect(fc.features[0]?.properties).toEqual({
      id: 'd1',
      name: '一号巡区',
      nameEn: 'Patrol District 1',
      countyId: 'k1',
    });
    expect(fc.features[0]?.geometry.type).toBe('Polygon');
  });
});

describe('districts.toLabelCollection', () => {
  it('gives each district exactly one label point inside it', () => {
    const fc = districts.toLabelCollection(FIXTURE_PACK.districts);
    expect(fc.features).toHaveLength(1);
    const [x, y] = fc.features[0]!.geometry.coordinates as [number, number];
    expect(x).toBeCloseTo(112.84, 6);
    expect(y).toBeCloseTo(35.48, 6);
  });
});

describe('polygonLabelPoint', () => {
  it('uses the largest part of a multipolygon and stays inside concave shapes', () => {
    const small: [number, number][] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    const big: [number, number][] = [
      [10, 10],
      [20, 10],
      [20, 20],
      [10, 20],
      [10, 10],
    ];
    expect(polygonLabelPoint({ type: 'MultiPolygon', coordinates: [[small], [big]] })).toEqual([15, 15]);
    // A "C" shape whose centroid falls in the notch.
    const c: [number, number][] = [
      [0, 0],
      [10, 0],
      [10, 2],
      [2, 2],
      [2, 8],
      [10, 8],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const [x, y] = polygonLabelPoint({ type: 'Polygon', coordinates: [c] });
    expect(x < 2 || y < 2 || y > 8).toBe(true);
  });
});

describe('places.toFeatureCollection', () => {
  it('ranks cities before towns before landmarks', () => {
    const fc = places.toFeatureCollection(FIXTURE_PACK.places);
    expect(fc.features.map((f) => [f.properties.kind, f.properties.rank])).toEqual([
      ['city', 0],
      ['town', 2],
      ['landmark', 3],
    ]);
  });
});

describe('checkpoints.toFeatureCollection', () => {
  it('places checkpoints at lng/lat with their level', () => {
    const fc = checkpoints.toFeatureCollection(FIXTURE_PACK.checkpoints);
    expect(fc.features[0]).toMatchObject({
      geometry: { type: 'Point', coordinates: [112.85, 35.2] },
      properties: { level: 'provincial', rank: 0, road: 'G55' },
    });
    expect(fc.features.map((f) => f.properties.level)).toEqual(['provincial', 'city', 'district']);
  });
  it('colours every level', () => {
    expect(Object.keys(checkpoints.LEVEL_COLOR).sort()).toEqual(['city', 'district', 'provincial']);
  });
  it('has an icon per level', () => {
    expect((['provincial', 'city', 'district'] as const).map(checkpoints.imageId)).toEqual([
      'checkpoint-provincial',
      'checkpoint-city',
      'checkpoint-district',
    ]);
  });
});

describe('empty input', () => {
  it('produces empty collections, never throws', () => {
    expect(roads.toFeatureCollection({ features: [] }).features).toEqual([]);
    expect(boundaries.toFeatureCollection({ features: [] }).features).toEqual([]);
    expect(checkpoints.toFeatureCollection([]).features).toEqual([]);
  });
});
