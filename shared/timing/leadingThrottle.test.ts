import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LeadingThrottle } from './leadingThrottle';

describe('leading throttle', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('runs the first request at once, a burst within the interval once at its end', () => {
    const runs: number[] = [];
    const throttle = new LeadingThrottle(() => runs.push(Date.now()), 100, { timers: globalThis });
    const start = Date.now();
    throttle.request();
    expect(runs).toEqual([start]);
    vi.advanceTimersByTime(10);
    throttle.request();
    throttle.request();
    expect(runs).toHaveLength(1);
    expect(throttle.pending).toBe(true);
    vi.advanceTimersByTime(89);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([start, start + 100]);
    // Quiet for longer than the interval: at once again.
    vi.advanceTimersByTime(500);
    throttle.request();
    expect(runs).toEqual([start, start + 100, start + 600]);
  });

  it('with nextTurn, a first request runs on a zero timer; ranNow and cancel hold it back', () => {
    let runs = 0;
    const throttle = new LeadingThrottle(() => runs++, 100, { nextTurn: true, timers: globalThis });
    throttle.request();
    expect(runs).toBe(0);
    vi.advanceTimersByTime(0);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(200);
    throttle.ranNow(); // the owner ran it: the next request waits out the interval
    throttle.request();
    vi.advanceTimersByTime(99);
    expect(runs).toBe(1);
    throttle.cancel();
    vi.advanceTimersByTime(10);
    expect(runs).toBe(1);
    expect(throttle.pending).toBe(false);
  });
});
