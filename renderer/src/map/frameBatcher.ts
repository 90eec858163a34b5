import { LeadingThrottle } from '../../../shared/timing/leadingThrottle';

/**
 * Coalesces many "this changed" notifications into one flush per animation frame. AVL feeds can
 * deliver hundreds of position reports per second; each GeoJSON setData re-tiles the source in
 * the worker, so doing it per report would saturate the worker and drop frames.
 */
export class FrameBatcher<K extends string> {
  private readonly dirty = new Set<K>();
  private handle: number | null = null;

  constructor(
    private readonly flush: (keys: ReadonlySet<K>) => void,
    private readonly requestFrame: (cb: () => void) => number = (cb) => requestAnimationFrame(cb),
    private readonly cancelFrame: (handle: number) => void = (h) => cancelAnimationFrame(h),
  ) {}

  /** Marks `key` dirty and makes sure exactly one frame callback is pending. */
  mark(key: K): void {
    this.dirty.add(key);
    if (this.handle !== null) return;
    this.handle = this.requestFrame(() => {
      this.handle = null;
      // Snapshot first: a flush may mark again, which must land in the next frame.
      const keys = new Set(this.dirty);
      this.dirty.clear();
      this.flush(keys);
    });
  }

  get pending(): boolean {
    return this.handle !== null;
  }

  cancel(): void {
    if (this.handle !== null) this.cancelFrame(this.handle);
    this.handle = null;
    this.dirty.clear();
  }
}

/**
 * Holds back marks of live-feed keys so the map takes them at most once per interval, all together:
 * the first mark after a quiet interval goes through at once, later ones (of any live key) become
 * one mark of each pending key at the interval's end. Every flush of a GeoJSON source re-tiles it
 * and repaints the whole map as its tiles come back; with 500 units reporting at 1 Hz and dozens
 * of camera status changes a second, some source changed in every frame, and a software-rendered
 * map repainted without pause (frames of 250 ms and more, bench/mapFrames.ts). Keys that are not
 * live go straight through.
 */
export class ThrottledMarks<K extends string> {
  private readonly pending = new Set<K>();
  private readonly releases: LeadingThrottle;

  constructor(
    private readonly mark: (key: K) => void,
    private readonly live: ReadonlySet<K>,
    intervalMs: number,
    now: () => number = () => performance.now(),
  ) {
    this.releases = new LeadingThrottle(() => this.release(), intervalMs, { now, timers: globalThis });
  }

  request(key: K): void {
    if (!this.live.has(key)) return this.mark(key);
    this.pending.add(key);
    this.releases.request();
  }

  cancel(): void {
    this.releases.cancel();
    this.pending.clear();
  }

  private release(): void {
    const keys = [...this.pending];
    this.pending.clear();
    for (const k of keys) this.mark(k);
  }
}
