import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedDataFile } from '../../tests/unit/sharedData';
import { describe, expect, it } from 'vitest';
import { fromWgs84, toWgs84 } from './coords';
import { haversineMeters } from './geo';

const DATA = path.dirname(sharedDataFile('boundaries', 'jincheng_140500.cnatlas.geojson'));
type Fc = { features: { geometry: { type: string; coordinates: unknown } }[] };
const ringsOf = (fc: Fc): number[][][] =>
  fc.features.flatMap((f) =>
    f.geometry.type === 'Polygon'
      ? (f.geometry.coordinates as number[][][])
      : (f.geometry.coordinates as number[][][][]).flat(),
  );

describe('coordinate systems', () => {
  it('leaves WGS84 and CGCS2000 as they are', () => {
    expect(toWgs84({ lng: 112.85, lat: 35.5 }, 'CGCS2000')).toEqual({ lng: 112.85, lat: 35.5 });
  });

  it('moves a GCJ-02 point in Jincheng by the documented 300–600 m, and back', () => {
    const wgs = { lng: 112.851, lat: 35.49 };
    const gcj = fromWgs84(wgs, 'GCJ02');
    const offset = haversineMeters(wgs, gcj);
    expect(offset).toBeGreaterThan(300);
    expect(offset).toBeLessThan(700);
    expect(haversineMeters(toWgs84(gcj, 'GCJ02'), wgs)).toBeLessThan(2);
  });

  it('converts the real DataV (GCJ-02) Jincheng county boundaries to match the published WGS84 conversion', () => {
    const gcj = JSON.parse(
      readFileSync(`${DATA}/datav_140500_jincheng_counties.gcj02.geojson`, 'utf8'),
    ) as Fc;
    const wgs = JSON.parse(
      readFileSync(`${DATA}/datav_140500_jincheng_counties.wgs84-from-gcj02.geojson`, 'utf8'),
    ) as Fc;
    const a = ringsOf(gcj).flat();
    const b = ringsOf(wgs).flat();
    expect(a.length).toBe(b.length);
    expect(a.length).toBeGreaterThan(1000);
    let worst = 0;
    for (let i = 0; i < a.length; i += 7) {
      const converted = toWgs84({ lng: a[i]![0]!, lat: a[i]![1]! }, 'GCJ02');
      worst = Math.max(worst, haversineMeters(converted, { lng: b[i]![0]!, lat: b[i]![1]! }));
    }
    // Same library, same inverse: identical to the published file within rounding (6 decimals ≈ 0.1 m).
    expect(worst).toBeLessThan(1);
  });
});
