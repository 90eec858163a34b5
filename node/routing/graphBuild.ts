/**
 * Builds the compact CSR road graph from importer output (OSM or city pack).
 * Steps: split ways at shared nodes → pieces; keep the largest strongly connected component for
 * cars (so that every kept node can both reach and be reached by a patrol car — otherwise a unit
 * snapped into a car park island would report "unreachable" for every alert); renumber; CSR.
 */
import { FLAG_ONEWAY, FLAG_OUTSIDE, FLAG_ROUNDABOUT, type RoadGraph } from './graph';
import { distanceMeters as distanceM } from '../../shared/domain/geo';
import { largestScc } from './scc';

export interface RawWay {
  /** Indices into RawNetwork.lng/lat, in the allowed direction when oneway. */
  refs: ArrayLike<number>;
  cls: number;
  oneway: boolean;
  roundabout: boolean;
  /** km/h, 0 = untagged. */
  maxspeed: number;
  /** Street name and road reference where tagged (city-pack roads; the graph ignores them). */
  name?: string;
  ref?: string;
  /** Beyond the city boundary (graph FLAG_OUTSIDE). */
  outside?: boolean;
}

export interface RawNetwork {
  lng: Float64Array;
  lat: Float64Array;
  ways: RawWay[];
  source: string;
}

export type ProgressFn = (stage: string, fraction: number) => void;

