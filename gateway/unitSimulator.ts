import type { RoadClass } from '../shared/citypack/schema';
import type { UnitDefinition, UnitType } from '../shared/domain/unit';
import { bearingDegrees, type LngLat } from '../shared/domain/geo';
import type { RoadGraph } from './roadGraph';

/** Patrol speeds by unit type, m/s (car ≈ 36 km/h in town, e-bike 18 km/h, walking pace, special police). */
export const UNIT_SPEED_MPS: Readonly<Record<UnitType, number>> = { car: 10, ebike: 5, foot: 1.4, special: 12 };

/** Roads a unit type does not patrol on (unless there is no other way on): no foot or e-bike patrols on expressways. */
const AVOIDED_ROADS: Readonly<Record<UnitType, readonly RoadClass[]>> = {
  car: [],
  special: [],
  ebike: ['motorway', 'trunk'],
  foot: ['motorway', 'trunk'],
};

/** Each patrol goes out for this long (scenario seconds) along a random walk, then retraces it home. */
export const PATROL_LEG_SECONDS = 1800;

/** Scenario seconds between two position reports of a unit. */
export const POSITION_INTERVAL_SECONDS = 2;

export interface SimulatedPosition {
  lng: number;
  lat: number;
  /** Degrees clockwise from north, 0–360. */
  heading: number;
  /** m/s */
  speed: number;
}

interface PatrolRoute {
  /** Node indexes of the outbound walk. */
  nodes: number[];
  /** Distance in metres from the start to each node of `nodes`. */
  cumulative: number[];
  total: number;
  speed: number;
  home: LngLat;
}

/** FNV-1a: a stable 32-bit seed from a string, identical on every platform and run. */
function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, deterministic PRNG (Math.random cannot be seeded). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/**
 * Simulates patrol units on the road graph. A unit's position at scenario time t is a pure
 * function of (pack, unit, t): each unit has a fixed out-and-back patrol route, generated once
 * from a seeded random walk that starts at the road vertex nearest its home. That is what lets a
 * restarted gateway continue exactly where the units were, and keeps memory bounded however
 * long the gateway runs (the route is periodic, period 2 × PATROL_LEG_SECONDS).
 */
export class UnitSimulator {
  private readonly routes = new Map<string, PatrolRoute>();

  constructor(
    private readonly graph: RoadGraph,
    units: readonly UnitDefinition[],
    /** Mixed into each unit's seed so two packs with the same unit ids patrol differently. */
    packId: string,
  ) {
    for (const unit of units) this.routes.set(unit.id, this.buildRoute(unit, packId));
  }

  get unitIds(): string[] {
    return [...this.routes.keys()];
  }

  private buildRoute(unit: UnitDefinition, packId: string): PatrolRoute {
    const speed = UNIT_SPEED_MPS[unit.type];
    const start = this.graph.nearestNode(unit.home);
    const route: PatrolRoute = { nodes: [], cumulative: [], total: 0, speed, home: unit.home };
    if (start < 0) return route;
    const random = mulberry32(hashSeed(`${packId}/${unit.id}`));
    const target = speed * PATROL_LEG_SECONDS;
    const avoided = AVOIDED_ROADS[unit.type];
    route.nodes.push(start);
    route.cumulative.push(0);
    let previous = -1;
    let current = start;
    // The step cap only guards against a pathological graph of near-zero-length edges.
    for (let step = 0; route.total < target && step < 100_000; step++) {
      const neighbours = this.graph.nodes[current]!.neighbours;
      // No U-turns unless at a dead end: a patrol that keeps reversing looks broken on the map.
      const forward = neighbours.length > 1 ? neighbours.filter((n) => n !== previous) : neighbours;
      const allowed = forward.filter((n) => !avoided.includes(this.graph.edgeClass(current, n)));
      const choices = allowed.length > 0 ? allowed : forward;
      const next = choices[Math.floor(random() * choices.length)];
      if (next === undefined) break;
      route.total += this.graph.edgeLength(current, next);
      route.nodes.push(next);
      route.cumulative.push(route.total);
      previous = current;
      current = next;
    }
    // Turn back exactly at the target distance (mid-segment), so the patrol period is exactly
    // 2 × PATROL_LEG_SECONDS for every unit type.
    route.total = Math.min(route.total, target);
    return route;
  }

  /** Position of a unit at scenario time t (seconds). Throws for a unit not in the pack. */
  positionAt(unitId: string, t: number): SimulatedPosition {
    const route = this.routes.get(unitId);
    if (!route) throw new Error(`unknown unit ${unitId}`);
    if (route.total <= 0) return { lng: route.home.lng, lat: route.home.lat, heading: 0, speed: 0 };

    const period = 2 * route.total;
    const travelled = (Math.max(0, t) * route.speed) % period;
    const outbound = travelled <= route.total;
    const d = outbound ? travelled : period - travelled;

    // Binary search for the segment [i, i+1] containing distance d along the outbound walk.
    let lo = 0;
    let hi = route.cumulative.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (route.cumulative[mid]! <= d) lo = mid;
      else hi = mid;
    }
    const a = this.graph.nodes[route.nodes[lo]!]!.position;
    const b = this.graph.nodes[route.nodes[hi]!]!.position;
    const segment = route.cumulative[hi]! - route.cumulative[lo]!;
    const f = segment > 0 ? Math.min(1, Math.max(0, (d - route.cumulative[lo]!) / segment)) : 0;
    // Segments are tens to hundreds of metres: linear interpolation in degrees is exact enough.
    const lng = a.lng + (b.lng - a.lng) * f;
    const lat = a.lat + (b.lat - a.lat) * f;
    const heading = outbound ? bearingDegrees(a, b) : bearingDegrees(b, a);
    return { lng: round(lng, 7), lat: round(lat, 7), heading: round(heading, 1) % 360, speed: route.speed };
  }
}
