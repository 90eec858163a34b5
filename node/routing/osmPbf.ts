/**
 * Streaming-free OSM PBF decoder: walks the file blob by blob (zlib via node:zlib) and hands
 * nodes and ways to callbacks. Relations are skipped: routing needs only ways and node positions.
 * Format: the "PBF Format" page of the OpenStreetMap wiki (fileformat.proto, osmformat.proto).
 */
import { inflateSync } from 'node:zlib';
import { ProtoReader } from './protobuf';

export interface OsmPbfHandlers {
  /** A batch of nodes; arrays are reused between calls, copy what you keep. */
  nodes?(ids: Float64Array, lng: Float64Array, lat: Float64Array, count: number): void;
  /** A way with its node refs (absolute ids) and tags. `wantWay` filters before refs are decoded. */
  way?(id: number, refs: number[], tags: Map<string, string>): void;
  /** Cheap pre-filter on tags so that refs of irrelevant ways (buildings…) are never decoded. */
  wantWay?(tags: Map<string, string>): boolean;
  /** Fraction of the file's bytes processed, 0..1. */
  progress?(fraction: number): void;
}

const decoder = new TextDecoder();

/** The input is not a readable OSM PBF file (or is truncated). */
export class OsmPbfError extends Error {
  override name = 'OsmPbfError';
  constructor(detail: string) {
    super(`not a valid .osm.pbf file: ${detail}`);
  }
}

