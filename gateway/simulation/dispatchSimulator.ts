import { UnitStatusSchema, type UnitStatus } from '../../shared/domain/unit';
import type { RoadGraph } from './roadGraph';
import { planRoute } from './roadRouting';
import {
  UNIT_SPEED_MPS,
  patrolWalk,
  roundPosition,
  type LocatedPosition,
  type SimulatedPosition,
  type UnitSimulator,
} from './unitSimulator';
import {
  UnitAssignPayloadSchema,
  UnitRecallPayloadSchema,
  UnitRepositionPayloadSchema,
  UnitStatusPayloadSchema,
  type SimulatedCommand,
} from './dispatchPayloads';
import { ACCEPT_DELAY_SECONDS, driveSpeed, roadWeightFor } from './dispatchTiming';
import {
  dropSegmentsAfter,
  homePatrolTimeline,
  segmentAt,
  segmentFix,
  type UnitTimeline,
} from './unitTimeline';

/** A status change the simulation makes due (en_route when a unit sets off, on_scene on arrival). */
export interface SimulatedStatus {
  time: number;
  unitId: string;
  status: UnitStatus;
  alertId: string;
}

/**
 * The dispatch side of the unit simulation. A unit's motion is a list of segments in scenario
 * time, built only from the accepted commands (kind, payload, scenario time) in the order they
 * were accepted, plus the start of each loop pass. So a unit's position is a pure function of
 * (pack, unit, command history, t): a gateway restarted with the same state dir rebuilds the same
 * segments from its log and continues a drive exactly where it was, and the en_route/on_scene
 * reports (which are segment starts) fall due once, through the scenario frontier.
 *
 * A command at time t first cuts off everything the unit had planned after t (a pending drive,
 * an arrival), then appends its own plan.
 */
export class DispatchSimulator {
  private readonly timelines = new Map<string, UnitTimeline>();
  /** Latest unit.status seen in the feed, for the admin view and command validation. */
  private readonly observed = new Map<string, { status: UnitStatus; alertId: string | null }>();

  constructor(
    private readonly graph: RoadGraph,
    private readonly patrols: UnitSimulator,
    private readonly packId: string,
    /** With --loop every pass starts with all units available: missions end, patrols resume. */
    private readonly passes: { loop: boolean; cycleSeconds: number },
  ) {
    for (const unitId of patrols.unitIds) {
      this.timelines.set(unitId, homePatrolTimeline(patrols.unitType(unitId)));
    }
  }

  get unitIds(): string[] {
    return this.patrols.unitIds;
  }

  hasUnit(unitId: string): boolean {
    return this.timelines.has(unitId);
  }

  /** The latest reported status of a unit (available before any report). */
  statusOf(unitId: string): UnitStatus {
    return this.observed.get(unitId)?.status ?? 'available';
  }

  /** Tracks unit.status reports as they are appended to the feed (from any source). */
  observe(entries: readonly { type: string; payload: unknown }[]): void {
    for (const entry of entries) {
      if (entry.type !== 'unit.status') continue;
      const p = entry.payload as { unitId?: unknown; status?: unknown; alertId?: unknown } | null;
      const status = UnitStatusSchema.safeParse(p?.status);
      if (typeof p?.unitId !== 'string' || !this.timelines.has(p.unitId) || !status.success) continue;
      this.observed.set(p.unitId, {
        status: status.data,
        alertId: typeof p.alertId === 'string' ? p.alertId : null,
      });
    }
  }

