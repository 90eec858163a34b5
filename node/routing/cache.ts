/**
 * Binary graph cache: one file = 8-byte magic, uint32 header length, JSON header (meta, counts and
 * a table of arrays), then every typed array's bytes at 8-byte aligned offsets. Loading is one
 * readFileSync plus zero-copy typed-array views — no parsing proportional to the graph size.
 * Byte order is the host's (little-endian on every platform the console ships for); the header
 * records it and a mismatch is refused rather than silently misread.
 */
import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { RoadGraph, RoadGraphMeta } from './graph';

const MAGIC = 'DRGRAPH1';
export const GRAPH_CACHE_VERSION = 1;

const ARRAYS = [
  ['nodeLng', Float64Array],
  ['nodeLat', Float64Array],
  ['firstEdge', Int32Array],
  ['edgeTarget', Int32Array],
  ['edgeRef', Int32Array],
  ['pieceFrom', Int32Array],
  ['pieceTo', Int32Array],
  ['pieceLength', Float32Array],
  ['pieceClass', Uint8Array],
  ['pieceFlags', Uint8Array],
  ['pieceMaxspeed', Uint8Array],
  ['geomOffset', Int32Array],
  ['shapeLng', Float64Array],
  ['shapeLat', Float64Array],
] as const;

type ArrayName = (typeof ARRAYS)[number][0];

interface Header {
  version: number;
  littleEndian: boolean;
  nodeCount: number;
  pieceCount: number;
  meta: RoadGraphMeta;
  arrays: { name: ArrayName; offset: number; length: number }[];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const align8 = (n: number) => (n + 7) & ~7;

export function saveGraphCache(g: RoadGraph, file: string): void {
  const table: Header['arrays'] = [];
  // Header size depends on the offsets it lists: lay out arrays relative to 0, then shift.
  let rel = 0;
  for (const [name] of ARRAYS) {
    table.push({ name, offset: rel, length: g[name].length });
    rel = align8(rel + g[name].byteLength);
  }
  const header = (base: number): Header => ({
    version: GRAPH_CACHE_VERSION,
    littleEndian: LITTLE_ENDIAN,
    nodeCount: g.nodeCount,
    pieceCount: g.pieceCount,
    meta: g.meta,
    arrays: table.map((t) => ({ ...t, offset: t.offset + base })),
  });
  // Offsets have a fixed-width-ish effect on JSON length: iterate until stable (2 rounds at most).
  let base = 0;
  let json = '';
  for (let i = 0; i < 4; i++) {
    json = JSON.stringify(header(base));
    const nb = align8(12 + Buffer.byteLength(json) + 16); // slack so base rarely moves
    if (nb === base) break;
    base = nb;
  }
  json = JSON.stringify(header(base)).padEnd(base - 12, ' ');
  const out = Buffer.alloc(base + rel);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(Buffer.byteLength(json), 8);
  out.write(json, 12, 'utf8');
  for (const t of header(base).arrays) {
    const a = g[t.name];
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), t.offset);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  // Write-then-rename: a crash mid-write never leaves a truncated cache that loads as garbage.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, out);
  renameSync(tmp, file);
}

export class GraphCacheError extends Error {
  override name = 'GraphCacheError';
}

export function loadGraphCache(file: string): RoadGraph {
  let buf: Buffer = readFileSync(file);
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC)
    throw new GraphCacheError(`${file}: not a graph cache`);
  // Typed-array views need aligned offsets; small files may come from Node's shared pool.
  if (buf.byteOffset % 8 !== 0) buf = Buffer.from(buf);
  const len = buf.readUInt32LE(8);
  const h = JSON.parse(buf.toString('utf8', 12, 12 + len)) as Header;
  if (h.version !== GRAPH_CACHE_VERSION)
    throw new GraphCacheError(`${file}: cache version ${h.version}, expected ${GRAPH_CACHE_VERSION}`);
  if (h.littleEndian !== LITTLE_ENDIAN)
    throw new GraphCacheError(`${file}: byte order differs from this machine`);
  const arrays = {} as Record<ArrayName, ArrayBufferView>;
  for (const [name, Ctor] of ARRAYS) {
    const t = h.arrays.find((a) => a.name === name);
    if (!t) throw new GraphCacheError(`${file}: missing array ${name}`);
    if (t.offset + t.length * Ctor.BYTES_PER_ELEMENT > buf.length)
      throw new GraphCacheError(`${file}: truncated`);
    arrays[name] = new Ctor(buf.buffer as ArrayBuffer, buf.byteOffset + t.offset, t.length);
  }
  return {
    nodeCount: h.nodeCount,
    pieceCount: h.pieceCount,
    meta: h.meta,
    ...(arrays as unknown as Omit<RoadGraph, 'nodeCount' | 'pieceCount' | 'meta'>),
  };
}
