import { bearingDegrees, metresPerDegree, type LngLat } from '../../shared/domain/geo';
import type { RoadGraph } from './roadGraph';
import { heapPop, heapPush } from '../../node/routing';

/**
 * A point on the road graph: on the segment between adjacent nodes `a` and `b`, `along` metres
 * from `a` (0 ≤ along ≤ edgeLength(a, b)). A location exactly at a node has a === b, along 0.
 */
export interface RoadLocation {
  a: number;
  b: number;
  along: number;
}

/** One stretch of a path: along the segment u→v from `from` to `to` metres (measured from u). */
export interface PathSegment {
  u: number;
  v: number;
  from: number;
  to: number;
}

/** A point of a path: where it is, which way it faces, and where it is on the graph. */
export interface PathPoint extends LngLat {
  /** Degrees clockwise from north, 0–360, in the direction of travel. */
  heading: number;
  location: RoadLocation;
}

const edgeLen = (graph: RoadGraph, a: number, b: number): number => (a === b ? 0 : graph.edgeLength(a, b));

/** WGS84 position of a road location (linear interpolation: segments are tens to hundreds of metres). */
export function locationPosition(graph: RoadGraph, location: RoadLocation): LngLat {
  const a = graph.nodes[location.a]!.position;
  if (location.a === location.b) return { lng: a.lng, lat: a.lat };
  const b = graph.nodes[location.b]!.position;
  const length = graph.edgeLength(location.a, location.b);
  const f = length > 0 ? Math.min(1, Math.max(0, location.along / length)) : 0;
  return { lng: a.lng + (b.lng - a.lng) * f, lat: a.lat + (b.lat - a.lat) * f };
}

/**
 * A polyline on the road graph made of (partial) segments, walked by distance. Used for patrol
 * walks (out and back) and dispatch drives (start → scene).
 */
export class RoadPath {
  /** Distance from the path's start to the start of each segment. */
  private readonly cumulative: number[] = [];
  readonly length: number;

  constructor(
    private readonly graph: RoadGraph,
    readonly segments: readonly PathSegment[],
    /** Where the path is when it has no segments (a zero-length path). */
    private readonly origin: RoadLocation,
    /** Clip the path at this length (a patrol turns back mid-segment); default: the full length. */
    clip = Infinity,
  ) {
    let total = 0;
    for (const s of segments) {
      this.cumulative.push(total);
      total += Math.abs(s.to - s.from);
    }
    this.length = Math.min(total, clip);
  }

  get start(): RoadLocation {
    return this.at(0).location;
  }

  get end(): PathPoint {
    return this.at(this.length);
  }

  /** The point `d` metres along the path (clamped to [0, length]); `reverse` flips the heading. */
  at(d: number, reverse = false): PathPoint {
    if (this.segments.length === 0) {
      return { ...locationPosition(this.graph, this.origin), heading: 0, location: this.origin };
    }
    const distance = Math.min(this.length, Math.max(0, d));
    // Binary search for the last segment starting at or before `distance`.
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cumulative[mid]! <= distance) lo = mid;
      else hi = mid - 1;
    }
    const s = this.segments[lo]!;
    const span = Math.abs(s.to - s.from);
    const g = span > 0 ? Math.min(1, (distance - this.cumulative[lo]!) / span) : 0;
    const location: RoadLocation = { a: s.u, b: s.v, along: s.from + (s.to - s.from) * g };
    const forward = s.to >= s.from;
    const pu = this.graph.nodes[s.u]!.position;
    const pv = this.graph.nodes[s.v]!.position;
    const heading = forward !== reverse ? bearingDegrees(pu, pv) : bearingDegrees(pv, pu);
    return { ...locationPosition(this.graph, location), heading, location };
  }
}

/** Local equirectangular metres around a reference latitude: exact enough for "nearest segment". */
function projector(origin: LngLat): (p: LngLat) => [number, number] {
  const { mx, my } = metresPerDegree(origin.lat);
  return (p) => [(p.lng - origin.lng) * mx, (p.lat - origin.lat) * my];
}

/**
 * The road point nearest to `target`: the projection onto the closest graph segment. `accept`
 * restricts the search to segments with an accepted endpoint (e.g. those reachable from a unit).
 * Null when no segment qualifies.
 */
export function nearestRoadPoint(
  graph: RoadGraph,
  target: LngLat,
  accept: (node: number) => boolean = () => true,
): { location: RoadLocation; distance: number } | null {
  const project = projector(target);
  let best: { location: RoadLocation; distance: number } | null = null;
  for (const node of graph.nodes) {
    for (const other of node.neighbours) {
      // Each undirected segment once.
      if (other < node.index || !(accept(node.index) || accept(other))) continue;
      const [ax, ay] = project(node.position);
      const [bx, by] = project(graph.nodes[other]!.position);
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const f = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
      const distance = Math.hypot(ax + dx * f, ay + dy * f);
      if (best === null || distance < best.distance) {
        best = {
          location: { a: node.index, b: other, along: f * graph.edgeLength(node.index, other) },
          distance,
        };
      }
    }
  }
  return best;
}

