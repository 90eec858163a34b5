/**
 * Coverage as map data: every road piece classed by its best arrival tier, merged into one
 * MultiLineString per tier. Pieces of the same class are chained through shared nodes, so a
 * street of many short pieces becomes one line and shared endpoints are sent once.
 */
import type { RoadGraph } from '../../../node/routing';
import type { CoverageFeature } from '../../../shared/contract/routingContract';

type Pos = [number, number];

/** ~1 m: enough for drawing, and keeps the payload small. */
const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

/**
 * @param pieceSeconds earliest arrival at each piece's midpoint (Infinity = beyond the last tier)
 * @param tiers ascending budgets in seconds
 */
export function coverageFeatures(
  g: RoadGraph,
  pieceSeconds: Float32Array,
  tiers: readonly number[],
): CoverageFeature[] {
  const P = g.pieceCount;
  const none = tiers.length;
  const cls = new Uint8Array(P);
  for (let p = 0; p < P; p++) {
    const s = pieceSeconds[p]!;
    let k = 0;
    while (k < tiers.length && !(s <= tiers[k]!)) k++;
    cls[p] = k;
  }
  const lines: Pos[][][] = Array.from({ length: none + 1 }, () => []);
  const visited = new Uint8Array(P);

  /** Appends piece q's shape to `line` starting at node `at`; returns the node it ends at. */
  const append = (line: Pos[], q: number, at: number, skipFirst: boolean): number => {
    const forward = g.pieceFrom[q] === at;
    const a = g.geomOffset[q]!;
    const b = g.geomOffset[q + 1]! - 1;
    for (let i = 0; i <= b - a; i++) {
      if (skipFirst && i === 0) continue;
      const j = forward ? a + i : b - i;
      line.push([round5(g.shapeLng[j]!), round5(g.shapeLat[j]!)]);
    }
    return forward ? g.pieceTo[q]! : g.pieceFrom[q]!;
  };
  /** An unvisited piece of class k at node v, or -1. */
  const nextAt = (v: number, k: number): number => {
    for (let e = g.firstEdge[v]!; e < g.firstEdge[v + 1]!; e++) {
      const q = g.edgeRef[e]! >> 1;
      if (!visited[q] && cls[q] === k) return q;
    }
    return -1;
  };
  const extend = (line: Pos[], from: number, k: number): void => {
    let v = from;
    for (let q = nextAt(v, k); q >= 0; q = nextAt(v, k)) {
      visited[q] = 1;
      v = append(line, q, v, true);
    }
  };

  for (let p = 0; p < P; p++) {
    if (visited[p]) continue;
    visited[p] = 1;
    const k = cls[p]!;
    // Walk backwards from the start node first, then reverse that prefix and go on forwards.
    const prefix: Pos[] = [];
    append(prefix, p, g.pieceTo[p]!, false); // p from to → from
    extend(prefix, g.pieceFrom[p]!, k);
    prefix.reverse();
    extend(prefix, g.pieceTo[p]!, k);
    if (prefix.length >= 2) lines[k]!.push(prefix);
  }
  return lines.map((coordinates, k) => ({
    type: 'Feature' as const,
    geometry: { type: 'MultiLineString' as const, coordinates },
    properties: { tier: k < none ? tiers[k]! : ('none' as const) },
  }));
}
