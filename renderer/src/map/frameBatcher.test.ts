import { describe, expect, it, vi } from 'vitest';
import { FrameBatcher, ThrottledMarks } from './frameBatcher';

function fakeFrames() {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    request: (cb: () => void) => {
      queue.set(next, cb);
      return next++;
    },
    cancel: (h: number) => void queue.delete(h),
    run() {
      const cbs = [...queue.values()];
      queue.clear();
      cbs.forEach((cb) => cb());
    },
    get size() {
      return queue.size;
    },
  };
}

describe('FrameBatcher', () => {
  it('flushes once per frame however many marks arrive', () => {
    const frames = fakeFrames();
    const flushes: string[][] = [];
    const b = new FrameBatcher<'units' | 'alerts'>(
      (k) => flushes.push([...k].sort()),
      frames.request,
      frames.cancel,
    );
    for (let i = 0; i < 500; i++) b.mark('units');
    b.mark('alerts');
    expect(frames.size).toBe(1);
    frames.run();
    expect(flushes).toEqual([['alerts', 'units']]);
    expect(b.pending).toBe(false);
  });

  it('marks made during a flush go to the next frame', () => {
    const frames = fakeFrames();
    let count = 0;
    const b: FrameBatcher<'units'> = new FrameBatcher<'units'>(
      () => {
        count++;
        if (count === 1) b.mark('units');
      },
      frames.request,
      frames.cancel,
    );
    b.mark('units');
    frames.run();
    expect(count).toBe(1);
    frames.run();
    expect(count).toBe(2);
  });

  it('cancel drops the pending frame', () => {
    const frames = fakeFrames();
    let count = 0;
    const b = new FrameBatcher<'units'>(() => count++, frames.request, frames.cancel);
    b.mark('units');
    b.cancel();
    frames.run();
    expect(count).toBe(0);
  });
});

describe('ThrottledMarks', () => {
  it('passes the first live mark at once and folds later ones within the interval into one, together', () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const marks: string[] = [];
      const t = new ThrottledMarks<'units' | 'cameras' | 'alerts'>(
        (k) => marks.push(k),
        new Set(['units', 'cameras']),
        1000,
        () => now,
      );
      t.request('units');
      expect(marks).toEqual(['units']);
      for (let i = 0; i < 10; i++) {
        now += 50;
        vi.advanceTimersByTime(50);
        t.request(i % 2 ? 'units' : 'cameras');
      }
      t.request('alerts'); // not live: straight through
      expect(marks).toEqual(['units', 'alerts']);
      now += 500;
      vi.advanceTimersByTime(500);
      expect(marks.slice(2).sort()).toEqual(['cameras', 'units']); // both at the interval's end, once
      now += 5000;
      vi.advanceTimersByTime(5000);
      t.request('units'); // a quiet interval later: at once again
      expect(marks).toHaveLength(5);
      t.request('cameras');
      t.cancel();
      vi.advanceTimersByTime(5000);
      expect(marks).toHaveLength(5);
    } finally {
      vi.useRealTimers();
    }
  });
});
