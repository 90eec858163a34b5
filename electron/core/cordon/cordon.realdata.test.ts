/**
 * Ring geometry on real boundaries (tests/unit/sharedData): the cn-atlas Jincheng city polygon and
 * Shanxi–Henan border (WGS84/CGCS2000), and the DataV county file (GCJ-02), as in SOURCES.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../../tests/unit/sharedData';
import { toWgs84 } from '../../../shared/domain/coords';
import {
  Frame,
  SegmentGrid,
  distanceToLine,
  linesLengthKm,
  polygonAreaKm2,
  polygonRingLine,
  type PolygonGeometry,
  type Position,
} from './geometry';

type Fc = {
  features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
};
const read = (name: string): Fc => JSON.parse(readFileSync(sharedDataFile('boundaries', name), 'utf8')) as Fc;

const jincheng = read('jincheng_140500.cnatlas.geojson').features[0]!.geometry as PolygonGeometry;
const frame = new Frame(112.8, 35.6);
const cityLine = polygonRingLine(frame, jincheng);
const cityGrid = new SegmentGrid(cityLine, 2000);
const distToCity = ([lng, lat]: Position) =>
  distanceToLine(cityLine, cityGrid, frame.x(lng), frame.y(lat), 50_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('Jincheng city boundary (cn-atlas, WGS84)', () => {
  it('is a closed polygon of about 9,426 km²', () => {
    expect(jincheng.type).toBe('Polygon');
    const ring = (jincheng as { coordinates: Position[][] }).coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.length).toBeGreaterThan(250);
    const area = polygonAreaKm2(jincheng);
    expect(area).toBeGreaterThan(9426 * 0.95);
    expect(area).toBeLessThan(9426 * 1.05);
  });

  it('the Jincheng–Henan border segment (~253 km) runs along the city ring', () => {
    const border = read('shanxi_henan_border.cnatlas.geojson').features.find((f) =>
      String(f.properties.name).startsWith('Jincheng'),
    )!;
    const lines = border.geometry.coordinates as Position[][];
    expect(linesLengthKm(lines)).toBeGreaterThan(253 * 0.95);
    expect(linesLengthKm(lines)).toBeLessThan(253 * 1.05);
    const d = lines.flat().map(distToCity);
    expect(d.filter((x) => x <= 1000).length / d.length).toBeGreaterThan(0.9);
    // …and the whole Shanxi–Henan border (~587 km) is mostly elsewhere.
    const all = read('shanxi_henan_border.cnatlas.geojson').features.find((f) =>
      String(f.properties.name).startsWith('Shanxi'),
    )!;
    const allLines = all.geometry.coordinates as Position[][];
    expect(linesLengthKm(allLines)).toBeGreaterThan(587 * 0.95);
    expect(allLines.flat().filter((p) => distToCity(p) <= 1000).length).toBeLessThan(
      allLines.flat().length * 0.6,
    );
  });
});

describe('DataV counties (GCJ-02) against cn-atlas', () => {
  it('converting GCJ-02 → WGS84 moves the counties’ outer boundary onto the cn-atlas city ring', () => {
    const counties = read('datav_140500_jincheng_counties.gcj02.geojson').features;
    expect(counties).toHaveLength(6);
    // Outer boundary of the union = vertices used by exactly one county (shared arcs are interior).
    const uses = new Map<string, number>();
    const pts: Position[] = [];
    for (const f of counties)
      for (const poly of f.geometry.coordinates as Position[][][])
        for (const ring of poly)
          for (const p of ring.slice(1)) {
            const k = `${p[0]},${p[1]}`;
            if (!uses.has(k)) pts.push(p);
            uses.set(k, (uses.get(k) ?? 0) + 1);
          }
    const outer = pts.filter((p) => uses.get(`${p[0]},${p[1]}`) === 1);
    expect(outer.length).toBeGreaterThan(500);
    const raw = median(outer.map(distToCity));
    const converted = median(
      outer.map(([lng, lat]) => toWgs84({ lng, lat }, 'GCJ02')).map((p) => distToCity([p.lng, p.lat])),
    );
    expect(raw).toBeGreaterThan(300);
    expect(raw).toBeLessThan(500);
    expect(converted).toBeLessThan(250);
    expect(converted).toBeLessThan(raw * 0.6);
  });
});
