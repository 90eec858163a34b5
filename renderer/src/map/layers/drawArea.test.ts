import { describe, expect, it } from 'vitest';
import { circleRing, distanceM, layers, toFeatureCollection } from './drawArea';

describe('drawArea geometry', () => {
  it('measures metres at city scale within 0.5 %', () => {
    // 0.01° of latitude is 1,111.95 m on the mean sphere.
    expect(distanceM([112.85, 35.5], [112.85, 35.51])).toBeCloseTo(1111.95, 0);
    // 0.01° of longitude at 35.5° N is about 905 m.
    const east = distanceM([112.85, 35.5], [112.86, 35.5]);
    expect(Math.abs(east - 905.2) / 905.2).toBeLessThan(0.005);
  });

  it('closes the circle ring and keeps every vertex on the radius', () => {
    const ring = circleRing([112.85, 35.5], 250, 32);
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    for (const p of ring) expect(distanceM([112.85, 35.5], p)).toBeCloseTo(250, -1);
  });
});

describe('drawArea.toFeatureCollection', () => {
  it('draws nothing before the first click', () => {
    expect(toFeatureCollection(null).features).toEqual([]);
    expect(toFeatureCollection({ kind: 'circle', center: null, edge: null }).features).toEqual([]);
    expect(toFeatureCollection({ kind: 'polygon', vertices: [], cursor: null }).features).toEqual([]);
  });

  it('shows the circle centre, then the circle following the cursor', () => {
    const centreOnly = toFeatureCollection({ kind: 'circle', center: [112.85, 35.5], edge: null });
    expect(centreOnly.features.map((f) => f.geometry.type)).toEqual(['Point']);
    const withEdge = toFeatureCollection({ kind: 'circle', center: [112.85, 35.5], edge: [112.85, 35.501] });
    expect(withEdge.features.map((f) => f.geometry.type)).toEqual(['Point', 'Polygon']);
  });

  it('draws a polygon draft as a point, a line, then a closed polygon including the cursor', () => {
    expect(
      toFeatureCollection({ kind: 'polygon', vertices: [[1, 1]], cursor: null }).features[0]?.geometry.type,
    ).toBe('Point');
    expect(
      toFeatureCollection({ kind: 'polygon', vertices: [[1, 1]], cursor: [2, 1] }).features[0]?.geometry.type,
    ).toBe('LineString');
    const poly = toFeatureCollection({
      kind: 'polygon',
      vertices: [
        [1, 1],
        [2, 1],
      ],
      cursor: [2, 2],
    });
    expect(poly.features[0]?.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [1, 1],
          [2, 1],
          [2, 2],
          [1, 1],
        ],
      ],
    });
  });

  it('uses one source for its fill, outline and vertex layers', () => {
    expect(new Set(layers().map((l) => ('source' in l ? l.source : null)))).toEqual(new Set(['draw-area']));
  });
});