  /**
   * Applies one accepted command at its scenario time. Commands must be applied in the order they
   * were accepted (non-decreasing `at`); anything that does not parse is ignored.
   */
  apply(command: SimulatedCommand): void {
    const at = command.at;
    switch (command.kind) {
      case 'unit.assign': {
        const p = UnitAssignPayloadSchema.safeParse(command.payload);
        if (p.success) this.assign(p.data.unitId, p.data.alertId, { lng: p.data.lng, lat: p.data.lat }, at);
        return;
      }
      case 'unit.recall': {
        const p = UnitRecallPayloadSchema.safeParse(command.payload);
        if (p.success) this.release(p.data.unitId, at);
        return;
      }
      case 'unit.reposition': {
        const p = UnitRepositionPayloadSchema.safeParse(command.payload);
        if (p.success) this.reposition(p.data.unitId, { lng: p.data.lng, lat: p.data.lat }, at);
        return;
      }
      case 'unit.status': {
        const p = UnitStatusPayloadSchema.safeParse(command.payload);
        if (!p.success) return;
        const { unitId, status } = p.data;
        if (status === 'available') this.release(unitId, at);
        // The operator says the unit is there (or has gone off duty): it stops where it is.
        else if (status === 'on_scene' || status === 'off_duty') this.hold(unitId, at);
        // dispatched / en_route: a status report only; a mission under way carries on.
        return;
      }
      default:
        return;
    }
  }

  /** Position of a unit at scenario time t, rounded for the wire. Throws for a unit not in the pack. */
  positionAt(unitId: string, t: number): SimulatedPosition {
    const timeline = this.timeline(unitId);
    this.applyResets(unitId, timeline, t);
    return roundPosition(this.fixAt(unitId, timeline, t));
  }

  /** The simulation's status changes due in the half-open window (from, to], in time order. */
  statusEventsIn(from: number, to: number): SimulatedStatus[] {
    const out: SimulatedStatus[] = [];
    for (const [unitId, timeline] of this.timelines) {
      this.applyResets(unitId, timeline, to);
      for (const segment of timeline.segments) {
        if (segment.status && segment.start > from && segment.start <= to)
          out.push({ time: segment.start, unitId, ...segment.status });
      }
    }
    // Stable sort: same-time reports keep unit order, and en_route before on_scene.
    return out.sort((a, b) => a.time - b.time);
  }

  /** For GET /admin/state: each unit's reported status and alert, and seconds to arrival while on the way. */
  unitStates(t: number): Record<string, { status: UnitStatus; alertId: string | null; etaSeconds?: number }> {
    const out: Record<string, { status: UnitStatus; alertId: string | null; etaSeconds?: number }> = {};
    for (const [unitId, timeline] of this.timelines) {
      this.applyResets(unitId, timeline, t);
      const observed = this.observed.get(unitId) ?? { status: 'available' as const, alertId: null };
      const arrival = timeline.segments.find((s) => s.start > t && s.status?.status === 'on_scene');
      out[unitId] = {
        ...observed,
        ...(arrival && (observed.status === 'dispatched' || observed.status === 'en_route')
          ? { etaSeconds: Math.round((arrival.start - t) * 10) / 10 }
          : {}),
      };
    }
    return out;
  }

  private timeline(unitId: string): UnitTimeline {
    const timeline = this.timelines.get(unitId);
    if (!timeline) throw new Error(`unknown unit ${unitId}`);
    return timeline;
  }

  /** Number of loop-pass starts (t = k × cycle, k ≥ 1) at or before t. */
  private resetsUpTo(t: number): number {
    return this.passes.loop && this.passes.cycleSeconds > 0
      ? Math.max(0, Math.floor(t / this.passes.cycleSeconds))
      : 0;
  }

  /** Applies the loop-pass starts up to t that are not applied yet: each is "available" at k × cycle. */
  private applyResets(unitId: string, timeline: UnitTimeline, t: number): void {
    const target = this.resetsUpTo(t);
    while (timeline.resets < target) {
      timeline.resets++;
      this.releaseTimeline(unitId, timeline, timeline.resets * this.passes.cycleSeconds);
    }
  }

  /** Prepares a unit's timeline for a command at `at`: pass starts up to then, and nothing planned after it. */
  private cut(unitId: string, at: number): UnitTimeline {
    const timeline = this.timeline(unitId);
    this.applyResets(unitId, timeline, at);
    this.truncate(timeline, at);
    return timeline;
  }

