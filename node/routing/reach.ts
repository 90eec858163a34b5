/**
 * Which part of a piece is within a time budget, given the search costs at its end nodes.
 * Shared by isochrones and coverage: a piece [0, L] is covered from its `from` end up to xa and
 * from its `to` end back to L - xb; points on the piece itself (a unit standing there) add their
 * own interval.
 */
import type { RoadGraph } from './graph';
import type { SearchResult } from './search';

export type Interval = [number, number];

/**
 * Intervals (metres from the piece start) of piece p reachable within `budget` seconds.
 * forward=true: travel leaves the search tree into the piece (unit → road: isochrone "from",
 * coverage). forward=false: travel along the piece towards the tree (road → alert: isochrone "to").
 */
export function pieceReach(
  g: RoadGraph,
  res: SearchResult,
  w: Float64Array,
  p: number,
  budget: number,
  forward: boolean,
  out: Interval[],
): void {
  const L = g.pieceLength[p]!;
  const da = res.dist(g.pieceFrom[p]!);
  const db = res.dist(g.pieceTo[p]!);
  // From the `from` node into the piece: forward uses edge 2p, "to" mode walks 2p+1 towards a.
  const wa = forward ? w[2 * p]! : w[2 * p + 1]!;
  const wb = forward ? w[2 * p + 1]! : w[2 * p]!;
  if (da <= budget && wa < Infinity) out.push([0, wa > 0 ? Math.min(L, ((budget - da) / wa) * L) : L]);
  if (db <= budget && wb < Infinity) out.push([wb > 0 ? Math.max(0, L - ((budget - db) / wb) * L) : 0, L]);
}

/** Interval reachable from a point at `offset` on piece p itself (forward: leaving the point). */
export function ownPieceReach(
  L: number,
  offset: number,
  w: Float64Array,
  p: number,
  budget: number,
  startCost: number,
  forward: boolean,
  out: Interval[],
): void {
  const left = budget - startCost;
  if (left < 0) return;
  const up = forward ? w[2 * p]! : w[2 * p + 1]!; // moving towards larger offsets
  const down = forward ? w[2 * p + 1]! : w[2 * p]!;
  const hi = up < Infinity ? (up > 0 ? Math.min(L, offset + (left / up) * L) : L) : offset;
  const lo = down < Infinity ? (down > 0 ? Math.max(0, offset - (left / down) * L) : 0) : offset;
  out.push([lo, hi]);
}

/** Union of intervals, sorted in place; returns merged list. */
export function unionIntervals(iv: Interval[]): Interval[] {
  if (iv.length < 2) return iv.filter((i) => i[1] > i[0]);
  iv.sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [a, b] of iv) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else if (b > a) out.push([a, b]);
  }
  return out;
}

export const totalLength = (iv: Interval[]): number => iv.reduce((s, [a, b]) => s + (b - a), 0);
