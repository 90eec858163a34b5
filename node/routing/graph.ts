/**
 * The compact road graph shared by every routing query.
 *
 * Model: OSM ways are split at intersections into *pieces* (undirected road stretches between two
 * graph nodes, with their full shape geometry). Every piece p yields two directed edges with the
 * reference ids 2p (from→to, "forward") and 2p+1 (to→from). Both directions are always present in
 * the adjacency — a one-way piece simply has an infinite weight backwards for vehicle profiles —
 * so the *reverse* graph needs no second CSR: the edge entering node v along piece p is ref ^ 1 of
 * the edge leaving v along p. Profile weights live outside the graph (see profiles.ts), so one
 * graph serves patrol cars, e-bikes and foot patrols.
 */

import { HIGHWAY_CLASSES, type HighwayClass } from '../../shared/domain/roadClass';

/** Highway classes, fastest first (defined in shared/); the index is the code stored in `pieceClass`. */
export { HIGHWAY_CLASSES, type HighwayClass };
export const CLASS_CODE: Readonly<Record<HighwayClass, number>> = Object.fromEntries(
  HIGHWAY_CLASSES.map((c, i) => [c, i]),
) as Record<HighwayClass, number>;

/** pieceFlags bits. */
export const FLAG_ONEWAY = 1; // vehicles may only travel from→to
export const FLAG_ROUNDABOUT = 2;
/**
 * The piece lies beyond the city boundary: kept so that units outside may route and the cordon's
 * rings 2 and 3 are crossed by real roads, but not counted as the city's road network (coverage).
 * A set bit, so that graphs without the notion (every older pack) are wholly inside.
 */
export const FLAG_OUTSIDE = 4;

export interface RoadGraphMeta {
  /** Where the graph came from (file name), for the manifest and diagnostics. */
  source: string;
  builtAt: string;
  /** [minLng, minLat, maxLng, maxLat] of the kept nodes. */
  bbox: [number, number, number, number];
}

export interface RoadGraph {
  readonly nodeCount: number;
  readonly pieceCount: number;
  readonly nodeLng: Float64Array;
  readonly nodeLat: Float64Array;
  /** CSR: edges leaving node n are firstEdge[n] .. firstEdge[n+1]-1. */
  readonly firstEdge: Int32Array;
  readonly edgeTarget: Int32Array;
  /** 2 * piece + direction (0 = from→to). */
  readonly edgeRef: Int32Array;
  readonly pieceFrom: Int32Array;
  readonly pieceTo: Int32Array;
  /** Metres along the shape. */
  readonly pieceLength: Float32Array;
  readonly pieceClass: Uint8Array;
  readonly pieceFlags: Uint8Array;
  /** Signed maxspeed in km/h, 0 when untagged. */
  readonly pieceMaxspeed: Uint8Array;
  /** Shape points of piece p are geomOffset[p] .. geomOffset[p+1]-1, endpoints included. */
  readonly geomOffset: Int32Array;
  readonly shapeLng: Float64Array;
  readonly shapeLat: Float64Array;
  readonly meta: RoadGraphMeta;
}

export type Position = [number, number];

/** Shape of piece p as [lng, lat] positions in the from→to direction. */
export function pieceShape(g: RoadGraph, p: number): Position[] {
  const out: Position[] = [];
  for (let i = g.geomOffset[p]!; i < g.geomOffset[p + 1]!; i++) out.push([g.shapeLng[i]!, g.shapeLat[i]!]);
  return out;
}

export function graphSummary(g: RoadGraph): { nodes: number; pieces: number; edges: number; km: number } {
  let m = 0;
  for (let p = 0; p < g.pieceCount; p++) m += g.pieceLength[p]!;
  return {
    nodes: g.nodeCount,
    pieces: g.pieceCount,
    edges: g.edgeTarget.length,
    km: Math.round(m / 100) / 10,
  };
}
