import { describe, expect, it } from 'vitest';
import * as route from './route';
import * as coverage from './coverage';
import type { CoverageSnapshot } from '../../../../shared/contract/routingContract';

describe('route.toFeatureCollection', () => {
  it('draws the route as one LineString', () => {
    const fc = route.toFeatureCollection([
      [112.85, 35.49],
      [112.851, 35.491],
      [112.852, 35.4915],
    ]);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [112.85, 35.49],
        [112.851, 35.491],
        [112.852, 35.4915],
      ],
    });
  });
  it('draws nothing for no route or a single point', () => {
    expect(route.toFeatureCollection(null).features).toEqual([]);
    expect(route.toFeatureCollection([[112.85, 35.49]]).features).toEqual([]);
  });
  it('draws under nothing but live data (slot live, casing first)', () => {
    expect(route.LAYERS.map((l) => l.id)).toEqual(['route-casing', route.LINE_LAYER_ID]);
  });
});

describe('coverage.toFeatureCollection', () => {
  const line = (x: number): [number, number][] => [
    [x, 35.49],
    [x + 0.001, 35.49],
  ];
  const geojson: CoverageSnapshot['geojson'] = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'MultiLineString', coordinates: [line(112.8), line(112.81)] },
        properties: { tier: 60 },
      },
      { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: [] }, properties: { tier: 180 } },
      {
        type: 'Feature',
        geometry: { type: 'MultiLineString', coordinates: [line(112.82)] },
        properties: { tier: 300 },
      },
      {
        type: 'Feature',
        geometry: { type: 'MultiLineString', coordinates: [line(112.9)] },
        properties: { tier: 'none' },
      },
    ],
  };
  it('keeps one MultiLineString per non-empty tier, keyed by a string tier', () => {
    const fc = coverage.toFeatureCollection(geojson);
    expect(fc.features.map((f) => f.properties.tier)).toEqual(['60', '300', 'none']);
    expect(fc.features[0]?.geometry.coordinates).toHaveLength(2);
  });
  it('draws nothing when coverage is off', () => {
    expect(coverage.toFeatureCollection(null).features).toEqual([]);
  });
  it('has a colour per tier and highlights unreached roads in their own layer', () => {
    expect(new Set(Object.values(coverage.TIER_COLORS)).size).toBe(4);
    const none = coverage.LAYERS.find((l) => l.id === coverage.NONE_LAYER_ID);
    expect(none && 'filter' in none ? none.filter : null).toEqual(['==', ['get', 'tier'], 'none']);
  });
});