export interface RoutePlan {
  path: RoadPath;
  /** The road point the route ends at (nearest to the target among reachable roads). */
  destination: RoadLocation;
}

/**
 * Fastest route from a road location to the road point nearest `target`. `weight(u, v)` is the
 * cost per metre of a segment (1 for a normal road; higher for roads a unit type avoids); with a
 * constant speed per unit type, least cost = least time. Deterministic: ties are broken by the
 * heap order, which depends only on the graph. If the nearest road point is unreachable from
 * `from` (another component), the route ends at the nearest reachable road point instead.
 */
export function planRoute(
  graph: RoadGraph,
  from: RoadLocation,
  target: LngLat,
  weight: (u: number, v: number) => number,
): RoutePlan {
  const n = graph.nodes.length;
  const dist = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  const settled = new Uint8Array(n);
  // The routing engine's typed-array heap (node/routing/typedHeap.ts); a node enters it at most
  // once per improvement of its cost, so the capacity is bounded by the edge count plus seeds.
  const heapNodes = new Int32Array(graph.nodes.reduce((sum, node) => sum + node.neighbours.length, 2));
  const heapKeys = new Float64Array(heapNodes.length);
  let heapSize = 0;
  const fromLength = edgeLen(graph, from.a, from.b);
  const fromWeight = from.a === from.b ? 1 : weight(from.a, from.b);
  const seed = (node: number, cost: number) => {
    if (cost < dist[node]!) {
      dist[node] = cost;
      heapSize = heapPush(heapNodes, heapKeys, heapSize, node, cost);
    }
  };
  seed(from.a, from.along * fromWeight);
  seed(from.b, (fromLength - from.along) * fromWeight);

  const run = (stop: () => boolean) => {
    while (heapSize > 0 && !stop()) {
      const u = heapNodes[0]!;
      const cost = heapKeys[0]!;
      heapSize = heapPop(heapNodes, heapKeys, heapSize);
      if (settled[u] || cost > dist[u]!) continue;
      settled[u] = 1;
      for (const v of graph.nodes[u]!.neighbours) {
        if (settled[v]) continue;
        const c = cost + graph.edgeLength(u, v) * weight(u, v);
        if (c < dist[v]!) {
          dist[v] = c;
          prev[v] = u;
          heapSize = heapPush(heapNodes, heapKeys, heapSize, v, c);
        }
      }
    }
  };

  let nearest = nearestRoadPoint(graph, target);
  if (nearest === null) return { path: new RoadPath(graph, [], from), destination: from };
  const goal = nearest.location;
  run(() => settled[goal.a] === 1 && settled[goal.b] === 1);
  let destination = goal;
  if (dist[goal.a] === Infinity && dist[goal.b] === Infinity) {
    run(() => false);
    nearest = nearestRoadPoint(graph, target, (node) => dist[node]! < Infinity);
    if (nearest === null) return { path: new RoadPath(graph, [], from), destination: from };
    destination = nearest.location;
  }

  const goalLength = edgeLen(graph, destination.a, destination.b);
  const goalWeight = destination.a === destination.b ? 1 : weight(destination.a, destination.b);
  const viaA = dist[destination.a]! + destination.along * goalWeight;
  const viaB = dist[destination.b]! + (goalLength - destination.along) * goalWeight;

  // Start and destination on the same segment: straight along it may beat leaving it.
  const sameEdge =
    from.a !== from.b &&
    ((from.a === destination.a && from.b === destination.b) ||
      (from.a === destination.b && from.b === destination.a));
  if (sameEdge) {
    const target = from.a === destination.a ? destination.along : goalLength - destination.along;
    if (Math.abs(target - from.along) * fromWeight <= Math.min(viaA, viaB)) {
      const segments = target === from.along ? [] : [{ u: from.a, v: from.b, from: from.along, to: target }];
      return { path: new RoadPath(graph, segments, from), destination };
    }
  }

  const last = viaA <= viaB ? destination.a : destination.b;
  const nodes: number[] = [];
  for (let node = last; node !== -1; node = prev[node]!) nodes.push(node);
  nodes.reverse();
  const segments: PathSegment[] = [];
  const first = nodes[0]!;
  // From the start location to the first node of the graph route.
  if (from.a !== from.b) {
    const to = first === from.a ? 0 : fromLength;
    if (to !== from.along) segments.push({ u: from.a, v: from.b, from: from.along, to });
  }
  for (let i = 0; i + 1 < nodes.length; i++)
    segments.push({
      u: nodes[i]!,
      v: nodes[i + 1]!,
      from: 0,
      to: graph.edgeLength(nodes[i]!, nodes[i + 1]!),
    });
  // From the last node onto the destination segment.
  if (destination.a !== destination.b) {
    const start = last === destination.a ? 0 : goalLength;
    if (start !== destination.along)
      segments.push({ u: destination.a, v: destination.b, from: start, to: destination.along });
  }
  return { path: new RoadPath(graph, segments, from), destination };
}
