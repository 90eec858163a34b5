/**
 * Background work that must not hold up the officer's requests. The host answers every request
 * on one event loop: a cordon warm-up turn of a second or more (large city, busy machine) that
 * starts while the renderer loads makes its session snapshot and city pack wait behind it (the
 * first usable map of the large city waited 5–7 s for them, bench/mapFrames.ts). Here the tasks
 * run one per turn, once no request has started or finished for `quietMs`, or at the latest
 * `maxDeferMs` after the previous one (a renderer polling every second must not starve them).
 */
export interface IdleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.(); // never keeps the process alive
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class IdleRunner {
  private readonly tasks: (() => void)[] = [];
  private lastActivity: number;
  /** Since when the next task has been waiting (the previous one ran, or it was queued alone). */
  private waitingSince: number;
  private timer: unknown = null;
  private stopped = false;
  private held = false;

  constructor(
    private readonly quietMs: number,
    private readonly maxDeferMs: number,
    private readonly clock: IdleClock = systemClock,
  ) {
    this.lastActivity = clock.now();
    this.waitingSince = clock.now();
  }

  /** Queues a task; it runs after the earlier ones, once the host has been quiet for `quietMs`. */
  add(task: () => void): void {
    if (this.stopped) return;
    if (this.tasks.length === 0 && this.timer === null && !this.held) this.waitingSince = this.clock.now();
    this.tasks.push(task);
    this.schedule();
  }

  /**
   * Nothing runs until `release` (e.g. until the renderer has its city pack), or `maxDeferMs`
   * after now if it never comes (a host no renderer connects to).
   */
  hold(): void {
    this.held = true;
    this.waitingSince = this.clock.now();
    this.reschedule();
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    this.noteActivity();
    this.reschedule();
  }

  /** A request started or finished: background tasks wait another `quietMs`. */
  noteActivity(): void {
    this.lastActivity = this.clock.now();
  }

  /** Tasks not yet run. */
  get pending(): number {
    return this.tasks.length;
  }

  stop(): void {
    this.stopped = true;
    this.tasks.length = 0;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private reschedule(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null || this.stopped || this.tasks.length === 0) return;
    const latest = this.waitingSince + this.maxDeferMs;
    const due = this.held ? latest : Math.min(this.lastActivity + this.quietMs, latest);
    this.timer = this.clock.setTimeout(() => this.tick(), Math.max(0, due - this.clock.now()));
  }

  private tick(): void {
    this.timer = null;
    if (this.stopped) return;
    const now = this.clock.now();
    // Activity since this turn was scheduled: wait until the host has been quiet long enough.
    const quiet = !this.held && now - this.lastActivity >= this.quietMs;
    if (!quiet && now - this.waitingSince < this.maxDeferMs) return this.schedule();
    this.held = false;
    const task = this.tasks.shift();
    try {
      task?.();
    } catch (err) {
      // Background work is best effort: a failure must not take the host down.
      console.warn('background task failed', err);
    } finally {
      this.waitingSince = this.clock.now();
      this.schedule();
    }
  }
}

/**
 * The same handlers, each call noting activity on `runner` when it starts and when it settles
 * (a large reply's encoding follows its settling, within the same turn).
 */
export function withActivity<H extends Record<string, (...args: never[]) => Promise<unknown>>>(
  handlers: H,
  runner: Pick<IdleRunner, 'noteActivity'>,
): H {
  const wrapped = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (...args: never[]) => {
        runner.noteActivity();
        return handler(...args).finally(() => runner.noteActivity());
      },
    ]),
  );
  return wrapped as H;
}

/**
 * `handler`, holding `runner` (see IdleRunner.hold) from each call: a renderer asking for its city
 * pack is about to build its map, the page's heaviest seconds, which background work on the same
 * cores would lengthen. The longest deferral counts from this call.
 */
export function holdingFrom<A extends unknown[], R>(
  handler: (...args: A) => Promise<R>,
  runner: Pick<IdleRunner, 'hold'>,
): (...args: A) => Promise<R> {
  return (...args) => {
    runner.hold();
    return handler(...args);
  };
}

/** `handler`, releasing `runner` (see IdleRunner.hold) once it has answered. */
export function releasingAfter<A extends unknown[], R>(
  handler: (...args: A) => Promise<R>,
  runner: Pick<IdleRunner, 'release'>,
): (...args: A) => Promise<R> {
  return (...args) => handler(...args).finally(() => runner.release());
}
