import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Scenario time = anchorScenarioSec + (now − anchorWallMs) × speed. For a fresh start the
 * anchor is (start time, 0), i.e. (now − startedAt) × speed. The anchor only moves when the
 * gateway is restarted with a different speed, so the scenario clock never jumps.
 */
export interface ClockAnchor {
  anchorWallMs: number;
  anchorScenarioSec: number;
  speed: number;
  /** Paused (POST /admin/clock): the scenario time stays at anchorScenarioSec. */
  paused?: boolean;
}

/** Persisted as meta.json in the state dir, next to the feed log. */
export interface GatewayMeta {
  version: 1;
  /** Identifies this seq space: a console seeing a new gatewayId knows its stored seq means nothing here. */
  gatewayId: string;
  scenarioId: string;
  startedAt: string;
  clock: ClockAnchor;
}

export const META_FILE = 'meta.json';

export class ScenarioClock {
  constructor(
    private anchor: ClockAnchor,
    private readonly now: () => number,
    /** Persists a changed anchor (meta.json) before the change takes effect. */
    private readonly persist: (anchor: ClockAnchor) => void = () => {},
  ) {}

  get speed(): number {
    return this.anchor.speed;
  }

  get paused(): boolean {
    return this.anchor.paused === true;
  }

  /**
   * Replay controls (drills): every change re-anchors at now, so the scenario time never
   * jumps except by an explicit forward seek, and the new anchor is stored first, so a
   * restarted gateway continues paused/sped-up/seeked exactly where it was.
   */
  control(change: { paused?: boolean; speed?: number; seekTo?: number }): void {
    const nowMs = this.now();
    const current = this.scenarioTimeAt(nowMs);
    if (change.speed !== undefined && !(Number.isFinite(change.speed) && change.speed > 0))
      throw new Error(`speed must be a positive number, got ${change.speed}`);
    if (change.seekTo !== undefined && !(Number.isFinite(change.seekTo) && change.seekTo >= current)) {
      throw new Error(`cannot seek backwards (from ${current.toFixed(1)} s to ${change.seekTo} s)`);
    }
    const next: ClockAnchor = {
      anchorWallMs: nowMs,
      anchorScenarioSec: change.seekTo ?? current,
      speed: change.speed ?? this.anchor.speed,
      paused: change.paused ?? this.paused,
    };
    this.persist(next);
    this.anchor = next;
  }

  /** Seconds since scenario start, now. */
  scenarioTime(): number {
    return this.scenarioTimeAt(this.now());
  }

  scenarioTimeAt(wallMs: number): number {
    if (this.anchor.paused) return this.anchor.anchorScenarioSec;
    return this.anchor.anchorScenarioSec + ((wallMs - this.anchor.anchorWallMs) / 1000) * this.anchor.speed;
  }

  /** Wall-clock ms at which a scenario time falls due. */
  wallTimeAt(scenarioSec: number): number {
    return (
      this.anchor.anchorWallMs + ((scenarioSec - this.anchor.anchorScenarioSec) / this.anchor.speed) * 1000
    );
  }

  /** Real milliseconds it takes the scenario clock to advance by `scenarioSec`. */
  realMs(scenarioSec: number): number {
    return (scenarioSec / this.anchor.speed) * 1000;
  }
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * Opens (or creates) the gateway identity and scenario clock. With a state dir the clock is
 * restored from meta.json, so a restarted gateway continues the same scenario time; without
 * one every start is a fresh scenario with a fresh gatewayId.
 */
export function openScenarioClock(
  stateDir: string | null,
  options: { scenarioId: string; speed: number; now: () => number },
): { gatewayId: string; clock: ScenarioClock; restored: boolean } {
  const nowMs = options.now();
  const fresh: GatewayMeta = {
    version: 1,
    gatewayId: randomUUID(),
    scenarioId: options.scenarioId,
    startedAt: new Date(nowMs).toISOString(),
    clock: { anchorWallMs: nowMs, anchorScenarioSec: 0, speed: options.speed },
  };
  if (!stateDir)
    return {
      gatewayId: fresh.gatewayId,
      clock: new ScenarioClock(fresh.clock, options.now),
      restored: false,
    };

  fs.mkdirSync(stateDir, { recursive: true });
  const file = path.join(stateDir, META_FILE);
  if (!fs.existsSync(file)) {
    // A log without its clock cannot be continued: replaying from t=0 would re-emit every alert.
    if (fs.existsSync(path.join(stateDir, 'feed-log.jsonl'))) {
      throw new Error(`${stateDir} has a feed log but no ${META_FILE}; use an empty state dir`);
    }
    writeAtomically(file, JSON.stringify(fresh, null, 2));
    const persist = (clock: ClockAnchor) =>
      writeAtomically(file, JSON.stringify({ ...fresh, clock }, null, 2));
    return {
      gatewayId: fresh.gatewayId,
      clock: new ScenarioClock(fresh.clock, options.now, persist),
      restored: false,
    };
  }

  const meta = JSON.parse(fs.readFileSync(file, 'utf8')) as GatewayMeta;
  if (meta.version !== 1 || typeof meta.clock?.anchorWallMs !== 'number')
    throw new Error(`${file}: unrecognised gateway state`);
  if (meta.scenarioId !== options.scenarioId) {
    throw new Error(
      `${stateDir} holds the state of scenario "${meta.scenarioId}", not "${options.scenarioId}"; use another state dir`,
    );
  }
  if (meta.clock.speed !== options.speed) {
    // Re-anchor at now so the scenario continues from where it is instead of jumping.
    const previous = new ScenarioClock(meta.clock, options.now);
    meta.clock = {
      anchorWallMs: nowMs,
      anchorScenarioSec: previous.scenarioTimeAt(nowMs),
      speed: options.speed,
      paused: meta.clock.paused,
    };
    writeAtomically(file, JSON.stringify(meta, null, 2));
  }
  const persist = (clock: ClockAnchor) => writeAtomically(file, JSON.stringify({ ...meta, clock }, null, 2));
  return {
    gatewayId: meta.gatewayId,
    clock: new ScenarioClock(meta.clock, options.now, persist),
    restored: true,
  };
}
