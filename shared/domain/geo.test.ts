import { describe, expect, it } from 'vitest';
import {
  distanceMeters,
  EARTH_RADIUS_M,
  haversineMeters,
  metresPerDegree,
  pointInGeometry,
  pointInPolygon,
  pointInRing,
  type Position,
} from './geo';

// Results of the definitions this module replaced (shared haversineMeters, node/routing distanceM,
// the renderer's draw-area distance), recorded before they were merged into one.
const KNOWN: { name: string; a: [number, number]; b: [number, number]; metres: number }[] = [
  { name: 'Jincheng, 0.01° both ways', a: [112.85, 35.5], b: [112.86, 35.51], metres: 1433.8136956036165 },
  { name: 'Beijing – Shanghai', a: [116.3975, 39.9087], b: [121.4737, 31.2304], metres: 1068140.343491086 },
  { name: 'Monaco casino – palace', a: [7.4246, 43.7384], b: [7.4197, 43.7311], metres: 902.1549205152872 },
  { name: 'half the equator', a: [0, 0], b: [180, 0], metres: 20015114.442035925 },
  { name: 'London – Paris', a: [-0.1276, 51.5072], b: [2.3522, 48.8566], metres: 343530.3399985714 },
];

describe('the one geometry module', () => {
  it('keeps the mean earth radius', () => {
    expect(EARTH_RADIUS_M).toBe(6_371_008.8);
  });

  it.each(KNOWN)('distance agrees with the previous results: $name', ({ a, b, metres }) => {
    expect(distanceMeters(a[0], a[1], b[0], b[1])).toBeCloseTo(metres, 6);
    expect(haversineMeters({ lng: a[0], lat: a[1] }, { lng: b[0], lat: b[1] })).toBeCloseTo(metres, 6);
    expect(distanceMeters(b[0], b[1], a[0], a[1])).toBeCloseTo(metres, 6);
  });

  it('metres per degree around 35.5° N (the equirectangular frame)', () => {
    const { mx, my } = metresPerDegree(35.5);
    expect(my).toBeCloseTo(111195.0802335329, 6);
    expect(mx).toBeCloseTo(90525.64038299515, 6);
  });

  const square: Position[] = [
    [0, 0],
    [2, 0],
    [2, 2],
    [0, 2],
  ];
  const hole: number[][] = [
    [0.5, 0.5],
    [1.5, 0.5],
    [1.5, 1.5],
    [0.5, 1.5],
    [0.5, 0.5],
  ];

  it('point in a ring, open or closed, agrees between the object and number forms', () => {
    for (const [lng, lat, inside] of [
      [1, 1, true],
      [3, 1, false],
      [1, -0.1, false],
      [1.9, 1.9, true],
    ] as const) {
      expect(pointInPolygon({ lng, lat }, square)).toBe(inside);
      expect(pointInPolygon({ lng, lat }, [...square, square[0]!])).toBe(inside);
      expect(pointInRing(lng, lat, square)).toBe(inside);
    }
  });

  it('point in a Polygon with a hole and in a MultiPolygon', () => {
    const outer = [...square, square[0]!].map((p) => [...p]);
    const polygon = { type: 'Polygon' as const, coordinates: [outer, hole] };
    expect(pointInGeometry(0.25, 0.25, polygon)).toBe(true);
    expect(pointInGeometry(1, 1, polygon)).toBe(false);
    const far = outer.map(([x, y]) => [x! + 10, y!]);
    const multi = { type: 'MultiPolygon' as const, coordinates: [[outer, hole], [far]] };
    expect(pointInGeometry(11, 1, multi)).toBe(true);
    expect(pointInGeometry(1, 1, multi)).toBe(false);
    expect(pointInGeometry(5, 1, multi)).toBe(false);
  });
});
