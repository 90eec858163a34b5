/**
 * Our OSM PBF decoder (osmPbf.ts) against the osm-read package on the real Monaco extract: the same
 * nodes (ids and positions), the same ways, and for every way the car importer keeps the same refs
 * and tags. The benchmark bench/osmDecode.ts times the two (docs/routing.md, "PBF decoder").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeOsmPbf, OsmPbfError } from './osmPbf';
import { carWayAttributes } from './osmImport';
import { OSM_DIR } from '../../tests/unit/routingGraphs';
import { decodeWithOsmRead, type DecodedOsm } from '../../tests/unit/osmReadDecode';

const FILE = path.join(OSM_DIR, 'monaco.osm.pbf');

function decodeOwn(file: string): DecodedOsm {
  const out: DecodedOsm = { ids: [], lng: [], lat: [], ways: [] };
  decodeOsmPbf(readFileSync(file), {
    nodes(ids, lng, lat, count) {
      for (let i = 0; i < count; i++) {
        out.ids.push(ids[i]!);
        out.lng.push(lng[i]!);
        out.lat.push(lat[i]!);
      }
    },
    way: (id, refs, tags) => out.ways.push({ id, refs, tags }),
  });
  return out;
}

describe('PBF decoder on bad input', () => {
  it('names a truncated file instead of reading past its end', () => {
    const buf = readFileSync(FILE);
    expect(() => decodeOsmPbf(buf.subarray(0, buf.length >> 1), {})).toThrow(OsmPbfError);
    expect(() => decodeOsmPbf(buf.subarray(0, buf.length >> 1), {})).toThrow(
      /runs past the end of the file \(truncated\?\)/,
    );
    expect(() => decodeOsmPbf(new TextEncoder().encode('{"type":"FeatureCollection"}'), {})).toThrow(
      /not a valid \.osm\.pbf file/,
    );
  });
});

describe('PBF decoder == osm-read (Monaco)', () => {
  let own: DecodedOsm;
  let lib: DecodedOsm;
  beforeAll(async () => {
    own = decodeOwn(FILE);
    lib = await decodeWithOsmRead(FILE);
  }, 60_000);

  it('decodes the same nodes', () => {
    expect(own.ids.length).toBeGreaterThan(10_000);
    expect(own.ids.length).toBe(lib.ids.length);
    expect(own.ids).toEqual(lib.ids);
    let worst = 0;
    for (let i = 0; i < own.ids.length; i++)
      worst = Math.max(worst, Math.abs(own.lng[i]! - lib.lng[i]!), Math.abs(own.lat[i]! - lib.lat[i]!));
    expect(worst).toBeLessThan(1e-9); // both apply granularity and offsets in nano-degrees
  });

  it('decodes the same ways, and identical refs and tags for every routable way', () => {
    expect(own.ways.length).toBe(lib.ways.length);
    expect(own.ways.map((w) => w.id)).toEqual(lib.ways.map((w) => w.id));
    const routable = (d: DecodedOsm) => d.ways.filter((w) => carWayAttributes(w.tags) !== null);
    const a = routable(own);
    const b = routable(lib);
    expect(a.length).toBeGreaterThan(1000);
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) {
      expect(a[i]!.id).toBe(b[i]!.id);
      expect(a[i]!.refs).toEqual(b[i]!.refs);
      expect(Object.fromEntries(a[i]!.tags)).toEqual(Object.fromEntries(b[i]!.tags));
    }
  });
});
