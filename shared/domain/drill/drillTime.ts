/**
 * Wall clock ↔ scenario clock of a drill. The trainee acts in wall time while the scenario runs
 * sped up, paused or jumped ahead, so every step is placed on the scenario clock through the
 * clock's recorded course (pure, deterministic: same samples → same times).
 */

/** The scenario clock observed at wall time `at`. */
export interface ClockSample {
  at: string;
  scenarioTime: number;
  speed: number;
  paused: boolean;
}

/** An alert the console received (wall `receivedAt`) that the scenario sends at `t`. */
export interface ClockAnchor {
  receivedAt: string;
  t: number;
}

/** A sample this close to the extrapolated clock (scenario seconds) changes nothing. */
const DRIFT_TOLERANCE_S = 1.5;

const extrapolate = (s: ClockSample, atMs: number) =>
  s.scenarioTime + (s.paused ? 0 : (Math.max(0, atMs - Date.parse(s.at)) / 1000) * s.speed);

/** Adds a sample when the clock changed course (speed, pause, seek); otherwise returns `samples` itself. */
export function appendClockSample(
  samples: readonly ClockSample[],
  sample: ClockSample,
): readonly ClockSample[] {
  const last = samples[samples.length - 1];
  if (last && Date.parse(sample.at) < Date.parse(last.at)) return samples;
  if (
    last &&
    last.speed === sample.speed &&
    last.paused === sample.paused &&
    Math.abs(extrapolate(last, Date.parse(sample.at)) - sample.scenarioTime) <= DRIFT_TOLERANCE_S
  )
    return samples;
  return [...samples, sample];
}

/**
 * The scenario time at wall time `at`: from the last clock sample before it (or, before the
 * first sample, the first one run backwards); without samples, from the latest alert anchor
 * at 1×; with neither, null.
 */
export function scenarioTimeAt(
  at: string,
  samples: readonly ClockSample[],
  anchors: readonly ClockAnchor[] = [],
): number | null {
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) return null;
  if (samples.length > 0) {
    let base = samples[0]!;
    for (const s of samples) if (Date.parse(s.at) <= ms) base = s;
    if (ms < Date.parse(base.at))
      return Math.max(
        0,
        base.scenarioTime - (base.paused ? 0 : ((Date.parse(base.at) - ms) / 1000) * base.speed),
      );
    return extrapolate(base, ms);
  }
  const sorted = [...anchors].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
  let anchor: ClockAnchor | null = sorted[0] ?? null;
  for (const a of sorted) if (Date.parse(a.receivedAt) <= ms) anchor = a;
  return anchor ? Math.max(0, anchor.t + (ms - Date.parse(anchor.receivedAt)) / 1000) : null;
}
