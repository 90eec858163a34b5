import type { MetaRepository } from '../db/metaRepository';
import type { DrillClock } from '../../../shared/contract/drillContract';
import { appendClockSample, type ClockSample } from '../../../shared/domain/drill/drillTime';

const KEY = 'drill.clockLog';

/**
 * The drill gateway's scenario clock as this console saw it (pause, resume, speed, seek), kept in
 * the drill database so the scoring can place every wall-clock step at its scenario time, later
 * and on any machine. Only changes of the clock's course are stored, not every poll.
 */
export class DrillClockLog {
  constructor(private readonly meta: MetaRepository) {}

  samples(): ClockSample[] {
    const raw = this.meta.get(KEY);
    return raw ? (JSON.parse(raw) as ClockSample[]) : [];
  }

  record(clock: DrillClock, at: Date): void {
    const samples = this.samples();
    const next = appendClockSample(samples, {
      at: at.toISOString(),
      scenarioTime: clock.scenarioTime,
      speed: clock.speed,
      paused: clock.paused,
    });
    if (next !== samples) this.meta.set(KEY, JSON.stringify(next));
  }
}
