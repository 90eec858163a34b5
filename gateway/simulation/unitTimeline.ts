import type { UnitStatus, UnitType } from '../../shared/domain/unit';
import type { RoadPath } from './roadRouting';
import { outAndBack, type LocatedPosition } from './unitSimulator';

/**
 * One unit's motion as a list of segments in scenario time. Pure data plus pure lookups, so the
 * DispatchSimulator can stay about which commands plan which segments.
 */
export type Motion =
  /** The unit's fixed out-and-back patrol from home (UnitSimulator). */
  | { kind: 'home-patrol' }
  /** An out-and-back patrol from wherever the unit was when it became available again. */
  | { kind: 'patrol'; path: RoadPath; speed: number }
  | { kind: 'drive'; path: RoadPath; speed: number }
  | { kind: 'hold'; fix: LocatedPosition };

/** From `start` on (until the next segment), the unit moves by `motion`; `status` is reported at `start`. */
export interface Segment {
  start: number;
  motion: Motion;
  status?: { status: UnitStatus; alertId: string };
}

export interface UnitTimeline {
  type: UnitType;
  segments: Segment[];
  /** Loop passes whose start has been applied (see DispatchSimulator.resetsUpTo). */
  resets: number;
}

/** A timeline that only follows the unit's home patrol, as every unit starts. */
export function homePatrolTimeline(type: UnitType): UnitTimeline {
  return { type, segments: [{ start: -Infinity, motion: { kind: 'home-patrol' } }], resets: 0 };
}

/** The segment in force at t (the first one, home patrol from -Infinity, is always in force). */
export function segmentAt(timeline: UnitTimeline, t: number): Segment {
  for (let i = timeline.segments.length - 1; i > 0; i--)
    if (timeline.segments[i]!.start <= t) return timeline.segments[i]!;
  return timeline.segments[0]!;
}

/** Drops everything planned after `at` (never the first segment). */
export function dropSegmentsAfter(timeline: UnitTimeline, at: number): void {
  while (timeline.segments.length > 1 && timeline.segments[timeline.segments.length - 1]!.start > at)
    timeline.segments.pop();
}

/** Where a segment puts the unit at t; the home patrol comes from the caller (it depends on the pack). */
export function segmentFix(
  segment: Segment,
  t: number,
  homePatrolAt: (t: number) => LocatedPosition,
): LocatedPosition {
  const motion = segment.motion;
  switch (motion.kind) {
    case 'home-patrol':
      return homePatrolAt(t);
    case 'patrol':
      return outAndBack(motion.path, motion.speed, t - segment.start);
    case 'drive': {
      const d = (t - segment.start) * motion.speed;
      const p = motion.path.at(d);
      return {
        lng: p.lng,
        lat: p.lat,
        heading: p.heading,
        speed: d < motion.path.length ? motion.speed : 0,
        location: p.location,
      };
    }
    case 'hold':
      return motion.fix;
  }
}