  private truncate(timeline: UnitTimeline, at: number): void {
    dropSegmentsAfter(timeline, at);
    // Pass starts after `at` (applied early by a query) are re-applied lazily on top of the new plan.
    timeline.resets = Math.min(timeline.resets, this.resetsUpTo(at));
  }

  private fixAt(unitId: string, timeline: UnitTimeline, t: number): LocatedPosition {
    return segmentFix(segmentAt(timeline, t), t, (at) => this.patrols.patrolAt(unitId, at));
  }

  private assign(unitId: string, alertId: string, target: { lng: number; lat: number }, at: number): void {
    const timeline = this.cut(unitId, at);
    const type = timeline.type;
    // Until the crew sets off, the unit carries on as it was (patrolling, or on a previous job).
    const setOff = at + ACCEPT_DELAY_SECONDS[type];
    const from = this.fixAt(unitId, timeline, setOff);
    const speed = driveSpeed(type);
    const enRoute = { status: 'en_route' as const, alertId };
    const onScene = { status: 'on_scene' as const, alertId };
    if (from.location === null) {
      // No roads in the pack: the unit "arrives" where it is.
      const fix = { ...from, speed: 0 };
      timeline.segments.push(
        { start: setOff, motion: { kind: 'hold', fix }, status: enRoute },
        { start: setOff, motion: { kind: 'hold', fix }, status: onScene },
      );
      return;
    }
    const { path } = planRoute(this.graph, from.location, target, roadWeightFor(this.graph, type));
    const end = path.end;
    const arrival = setOff + path.length / speed;
    const heading = path.length > 0 ? end.heading : from.heading;
    timeline.segments.push(
      { start: setOff, motion: { kind: 'drive', path, speed }, status: enRoute },
      {
        start: arrival,
        motion: {
          kind: 'hold',
          fix: { lng: end.lng, lat: end.lat, heading, speed: 0, location: end.location },
        },
        status: onScene,
      },
    );
  }

  /** Drives (at patrol speed, no lights) to the point and waits there; the status stays as it is. */
  private reposition(unitId: string, target: { lng: number; lat: number }, at: number): void {
    const timeline = this.cut(unitId, at);
    const from = this.fixAt(unitId, timeline, at);
    if (from.location === null) return;
    const { path } = planRoute(this.graph, from.location, target, roadWeightFor(this.graph, timeline.type));
    const end = path.end;
    const speed = UNIT_SPEED_MPS[timeline.type];
    timeline.segments.push(
      { start: at, motion: { kind: 'drive', path, speed } },
      {
        start: at + path.length / speed,
        motion: {
          kind: 'hold',
          fix: {
            lng: end.lng,
            lat: end.lat,
            heading: path.length > 0 ? end.heading : from.heading,
            speed: 0,
            location: end.location,
          },
        },
      },
    );
  }

  /** Available again: a unit not already patrolling starts a new patrol from where it is. */
  private release(unitId: string, at: number): void {
    const timeline = this.cut(unitId, at);
    this.releaseTimeline(unitId, timeline, at);
  }

  private releaseTimeline(unitId: string, timeline: UnitTimeline, at: number): void {
    this.truncate(timeline, at);
    const current = segmentAt(timeline, at).motion;
    if (current.kind === 'home-patrol' || current.kind === 'patrol') return;
    const fix = this.fixAt(unitId, timeline, at);
    if (fix.location === null) return;
    // Seeded by the time it starts, so each resumed patrol is its own (deterministic) walk.
    const path = patrolWalk(this.graph, timeline.type, fix.location, `${this.packId}/${unitId}/${at}`);
    timeline.segments.push({
      start: at,
      motion: { kind: 'patrol', path, speed: UNIT_SPEED_MPS[timeline.type] },
    });
  }

  private hold(unitId: string, at: number): void {
    const timeline = this.cut(unitId, at);
    const fix = this.fixAt(unitId, timeline, at);
    timeline.segments.push({ start: at, motion: { kind: 'hold', fix: { ...fix, speed: 0 } } });
  }
}
