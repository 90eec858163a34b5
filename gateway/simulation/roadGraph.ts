import type { RoadClass, RoadFeature } from '../../shared/citypack/schema';
import { haversineMeters, type LngLat } from '../../shared/domain/geo';

/**
 * An undirected graph of road vertices, built from the city pack's road LineStrings.
 * Two roads are connected where they share a vertex (same coordinates to ~1 cm), which is how
 * OSM-style data and the generated demo pack represent junctions. One-way flags are ignored on
 * purpose: simulated patrol units must never get trapped in a dead end of a one-way system.
 */
export interface RoadNode {
  readonly index: number;
  readonly position: LngLat;
  /** Neighbour node indexes, sorted ascending so that walks are deterministic. */
  readonly neighbours: number[];
}

export interface RoadGraph {
  readonly nodes: readonly RoadNode[];
  /** Segment length in metres between two adjacent nodes. */
  edgeLength(from: number, to: number): number;
  /** Class of the road the segment belongs to (the first road listed, if two share it). */
  edgeClass(from: number, to: number): RoadClass;
  /** Index of the node closest to a position, or -1 when the graph is empty. */
  nearestNode(position: LngLat): number;
}

/** 7 decimals ≈ 1 cm: vertices closer than that are the same junction. */
const vertexKey = (lng: number, lat: number): string => `${lng.toFixed(7)},${lat.toFixed(7)}`;

export function buildRoadGraph(roads: readonly RoadFeature[]): RoadGraph {
  const nodes: { index: number; position: LngLat; neighbours: Set<number> }[] = [];
  const byKey = new Map<string, number>();
  const lengths = new Map<string, number>();
  const classes = new Map<string, RoadClass>();
  const edgeKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

  const nodeFor = (lng: number, lat: number): number => {
    const key = vertexKey(lng, lat);
    let index = byKey.get(key);
    if (index === undefined) {
      index = nodes.length;
      byKey.set(key, index);
      nodes.push({ index, position: { lng, lat }, neighbours: new Set() });
    }
    return index;
  };

  for (const road of roads) {
    const coords = road.geometry.coordinates;
    let prev: number | null = null;
    for (const [lng, lat] of coords) {
      const current = nodeFor(lng, lat);
      // Repeated vertices (zero-length segments) would give a unit a zero-length edge to stall on.
      if (prev !== null && prev !== current) {
        nodes[prev]!.neighbours.add(current);
        nodes[current]!.neighbours.add(prev);
        if (!classes.has(edgeKey(prev, current))) classes.set(edgeKey(prev, current), road.properties.class);
      }
      prev = current;
    }
  }

  const frozen: RoadNode[] = nodes.map((n) => ({
    index: n.index,
    position: n.position,
    neighbours: [...n.neighbours].sort((a, b) => a - b),
  }));

  return {
    nodes: frozen,
    edgeLength(from, to) {
      const key = edgeKey(from, to);
      let length = lengths.get(key);
      if (length === undefined) {
        length = haversineMeters(frozen[from]!.position, frozen[to]!.position);
        lengths.set(key, length);
      }
      return length;
    },
    edgeClass(from, to) {
      return classes.get(edgeKey(from, to)) ?? 'residential';
    },
    nearestNode(position) {
      let best = -1;
      let bestDistance = Infinity;
      for (const node of frozen) {
        // Only connected nodes are useful starting points for a walk.
        if (node.neighbours.length === 0) continue;
        const d = haversineMeters(position, node.position);
        if (d < bestDistance) {
          bestDistance = d;
          best = node.index;
        }
      }
      return best;
    },
  };
}
