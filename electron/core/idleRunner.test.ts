import { describe, expect, it, vi } from 'vitest';
import { holdingFrom, IdleRunner, releasingAfter, withActivity, type IdleClock } from './idleRunner';

/** A manual clock: timers fire only when `advance` passes them. */
function manualClock() {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: IdleClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = end;
  };
  return { clock, advance, timers };
}

describe('IdleRunner', () => {
  it('runs queued tasks in order, one per turn, once the host has been quiet', () => {
    const { clock, advance, timers } = manualClock();
    const runner = new IdleRunner(500, 10_000, clock);
    const ran: string[] = [];
    runner.add(() => {
      ran.push('a');
      // The next task is its own timer turn (requests that came in meanwhile are answered first).
      expect(timers.size).toBe(0);
    });
    runner.add(() => ran.push('b'));
    advance(499);
    expect(ran).toEqual([]);
    advance(1);
    expect(ran).toEqual(['a', 'b']);
    expect(runner.pending).toBe(0);
  });

  it('a request during a task delays the next task by the quiet spell', () => {
    const { clock, advance } = manualClock();
    const runner = new IdleRunner(500, 10_000, clock);
    const ran: string[] = [];
    runner.add(() => {
      ran.push('a');
      runner.noteActivity();
    });
    runner.add(() => ran.push('b'));
    advance(500);
    expect(ran).toEqual(['a']);
    advance(500);
    expect(ran).toEqual(['a', 'b']);
  });

  it('waits while requests keep arriving, then runs after the quiet spell', () => {
    const { clock, advance } = manualClock();
    const runner = new IdleRunner(500, 10_000, clock);
    const ran: number[] = [];
    runner.add(() => ran.push(1));
    for (let i = 0; i < 5; i++) {
      advance(300);
      runner.noteActivity();
    }
    expect(ran).toEqual([]);
    advance(500);
    expect(ran).toEqual([1]);
  });

  it('is not starved by a renderer polling faster than the quiet spell', () => {
    const { clock, advance } = manualClock();
    const runner = new IdleRunner(500, 2_000, clock);
    const ran: number[] = [];
    runner.add(() => ran.push(1));
    runner.add(() => ran.push(2));
    for (let i = 0; i < 20; i++) {
      runner.noteActivity();
      advance(250);
    }
    expect(ran).toEqual([1, 2]);
  });

  it('held, runs nothing until released (then after the quiet spell), or until the longest deferral', () => {
    const { clock, advance } = manualClock();
    const runner = new IdleRunner(500, 30_000, clock);
    const ran: number[] = [];
    runner.hold();
    runner.add(() => ran.push(1));
    advance(5_000);
    expect(ran).toEqual([]);
    runner.release();
    advance(499);
    expect(ran).toEqual([]);
    advance(1);
    expect(ran).toEqual([1]);

    const never = new IdleRunner(500, 30_000, clock);
    never.hold();
    never.add(() => ran.push(2));
    advance(29_999);
    expect(ran).toEqual([1]);
    advance(1);
    expect(ran).toEqual([1, 2]);
  });

  it('runs nothing after stop', () => {
    const { clock, advance, timers } = manualClock();
    const runner = new IdleRunner(500, 10_000, clock);
    const ran: number[] = [];
    runner.add(() => ran.push(1));
    runner.stop();
    runner.add(() => ran.push(2));
    advance(20_000);
    expect(ran).toEqual([]);
    expect(timers.size).toBe(0);
  });

  it('a throwing task is reported and does not stop the ones after it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { clock, advance } = manualClock();
    const runner = new IdleRunner(0, 10_000, clock);
    const ran: number[] = [];
    runner.add(() => {
      throw new Error('boom');
    });
    runner.add(() => ran.push(2));
    advance(0);
    expect(ran).toEqual([2]);
    expect(warn).toHaveBeenCalledWith('background task failed', expect.any(Error));
    warn.mockRestore();
  });
});

describe('releasingAfter', () => {
  it('releases the runner once the handler has answered', async () => {
    let released = 0;
    const handler = releasingAfter(async (n: number) => n * 2, { release: () => released++ });
    expect(await handler(21)).toBe(42);
    expect(released).toBe(1);
    await expect(
      releasingAfter(() => Promise.reject(new Error('no')), { release: () => released++ })(),
    ).rejects.toThrow('no');
    expect(released).toBe(2);
  });
});

describe('holdingFrom', () => {
  it('a pack request holds the work until the map is drawn, the longest deferral counted from it', async () => {
    const { clock, advance } = manualClock();
    const runner = new IdleRunner(500, 30_000, clock);
    const ran: number[] = [];
    runner.hold(); // the host's start
    runner.add(() => ran.push(1));
    advance(20_000);
    const pack = holdingFrom(async () => 'pack', runner);
    const roads = releasingAfter(async () => 'roads', runner);
    expect(await pack()).toBe('pack');
    // 30 s after the host's start, but only 10 s after the renderer began loading its map.
    advance(10_000);
    expect(ran).toEqual([]);
    expect(await roads()).toBe('roads');
    advance(499);
    expect(ran).toEqual([]);
    advance(1);
    expect(ran).toEqual([1]);

    // A map that never asks for its roads holds the work 30 s after its pack request at most.
    runner.add(() => ran.push(2));
    await pack();
    advance(29_999);
    expect(ran).toEqual([1]);
    advance(1);
    expect(ran).toEqual([1, 2]);
  });
});

describe('withActivity', () => {
  it('notes activity when a request starts and when it settles, and passes results through', async () => {
    let notes = 0;
    let release: (v: number) => void = () => undefined;
    const handlers = withActivity(
      { slow: (n: number) => new Promise<number>((r) => (release = (v) => r(v + n))) },
      { noteActivity: () => notes++ },
    );
    const reply = handlers.slow(1);
    expect(notes).toBe(1);
    release(41);
    expect(await reply).toBe(42);
    expect(notes).toBe(2);
  });
});
