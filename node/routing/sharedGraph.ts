/**
 * The road graph on shared memory, so that a worker thread (the cordon's, electron/core/cordon)
 * routes on the same bytes as the host instead of a second copy: every typed array of the graph
 * is a view into one SharedArrayBuffer, and a `SharedGraph` (that buffer plus the views' layout)
 * is what crosses to the worker; `graphFromShared` rebuilds the same views there without copying.
 */
import type { RoadGraph, RoadGraphMeta } from './graph';

const ARRAYS = {
  nodeLng: Float64Array,
  nodeLat: Float64Array,
  firstEdge: Int32Array,
  edgeTarget: Int32Array,
  edgeRef: Int32Array,
  pieceFrom: Int32Array,
  pieceTo: Int32Array,
  pieceLength: Float32Array,
  pieceClass: Uint8Array,
  pieceFlags: Uint8Array,
  pieceMaxspeed: Uint8Array,
  geomOffset: Int32Array,
  shapeLng: Float64Array,
  shapeLat: Float64Array,
} as const;

type ArrayName = keyof typeof ARRAYS;
type View = ArrayBufferView & { set(source: ArrayLike<number>): void; readonly length: number };
const ctor = (n: ArrayName) =>
  ARRAYS[n] as unknown as new (buffer: ArrayBufferLike, byteOffset: number, length: number) => View;
const NAMES = Object.keys(ARRAYS) as ArrayName[];

/** Plain data (structured-clonable): the buffer is shared, not copied, when posted to a worker. */
export interface SharedGraph {
  buffer: SharedArrayBuffer;
  nodeCount: number;
  pieceCount: number;
  meta: RoadGraphMeta;
  layout: Record<ArrayName, { offset: number; length: number }>;
}

const align8 = (n: number) => (n + 7) & ~7;

/** True when every array of `g` already lives in one SharedArrayBuffer (made by `shareGraph`). */
export function isSharedGraph(g: RoadGraph): boolean {
  const b = g.nodeLng.buffer;
  return b instanceof SharedArrayBuffer && NAMES.every((n) => g[n].buffer === b);
}

/**
 * `g` copied once into shared memory (the host keeps the copy and drops the original); returns the
 * graph on the shared copy, or `g` itself when it is shared already.
 */
export function shareGraph(g: RoadGraph): RoadGraph {
  if (isSharedGraph(g)) return g;
  let size = 0;
  for (const n of NAMES) size = align8(size + g[n].byteLength);
  const buffer = new SharedArrayBuffer(size);
  const out: Record<string, ArrayBufferView> = {};
  let offset = 0;
  for (const n of NAMES) {
    const view = new (ctor(n))(buffer, offset, g[n].length);
    view.set(g[n]);
    out[n] = view;
    offset = align8(offset + g[n].byteLength);
  }
  return { nodeCount: g.nodeCount, pieceCount: g.pieceCount, meta: g.meta, ...(out as object) } as RoadGraph;
}

/** The shared buffer and layout of a graph made by `shareGraph`, to post to a worker. */
export function sharedGraphOf(g: RoadGraph): SharedGraph {
  if (!isSharedGraph(g)) throw new Error('the road graph is not on shared memory (shareGraph)');
  const layout = {} as SharedGraph['layout'];
  for (const n of NAMES) layout[n] = { offset: g[n].byteOffset, length: g[n].length };
  return {
    buffer: g.nodeLng.buffer as SharedArrayBuffer,
    nodeCount: g.nodeCount,
    pieceCount: g.pieceCount,
    meta: g.meta,
    layout,
  };
}

/** The graph's views on a shared buffer received from the host (no copy). */
export function graphFromShared(s: SharedGraph): RoadGraph {
  const out: Record<string, ArrayBufferView> = {};
  for (const n of NAMES) {
    const { offset, length } = s.layout[n];
    out[n] = new (ctor(n))(s.buffer, offset, length);
  }
  return { nodeCount: s.nodeCount, pieceCount: s.pieceCount, meta: s.meta, ...(out as object) } as RoadGraph;
}