export function decodeOsmPbf(file: Uint8Array, h: OsmPbfHandlers): void {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let pos = 0;
  let first = true;
  // Node batch buffers, grown on demand and reused across blocks (dense groups hold ≤ 8000 nodes).
  let cap = 8192;
  let ids = new Float64Array(cap);
  let lngs = new Float64Array(cap);
  let lats = new Float64Array(cap);
  while (pos + 4 <= file.length) {
    const headerLen = view.getUint32(pos, false);
    // Bounds checks first: a file that is not a PBF otherwise reads as gigabyte-long headers.
    if (headerLen > 64 * 1024 || pos + 4 + headerLen > file.length)
      throw new OsmPbfError(`blob header of ${headerLen} bytes at byte ${pos} runs past the end of the file`);
    pos += 4;
    let type = '';
    let dataSize = 0;
    const hr = new ProtoReader(file, pos, pos + headerLen);
    while (hr.next()) {
      if (hr.field === 1) type = decoder.decode(hr.bytes());
      else if (hr.field === 3) dataSize = hr.varint();
      else hr.skipField();
    }
    pos += headerLen;
    if (first && type !== 'OSMHeader')
      throw new OsmPbfError(`first blob is "${type.slice(0, 40)}", not OSMHeader`);
    first = false;
    if (pos + dataSize > file.length)
      throw new OsmPbfError(
        `${type} blob of ${dataSize} bytes at byte ${pos} runs past the end of the file (truncated?)`,
      );
    const blobStart = pos;
    pos += dataSize;
    if (type !== 'OSMData') continue; // OSMHeader carries nothing routing needs
    const block = readBlob(file, blobStart, pos);
    parseBlock(block);
    h.progress?.(pos / file.length);
  }

  function parseBlock(buf: Uint8Array): void {
    const r = new ProtoReader(buf);
    let strings: string[] = [];
    const groups: [number, number][] = [];
    let gran = 100;
    let latOff = 0;
    let lonOff = 0;
    while (r.next()) {
      if (r.field === 1) strings = readStringTable(r.sub());
      else if (r.field === 2) groups.push(r.bytesRange());
      else if (r.field === 17) gran = r.varint();
      else if (r.field === 19) latOff = r.int64();
      else if (r.field === 20) lonOff = r.int64();
      else r.skipField();
    }
    // Groups are parsed after the header fields: the string table may follow them in the block.
    for (const [s, e] of groups) {
      const g = new ProtoReader(buf, s, e);
      let plain = 0; // count of plain (non-dense) nodes batched from this group
      while (g.next()) {
        if (g.field === 1 && h.nodes) plain = plainNode(g.sub(), plain, gran, latOff, lonOff);
        else if (g.field === 2 && h.nodes) dense(g.sub(), gran, latOff, lonOff);
        else if (g.field === 3 && h.way) way(g.sub(), strings);
        else g.skipField(); // relations, changesets
      }
      if (plain > 0) h.nodes!(ids, lngs, lats, plain);
    }
  }

  /** Plain Node messages (some writers, e.g. older osmium exports, use them instead of dense). */
  function plainNode(r: ProtoReader, n: number, gran: number, latOff: number, lonOff: number): number {
    ensure(n);
    let id = 0;
    let lat = 0;
    let lon = 0;
    while (r.next()) {
      if (r.field === 1) id = r.svarint();
      else if (r.field === 8) lat = r.svarint();
      else if (r.field === 9) lon = r.svarint();
      else r.skipField();
    }
    ids[n] = id;
    lats[n] = 1e-9 * (latOff + gran * lat);
    lngs[n] = 1e-9 * (lonOff + gran * lon);
    return n + 1;
  }

  function ensure(n: number): void {
    if (n < cap) return;
    cap *= 2;
    ids = grow(ids, cap);
    lngs = grow(lngs, cap);
    lats = grow(lats, cap);
  }

  function dense(r: ProtoReader, gran: number, latOff: number, lonOff: number): void {
    let idR: ProtoReader | undefined;
    let latR: ProtoReader | undefined;
    let lonR: ProtoReader | undefined;
    while (r.next()) {
      if (r.field === 1) idR = r.sub();
      else if (r.field === 8) latR = r.sub();
      else if (r.field === 9) lonR = r.sub();
      else r.skipField();
    }
    if (!idR || !latR || !lonR) return;
    let n = 0;
    let id = 0;
    let lat = 0;
    let lon = 0;
    while (idR.pos < idR.end) {
      ensure(n);
      id += idR.svarint();
      lat += latR.svarint();
      lon += lonR.svarint();
      ids[n] = id;
      lats[n] = 1e-9 * (latOff + gran * lat);
      lngs[n] = 1e-9 * (lonOff + gran * lon);
      n++;
    }
    h.nodes!(ids, lngs, lats, n);
  }

  function way(r: ProtoReader, strings: string[]): void {
    let id = 0;
    let keys: ProtoReader | undefined;
    let vals: ProtoReader | undefined;
    let refs: ProtoReader | undefined;
    while (r.next()) {
      if (r.field === 1) id = r.varint();
      else if (r.field === 2) keys = r.sub();
      else if (r.field === 3) vals = r.sub();
      else if (r.field === 8) refs = r.sub();
      else r.skipField();
    }
    const tags = new Map<string, string>();
    if (keys && vals)
      while (keys.pos < keys.end) tags.set(strings[keys.varint()] ?? '', strings[vals.varint()] ?? '');
    if (h.wantWay && !h.wantWay(tags)) return;
    const out: number[] = [];
    let ref = 0;
    if (refs)
      while (refs.pos < refs.end) {
        ref += refs.svarint();
        out.push(ref);
      }
    h.way!(id, out, tags);
  }
}

function readBlob(file: Uint8Array, start: number, end: number): Uint8Array {
  const r = new ProtoReader(file, start, end);
  while (r.next()) {
    if (r.field === 1) return r.bytes();
    if (r.field === 3) return inflateSync(r.bytes());
    if (r.field === 4 || r.field === 6 || r.field === 7)
      throw new Error('OSM PBF: only raw and zlib blobs are supported');
    r.skipField();
  }
  throw new Error('OSM PBF: empty blob');
}

function readStringTable(r: ProtoReader): string[] {
  const out: string[] = [];
  while (r.next()) {
    if (r.field === 1) out.push(decoder.decode(r.bytes()));
    else r.skipField();
  }
  return out;
}

function grow(a: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
