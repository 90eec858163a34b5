import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleStore } from './consoleStore';

const at = '2026-12-01T08:00:00+08:00';

describe('console store: camera states', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('folds a burst of camera state reports into one published record', () => {
    const store = new ConsoleStore((cb) => cb());
    let heard = 0;
    store.subscribe(() => heard++);
    const before = store.getState().cameraOnline;
    for (let i = 0; i < 50; i++)
      store.applyCameraStatus([{ cameraId: `C${i % 10}`, online: i % 2 === 0, at }]);
    expect(heard).toBe(0);
    expect(store.getState().cameraOnline).toBe(before); // nothing published yet, nothing changed in place
    expect(before).toEqual({});
    vi.advanceTimersByTime(1000);
    expect(heard).toBe(1);
    const after = store.getState().cameraOnline;
    expect(Object.keys(after)).toHaveLength(10);
    expect(after['C0']).toBe(true);
    expect(after['C1']).toBe(false);
    // The next burst writes a new copy: the published record stays as it was.
    store.applyCameraStatus([{ cameraId: 'C0', online: false, at }]);
    vi.advanceTimersByTime(1000);
    expect(heard).toBe(2);
    expect(after['C0']).toBe(true);
    expect(store.getState().cameraOnline['C0']).toBe(false);
  });

  it('a snapshot replaces states received before it', () => {
    const store = new ConsoleStore((cb) => cb());
    store.applyCameraStatus([{ cameraId: 'C1', online: false, at }]);
    store.loadSnapshot({
      alerts: [],
      units: [],
      cameraStatus: { C1: true },
    } as unknown as Parameters<ConsoleStore['loadSnapshot']>[0]);
    vi.advanceTimersByTime(1000);
    expect(store.getState().cameraOnline).toEqual({ C1: true });
  });
});
