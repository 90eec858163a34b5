import { describe, expect, it } from 'vitest';
import { FrameBatcher } from './frameBatcher';

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
