import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packProvenanceReport } from './packHealth';
import type { CityPack } from './schema';

const demo = path.resolve(__dirname, '..', '..', 'resources', 'city', 'demo');
const read = (f: string): unknown => JSON.parse(readFileSync(path.join(demo, f), 'utf8'));
const pack = (): CityPack =>
  ({
    manifest: read('pack.json'),
    roads: read('roads.geojson'),
    boundaries: read('boundaries.geojson'),
    districts: read('districts.geojson'),
    places: read('places.geojson'),
    units: read('units.json'),
    cameras: read('cameras.json'),
    checkpoints: read('checkpoints.json'),
  }) as CityPack;

describe('pack provenance report', () => {
  it('lists the demo layers with their counts and import provenance, without warnings', () => {
    const r = packProvenanceReport(pack());
    expect(r.layers.map((l) => [l.layer, l.count])).toEqual([
      ['roads', r.layers[0]!.count],
      ['boundaries', 9],
      ['districts', 34],
      ['places', r.layers[3]!.count],
      ['units', 39],
      ['cameras', 3664],
      ['checkpoints', 17],
    ]);
    expect(r.layers.find((l) => l.layer === 'cameras')!.provenance).toMatchObject({
      source: 'cameras.csv',
      crs: 'GCJ02',
      count: 3664,
    });
    expect(r.warnings).toEqual([]);
  });

  it('warns about empty layers, rings without checkpoints, an unknown adcode and orphan units', () => {
    const p = pack();
    p.cameras = [];
    p.checkpoints = p.checkpoints.filter((c) => c.level === 'district');
    p.units[0] = { ...p.units[0]!, districtId: 'NOPE' };
    p.manifest = { ...p.manifest, adcode: '000000' };
    expect(packProvenanceReport(p).warnings).toEqual([
      { code: 'empty', layer: 'cameras' },
      { code: 'noRing2Checkpoints', layer: 'checkpoints' },
      { code: 'noRing3Checkpoints', layer: 'checkpoints' },
      { code: 'adcodeUnknown', layer: null },
      { code: 'unitsWithoutDistrict', layer: 'units', count: 1 },
    ]);
  });
});
