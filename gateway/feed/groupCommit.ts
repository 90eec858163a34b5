import fs from 'node:fs';

/** How a file's written data is made durable: fs.fdatasync, or a stand-in in tests. */
export type Datasync = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

/**
 * Group commit for an append-only file: lines are written at once (to the page cache), and one
 * fdatasync, on libuv's thread pool, makes every line written before it started durable. While
 * it runs, the event loop goes on taking appends; the next fdatasync covers all of them. So the
 * loop never waits on the disk, and at 100 appends a second a slow disk costs a few syncs a second
 * instead of a hundred blocking ones.
 *
 * Each written line carries a mark (the log's head seq after it). Nothing may be sent or
 * acknowledged until its line is durable: `durableMark` says how far that is, `afterDurable`
 * runs a callback once everything written so far is, and `onDurable` listeners hear of every
 * advance. After a failed fdatasync nothing more ever becomes durable (the kernel may have
 * dropped the dirty pages: retrying would claim what is not on disk); `failure` says why.
 */
export class GroupCommit {
  private written = 0;
  private writtenMark: number;
  private durable = 0;
  private durableAt: number;
  private inFlight = false;
  private closed = false;
  private failed: Error | null = null;
  private waiting: { line: number; done: () => void; failed?: (err: Error) => void }[] = [];
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly fd: () => number | null,
    mark: number,
    /** Called when no sync is in flight after one completes (the owner may rewrite the file then). */
    private readonly onIdle: () => void,
    private readonly datasync: Datasync = fs.fdatasync,
  ) {
    this.writtenMark = mark;
    this.durableAt = mark;
  }

  /** The mark of the last durable line. */
  get durableMark(): number {
    return this.durableAt;
  }

  get failure(): Error | null {
    return this.failed;
  }

  /** No sync in flight and nothing written that is not durable. */
  get idle(): boolean {
    return !this.inFlight && this.written === this.durable;
  }

  /** A line was written; `mark` is the log's head after it. */
  wrote(mark: number): void {
    this.written++;
    this.writtenMark = mark;
    if (!this.inFlight) this.startSync();
  }

  /** Runs `done` once every line written so far is durable (at once if it is), or `failed` if that can no longer be. */
  afterDurable(done: () => void, failed?: (err: Error) => void): void {
    if (this.failed) return failed?.(this.failed);
    if (this.durable >= this.written) return done();
    this.waiting.push({ line: this.written, done, failed });
  }

  onDurable(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The owner made everything written durable itself (a synchronous fsync): settle every waiter. */
  settled(mark: number): void {
    if (this.failed) return;
    this.writtenMark = mark;
    this.advance(this.written, mark);
  }

  /** Stops: a sync still in flight completes unheard (the owner synced and closed the file). */
  close(): void {
    this.closed = true;
  }

  private startSync(): void {
    const fd = this.fd();
    if (fd === null || this.closed || this.failed) return;
    const target = { line: this.written, mark: this.writtenMark };
    this.inFlight = true;
    this.datasync(fd, (err) => {
      this.inFlight = false;
      if (this.closed) return;
      if (err) {
        const failure = new Error(`cannot make the feed log durable (fdatasync: ${err.message})`);
        this.failed = failure;
        console.error(`gateway: ${failure.message}; nothing after seq ${this.durableAt} is sent`);
        const waiting = this.waiting;
        this.waiting = [];
        for (const w of waiting) w.failed?.(failure);
        return;
      }
      this.advance(target.line, target.mark);
      if (this.written > this.durable) this.startSync();
      else this.onIdle();
    });
  }

  private advance(line: number, mark: number): void {
    if (line <= this.durable && mark === this.durableAt) return;
    this.durable = Math.max(this.durable, line);
    this.durableAt = mark;
    const due = this.waiting.filter((w) => w.line <= this.durable);
    this.waiting = this.waiting.filter((w) => w.line > this.durable);
    for (const listener of this.listeners) listener();
    for (const w of due) w.done();
  }
}
