import type { UnitType } from '../../shared/domain/unit';
import type { RoadGraph } from './roadGraph';
import { AVOIDED_ROADS, UNIT_SPEED_MPS } from './unitSimulator';

/** Scenario seconds between a unit acknowledging a dispatch (dispatched) and setting off (en_route). */
export const ACCEPT_DELAY_SECONDS: Readonly<Record<UnitType, number>> = {
  special: 5,
  car: 8,
  ebike: 10,
  foot: 15,
};

/** Priority driving (lights and siren): cars and special police drive faster than they patrol. */
export const PRIORITY_FACTOR: Readonly<Record<UnitType, number>> = {
  car: 1.3,
  special: 1.3,
  ebike: 1,
  foot: 1,
};

/** Route cost multiplier for roads a unit type avoids (foot/e-bike on motorway/trunk): only if there is no sensible other way. */
export const AVOIDED_ROAD_COST = 4;

/** Speed of a unit driving to a scene, m/s. */
export const driveSpeed = (type: UnitType): number => UNIT_SPEED_MPS[type] * PRIORITY_FACTOR[type];

/** Edge weight for planRoute: the roads a unit type avoids cost AVOIDED_ROAD_COST, the rest 1. */
export function roadWeightFor(graph: RoadGraph, type: UnitType): (u: number, v: number) => number {
  const avoided = AVOIDED_ROADS[type];
  return (u, v) => (avoided.includes(graph.edgeClass(u, v)) ? AVOIDED_ROAD_COST : 1);
}
