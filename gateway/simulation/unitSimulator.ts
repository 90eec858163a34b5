import type { RoadClass } from '../../shared/citypack/schema';
import type { UnitDefinition, UnitType } from '../../shared/domain/unit';
import type { LngLat } from '../../shared/domain/geo';
import { mulberry32 } from '../../shared/random';
import type { RoadGraph } from './roadGraph';
import { RoadPath, type PathSegment, type RoadLocation } from './roadRouting';

/** Patrol speeds by unit type, m/s (car ≈ 36 km/h in town, e-bike 18 km/h, walking pace, special police). */
export const UNIT_SPEED_MPS: Readonly<Record<UnitType, number>> = {
  car: 10,
  ebike: 5,
  foot: 1.4,
  special: 12,
};

/** Roads a unit type does not patrol on (unless there is no other way on): no foot or e-bike patrols on expressways. */
export const AVOIDED_ROADS: Readonly<Record<UnitType, readonly RoadClass[]>> = {
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
  /** The outbound walk; the patrol goes out along it and comes back the same way. */
  path: RoadPath | null;
  speed: number;
  home: LngLat;
}

/** A position with the road location it is at (null for a unit whose pack has no roads). */
export interface LocatedPosition extends SimulatedPosition {
  location: RoadLocation | null;
}

/** FNV-1a: a stable 32-bit seed from a string, identical on every platform and run. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** What goes on the wire: ~1 cm and 0.1° are plenty. */
export function roundPosition(p: SimulatedPosition): SimulatedPosition {
  return { lng: round(p.lng, 7), lat: round(p.lat, 7), heading: round(p.heading, 1) % 360, speed: p.speed };
}

/**
 * Simulates patrol units on the road graph. A unit's position at scenario time t is a pure
 * function of (pack, unit, t): each unit has a fixed out-and-back patrol route, generated once
 * from a seeded random walk that starts at the road vertex nearest its home. That is what lets a
 * restarted gateway continue exactly where the units were, and keeps memory bounded however
 * long the gateway runs (the route is periodic, period 2 × PATROL_LEG_SECONDS).
 */
export class UnitSimulator {
  private readonly routes = new Map<string, PatrolRoute>();
  private readonly types = new Map<string, UnitType>();

  constructor(
    private readonly graph: RoadGraph,
    units: readonly UnitDefinition[],
    /** Mixed into each unit's seed so two packs with the same unit ids patrol differently. */
    packId: string,
  ) {
    for (const unit of units) {
      this.routes.set(unit.id, this.buildRoute(unit, packId));
      this.types.set(unit.id, unit.type);
    }
  }

  get unitIds(): string[] {
    return [...this.routes.keys()];
  }

  private buildRoute(unit: UnitDefinition, packId: string): PatrolRoute {
    const speed = UNIT_SPEED_MPS[unit.type];
    const start = this.graph.nearestNode(unit.home);
    if (start < 0) return { path: null, speed, home: unit.home };
    const path = patrolWalk(this.graph, unit.type, { a: start, b: start, along: 0 }, `${packId}/${unit.id}`);
    return { path, speed, home: unit.home };
  }

  /** Type of a unit in the pack. Throws for a unit not in the pack. */
  unitType(unitId: string): UnitType {
    const type = this.types.get(unitId);
    if (!type) throw new Error(`unknown unit ${unitId}`);
    return type;
  }

  /** Position of a unit at scenario time t (seconds). Throws for a unit not in the pack. */
  positionAt(unitId: string, t: number): SimulatedPosition {
    return roundPosition(this.patrolAt(unitId, t));
  }

  /** Like positionAt, unrounded, with the road location (to start a drive or a new patrol from). */
  patrolAt(unitId: string, t: number): LocatedPosition {
    const route = this.routes.get(unitId);
    if (!route) throw new Error(`unknown unit ${unitId}`);
    if (!route.path || route.path.length <= 0) {
      return {
        lng: route.home.lng,
        lat: route.home.lat,
        heading: 0,
        speed: 0,
        location: route.path?.start ?? null,
      };
    }
    return outAndBack(route.path, route.speed, Math.max(0, t));
  }
}

/**
 * Position after `elapsed` seconds on an out-and-back patrol along `path` at `speed`: out to the
 * end, back the same way to the start, and again (period 2 × length / speed).
 */
export function outAndBack(path: RoadPath, speed: number, elapsed: number): LocatedPosition {
  if (path.length <= 0) {
    const p = path.at(0);
    return { lng: p.lng, lat: p.lat, heading: p.heading, speed: 0, location: p.location };
  }
  const period = 2 * path.length;
  const travelled = (elapsed * speed) % period;
  const outbound = travelled <= path.length;
  const p = path.at(outbound ? travelled : period - travelled, !outbound);
  return { lng: p.lng, lat: p.lat, heading: p.heading, speed, location: p.location };
}

/**
 * A patrol walk of PATROL_LEG_SECONDS at the unit type's patrol speed from a road location: a
 * seeded random walk (no U-turns except at dead ends, avoiding the roads the type does not
 * patrol on unless there is no other way). From a point mid-segment it first heads to one of the
 * segment's ends (seeded too). The walk is clipped exactly at the target distance, so the patrol
 * period is exactly 2 × PATROL_LEG_SECONDS for every unit type.
 */
export function patrolWalk(graph: RoadGraph, type: UnitType, from: RoadLocation, seed: string): RoadPath {
  const target = UNIT_SPEED_MPS[type] * PATROL_LEG_SECONDS;
  const avoided = AVOIDED_ROADS[type];
  const random = mulberry32(hashSeed(seed));
  const segments: PathSegment[] = [];
  let total = 0;
  let previous = -1;
  let current = from.a;
  if (from.a !== from.b) {
    const length = graph.edgeLength(from.a, from.b);
    // Pick the end to head for; the other end is "behind" the unit (no U-turn onto it next).
    const towardsB = random() < 0.5;
    current = towardsB ? from.b : from.a;
    previous = towardsB ? from.a : from.b;
    const to = towardsB ? length : 0;
    if (to !== from.along) segments.push({ u: from.a, v: from.b, from: from.along, to });
    total += Math.abs(to - from.along);
  }
  // The step cap only guards against a pathological graph of near-zero-length edges.
  for (let step = 0; total < target && step < 100_000; step++) {
    const neighbours = graph.nodes[current]!.neighbours;
    // No U-turns unless at a dead end: a patrol that keeps reversing looks broken on the map.
    const forward = neighbours.length > 1 ? neighbours.filter((n) => n !== previous) : neighbours;
    const allowed = forward.filter((n) => !avoided.includes(graph.edgeClass(current, n)));
    const choices = allowed.length > 0 ? allowed : forward;
    const next = choices[Math.floor(random() * choices.length)];
    if (next === undefined) break;
    const length = graph.edgeLength(current, next);
    segments.push({ u: current, v: next, from: 0, to: length });
    total += length;
    previous = current;
    current = next;
  }
  return new RoadPath(graph, segments, from, target);
}
