import { describe, expect, it } from 'vitest';
import * as roads from './roads';
import * as boundaries from './boundaries';
import * as districts from './districts';
import * as places from './places';
import * as checkpoints from './checkpoints';
import { FIXTURE_PACK } from './__fixtures__/pack';

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
    expect(fc.features.map((f) => f.properties.level)).toEqual(['province', 'province', 'city', 'county']);
    expect(fc.features[1]?.properties.own).toBe(false);
  });
  it('gives province, city and county lines distinct dash patterns', () => {
    const dash = (id: string) => JSON.stringify(boundaries.LAYERS.find((l) => l.id === id)?.paint);
    const patterns = ['boundaries-province', 'boundaries-city', 'boundaries-county'].map((id) => dash(id).match(/"line-dasharray":\[[^\]]*\]/)?.[0]);
    expect(new Set(patterns).size).toBe(3);
    expect(patterns.every(Boolean)).toBe(true);
  });
});

describe('districts.toFeatureCollection', () => {
  it('maps patrol districts with bilingual names', () => {
    const fc = districts.toFeatureCollection(FIXTURE_PACK.districts);
    expect(fc.features[0]?.properties).toEqual({ id: 'd1', name: '一号巡区', nameEn: 'Patrol District 1', countyId: 'k1' });
    expect(fc.features[0]?.geometry.type).toBe('Polygon');
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
    expect(fc.features[0]).toMatchObject({ geometry: { type: 'Point', coordinates: [112.85, 35.2] }, properties: { level: 'provincial', rank: 0, road: 'G55' } });
    expect(fc.features.map((f) => f.properties.level)).toEqual(['provincial', 'city', 'district']);
  });
  it('has an icon per level', () => {
    expect(Object.keys(checkpoints.LEVEL_COLOR).map(checkpoints.imageId)).toEqual(['checkpoint-provincial', 'checkpoint-city', 'checkpoint-district']);
  });
});

describe('empty input', () => {
  it('produces empty collections, never throws', () => {
    expect(roads.toFeatureCollection({ features: [] }).features).toEqual([]);
    expect(boundaries.toFeatureCollection({ features: [] }).features).toEqual([]);
    expect(checkpoints.toFeatureCollection([]).features).toEqual([]);
  });
});
