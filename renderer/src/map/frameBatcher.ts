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
