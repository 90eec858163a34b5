/** The host's timers (shared/ names no host global): pass `globalThis` in the renderer or Node. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LeadingThrottleOptions {
  timers: Timers;
  /**
   * Run the first request after a quiet spell on the next turn rather than at once, so whatever
   * else arrives in the same turn goes with it.
   */
  nextTurn?: boolean;
  /** Clock, injectable for tests. Default Date.now. */
  now?: () => number;
}

/**
 * "At once after a quiet spell, then at most once per interval": the first request after
 * `intervalMs` without a run runs now (or on the next turn); requests within the interval become
 * one run at its end. Used wherever a burst of changes must reach something costly (a SQLite
 * transaction, a React notification, a map source's re-tiling, a database query) promptly but
 * not once per change: a lone change never waits out the window, and a burst shares one run.
 */
export class LeadingThrottle {
  private lastRunAt = -Infinity;
  private timer: unknown = null;
  private readonly now: () => number;

  constructor(
    private readonly run: () => void,
    private readonly intervalMs: number,
    private readonly options: LeadingThrottleOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A run is due (on a timer) and will take in whatever is requested meanwhile. */
  get pending(): boolean {
    return this.timer !== null;
  }

  request(): void {
    if (this.timer !== null) return;
    const wait = this.lastRunAt + this.intervalMs - this.now();
    if (wait <= 0 && !this.options.nextTurn) return this.fire();
    this.timer = this.options.timers.setTimeout(() => this.fire(), Math.max(0, wait));
  }

  /** The owner ran it itself (a forced flush, a periodic reload): the interval counts from now. */
  ranNow(): void {
    this.lastRunAt = this.now();
  }

  cancel(): void {
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.cancel();
    this.lastRunAt = this.now();
    this.run();
  }
}