export function buildGraph(raw: RawNetwork, progress?: ProgressFn): RoadGraph {
  const nRaw = raw.lng.length;
  // 1. A raw node becomes a graph node when it ends a way or is shared (intersection).
  const uses = new Uint8Array(nRaw);
  for (const w of raw.ways) {
    for (let i = 0; i < w.refs.length; i++) {
      const r = w.refs[i]!;
      if (uses[r]! < 2) uses[r]!++;
    }
    uses[w.refs[0]!] = 2;
    uses[w.refs[w.refs.length - 1]!] = 2;
  }
  progress?.('split', 0.2);

  // 2. Split into pieces (raw node ids), dropping repeated consecutive refs.
  const pFrom: number[] = [];
  const pTo: number[] = [];
  const pShape: number[][] = [];
  const pLen: number[] = [];
  const pCls: number[] = [];
  const pFlags: number[] = [];
  const pMax: number[] = [];
  for (const w of raw.ways) {
    let shape: number[] = [w.refs[0]!];
    let len = 0;
    for (let i = 1; i < w.refs.length; i++) {
      const r = w.refs[i]!;
      const prev = shape[shape.length - 1]!;
      if (r === prev) continue;
      len += distanceM(raw.lng[prev]!, raw.lat[prev]!, raw.lng[r]!, raw.lat[r]!);
      shape.push(r);
      if (uses[r]! >= 2) {
        pFrom.push(shape[0]!);
        pTo.push(r);
        pShape.push(shape);
        pLen.push(len);
        pCls.push(w.cls);
        pFlags.push(
          (w.oneway ? FLAG_ONEWAY : 0) |
            (w.roundabout ? FLAG_ROUNDABOUT : 0) |
            (w.outside ? FLAG_OUTSIDE : 0),
        );
        pMax.push(Math.min(255, Math.round(w.maxspeed)));
        shape = [r];
        len = 0;
      }
    }
  }
  progress?.('scc', 0.4);

  // 3. Dense ids for graph nodes, then the car SCC.
  const gid = new Int32Array(nRaw).fill(-1);
  let n = 0;
  for (let p = 0; p < pFrom.length; p++) {
    if (gid[pFrom[p]!]! < 0) gid[pFrom[p]!] = n++;
    if (gid[pTo[p]!]! < 0) gid[pTo[p]!] = n++;
  }
  const from = Int32Array.from(pFrom, (r) => gid[r]!);
  const to = Int32Array.from(pTo, (r) => gid[r]!);
  const inScc = largestScc(n, from, to, (p) => !(pFlags[p]! & FLAG_ONEWAY));
  progress?.('csr', 0.7);

  // 4. Renumber kept nodes; keep pieces whose both ends are in the component.
  const newId = new Int32Array(n).fill(-1);
  let nodeCount = 0;
  const keptPieces: number[] = [];
  for (let p = 0; p < from.length; p++) {
    if (!inScc[from[p]!] || !inScc[to[p]!]) continue;
    if (from[p] === to[p] && pLen[p]! < 1) continue; // degenerate self-loop
    keptPieces.push(p);
    if (newId[from[p]!]! < 0) newId[from[p]!] = nodeCount++;
    if (newId[to[p]!]! < 0) newId[to[p]!] = nodeCount++;
  }
  const P = keptPieces.length;
  const nodeLng = new Float64Array(nodeCount);
  const nodeLat = new Float64Array(nodeCount);
  const pieceFrom = new Int32Array(P);
  const pieceTo = new Int32Array(P);
  const pieceLength = new Float32Array(P);
  const pieceClass = new Uint8Array(P);
  const pieceFlags = new Uint8Array(P);
  const pieceMaxspeed = new Uint8Array(P);
  const geomOffset = new Int32Array(P + 1);
  let shapeTotal = 0;
  for (const p of keptPieces) shapeTotal += pShape[p]!.length;
  const shapeLng = new Float64Array(shapeTotal);
  const shapeLat = new Float64Array(shapeTotal);
  let s = 0;
  keptPieces.forEach((p, i) => {
    const a = newId[from[p]!]!;
    const b = newId[to[p]!]!;
    pieceFrom[i] = a;
    pieceTo[i] = b;
    pieceLength[i] = pLen[p]!;
    pieceClass[i] = pCls[p]!;
    pieceFlags[i] = pFlags[p]!;
    pieceMaxspeed[i] = pMax[p]!;
    geomOffset[i] = s;
    for (const r of pShape[p]!) {
      shapeLng[s] = raw.lng[r]!;
      shapeLat[s] = raw.lat[r]!;
      s++;
    }
    nodeLng[a] = raw.lng[pFrom[p]!]!;
    nodeLat[a] = raw.lat[pFrom[p]!]!;
    nodeLng[b] = raw.lng[pTo[p]!]!;
    nodeLat[b] = raw.lat[pTo[p]!]!;
  });
  geomOffset[P] = s;

  // 5. CSR with both directions of every piece (see graph.ts for why).
  const firstEdge = new Int32Array(nodeCount + 1);
  for (let i = 0; i < P; i++) {
    firstEdge[pieceFrom[i]! + 1]!++;
    firstEdge[pieceTo[i]! + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) firstEdge[v + 1]! += firstEdge[v]!;
  const fill = firstEdge.slice(0, nodeCount);
  const edgeTarget = new Int32Array(2 * P);
  const edgeRef = new Int32Array(2 * P);
  for (let i = 0; i < P; i++) {
    let e = fill[pieceFrom[i]!]!++;
    edgeTarget[e] = pieceTo[i]!;
    edgeRef[e] = 2 * i;
    e = fill[pieceTo[i]!]!++;
    edgeTarget[e] = pieceFrom[i]!;
    edgeRef[e] = 2 * i + 1;
  }
  progress?.('done', 1);

  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (let v = 0; v < nodeCount; v++) {
    minLng = Math.min(minLng, nodeLng[v]!);
    maxLng = Math.max(maxLng, nodeLng[v]!);
    minLat = Math.min(minLat, nodeLat[v]!);
    maxLat = Math.max(maxLat, nodeLat[v]!);
  }
  return {
    nodeCount,
    pieceCount: P,
    nodeLng,
    nodeLat,
    firstEdge,
    edgeTarget,
    edgeRef,
    pieceFrom,
    pieceTo,
    pieceLength,
    pieceClass,
    pieceFlags,
    pieceMaxspeed,
    geomOffset,
    shapeLng,
    shapeLat,
    meta: { source: raw.source, builtAt: new Date().toISOString(), bbox: [minLng, minLat, maxLng, maxLat] },
  };
}
