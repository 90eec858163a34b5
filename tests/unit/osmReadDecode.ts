/**
 * The osm-read package as a reference OSM PBF decoder, for the importer's equivalence test and
 * the decode benchmark (bench/osmDecode.ts). Production imports use node/routing/osmPbf.ts;
 * docs/routing.md records the measurement behind that choice.
 */
import { parse } from 'osm-read';

export interface DecodedOsm {
  /** Node ids, lng, lat in file order. */
  ids: number[];
  lng: number[];
  lat: number[];
  ways: { id: number; refs: number[]; tags: Map<string, string> }[];
}

export function decodeWithOsmRead(file: string): Promise<DecodedOsm> {
  const out: DecodedOsm = { ids: [], lng: [], lat: [], ways: [] };
  return new Promise((resolve, reject) => {
    parse({
      filePath: file,
      format: 'pbf',
      node(n) {
        out.ids.push(Number(n.id));
        out.lng.push(n.lon);
        out.lat.push(n.lat);
      },
      way(w) {
        out.ways.push({
          id: Number(w.id),
          refs: w.nodeRefs.map(Number),
          tags: new Map(Object.entries(w.tags)),
        });
      },
      endDocument: () => resolve(out),
      error: (msg) => reject(new Error(`osm-read: ${String(msg)}`)),
    });
  });
}
