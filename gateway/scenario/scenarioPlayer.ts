import type { Scenario } from '../../shared/protocol/scenario';
import type { FeedMessageType } from '../../shared/protocol/feed';
import { POSITION_INTERVAL_SECONDS, type SimulatedPosition } from '../simulation/unitSimulator';

/** Where the units are (UnitSimulator: patrols only; DispatchSimulator: patrols and dispatches). */
export interface UnitMotionSource {
  readonly unitIds: string[];
  positionAt(unitId: string, t: number): SimulatedPosition;
  /** Status changes the simulation itself makes due in (from, to] (en_route, on_scene), in time order. */
  statusEventsIn?(
    from: number,
    to: number,
  ): { time: number; unitId: string; status: string; alertId?: string }[];
}

/** Length of one pass of a scenario: its duration, stretched if an event lies beyond it. */
export function scenarioCycleSeconds(scenario: Scenario): number {
  const lastEvent = scenario.events.reduce((max, e) => Math.max(max, e.t), 0);
  return Math.max(scenario.durationSec, lastEvent);
}

/** One message the scenario (or the unit simulation) makes due at a scenario time. */
export interface PlannedMessage {
  /** Absolute scenario time in seconds (across loop cycles). */
  time: number;
  type: FeedMessageType;
  payload: Record<string, unknown>;
}

/** Maps an absolute scenario time to the wall-clock ISO time at which it falls due. */
export type WallClock = (scenarioSeconds: number) => string;

const MAX_ID_LENGTH = 64;

/**
 * Alert ids must stay unique when a drill loops (the console deduplicates alerts by id), so
 * cycle n ≥ 1 suffixes ids with `-r<n>`; cycle 0 keeps the ids of the file.
 */
export function cycleId(id: string, cycle: number): string {
  if (cycle === 0) return id;
  const suffix = `-r${cycle}`;
  return id.slice(0, MAX_ID_LENGTH - suffix.length) + suffix;
}

interface Keyed extends PlannedMessage {
  /** Tie-breakers for equal times: initial statuses, then scenario events in file order, then simulated statuses, then positions. */
  rank: number;
  index: number;
}

/**
 * Turns the scenario and the unit simulation into the messages due in a window of scenario
 * time. Pure: the same window always gives the same messages, which is what makes the
 * gateway's persisted "frontier" (the end of the last emitted window) enough to resume after a
 * crash without losing or doubling anything.
 */
export class ScenarioPlayer {
  /** Length of one pass of the scenario: its duration, stretched if an event lies beyond it. */
  readonly cycleSeconds: number;

  constructor(
    readonly scenario: Scenario,
    private readonly simulator: UnitMotionSource,
    readonly loop: boolean,
  ) {
    this.cycleSeconds = scenarioCycleSeconds(scenario);
  }

  /** Which pass of the scenario is running at absolute scenario time t. */
  cycleAt(t: number): number {
    return this.loop ? Math.max(0, Math.floor(t / this.cycleSeconds)) : 0;
  }

  /**
   * Everything due in the half-open window (from, to], in emission order. Position reports are
   * collapsed to the last 2-second tick in the window: a position is only worth its latest
   * value, and a gateway catching up after downtime should not flood the console with history.
   */
  due(from: number, to: number, wallTime: WallClock): PlannedMessage[] {
    if (!(to > from)) return [];
    const out: Keyed[] = [];
    const inWindow = (t: number) => t > from && t <= to;
    const L = this.cycleSeconds;
    // An event at t = L of cycle c falls at the start time of cycle c + 1, hence the "- 1".
    const firstCycle = this.loop ? Math.max(0, Math.floor(from / L) - 1) : 0;
    const lastCycle = this.loop ? Math.max(0, Math.floor(to / L)) : 0;

    for (let cycle = firstCycle; cycle <= lastCycle; cycle++) {
      const base = cycle * L;
      // Every pass starts with all units available, so a looping drill does not inherit the
      // dispatch state of the previous pass.
      if (inWindow(base)) {
        this.simulator.unitIds.forEach((unitId, index) => {
          out.push({
            time: base,
            rank: 0,
            index,
            type: 'unit.status',
            payload: { unitId, status: 'available', at: wallTime(base) },
          });
        });
      }
      this.scenario.events.forEach((event, index) => {
        const time = base + event.t;
        if (!inWindow(time)) return;
        const at = wallTime(time);
        const p = event.payload;
        let payload: Record<string, unknown>;
        switch (event.type) {
          case 'alert':
            // reportedAt becomes the wall time the alert falls due, so the console shows real ages.
            payload = { ...p, id: cycleId(String(p.id), cycle), reportedAt: at };
            break;
          case 'unit.status':
            payload = {
              ...p,
              at,
              ...(typeof p.alertId === 'string' ? { alertId: cycleId(p.alertId, cycle) } : {}),
            };
            break;
          case 'camera.status':
            payload = { ...p, at };
            break;
        }
        out.push({ time, rank: 1, index: cycle * 1_000_000 + index, type: event.type, payload });
      });
    }

    // Dispatched units setting off and arriving.
    (this.simulator.statusEventsIn?.(from, to) ?? []).forEach((e, index) => {
      out.push({
        time: e.time,
        rank: 2,
        index,
        type: 'unit.status',
        payload: {
          unitId: e.unitId,
          status: e.status,
          at: wallTime(e.time),
          ...(e.alertId ? { alertId: e.alertId } : {}),
        },
      });
    });

    const tick = Math.floor(to / POSITION_INTERVAL_SECONDS) * POSITION_INTERVAL_SECONDS;
    if (tick >= 0 && inWindow(tick)) {
      const at = wallTime(tick);
      this.simulator.unitIds.forEach((unitId, index) => {
        const p = this.simulator.positionAt(unitId, tick);
        out.push({ time: tick, rank: 3, index, type: 'unit.position', payload: { unitId, ...p, at } });
      });
    }

    out.sort((a, b) => a.time - b.time || a.rank - b.rank || a.index - b.index);
    return out.map(({ time, type, payload }) => ({ time, type, payload }));
  }
}
