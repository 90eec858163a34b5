import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleStore } from './consoleStore';

const at = '2026-12-01T08:00:00+08:00';

const snapshotWith = (cameraStatus: Record<string, boolean>) =>
  ({ alerts: [], units: [], cameraStatus }) as unknown as Parameters<ConsoleStore['loadSnapshot']>[0];

describe('console store: camera states', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('folds a burst of camera state reports into one publication', () => {
    const store = new ConsoleStore((cb) => cb());
    let heard = 0;
    store.subscribe(() => heard++);
    const before = store.getState().cameraOnline;
    for (let i = 0; i < 50; i++)
      store.applyCameraStatus([{ cameraId: `C${i % 10}`, online: i % 2 === 0, at }]);
    expect(heard).toBe(0);
    expect(store.getState().cameraOnline).toBe(before); // nothing published yet
    expect(before.get('C0')).toBeUndefined(); // nor applied
    vi.advanceTimersByTime(1000);
    expect(heard).toBe(1);
    const after = store.getState().cameraOnline;
    expect(after).not.toBe(before); // a new object: React sees the change
    expect(after.size).toBe(10);
    expect(after.get('C0')).toBe(true);
    expect(after.get('C1')).toBe(false);
    store.applyCameraStatus([{ cameraId: 'C0', online: false, at }]);
    vi.advanceTimersByTime(1000);
    expect(heard).toBe(2);
    expect(store.getState().cameraOnline.get('C0')).toBe(false);
  });

  it('change listeners hear only the cameras of each publication', () => {
    const store = new ConsoleStore((cb) => cb());
    const heard: [string, boolean][][] = [];
    const off = store.onCameraChanges((changes) => heard.push([...changes]));
    for (let i = 0; i < 6; i++) store.applyCameraStatus([{ cameraId: `C${i % 3}`, online: i < 3, at }]);
    vi.advanceTimersByTime(1000);
    store.applyCameraStatus([{ cameraId: 'C7', online: true, at }]);
    vi.advanceTimersByTime(1000);
    expect(heard).toEqual([
      [
        ['C0', false],
        ['C1', false],
        ['C2', false],
      ],
      [['C7', true]],
    ]);
    off();
    store.applyCameraStatus([{ cameraId: 'C8', online: true, at }]);
    vi.advanceTimersByTime(1000);
    expect(heard).toHaveLength(2);
  });

  it('a snapshot replaces states received before it, and tells listeners its cameras', () => {
    const store = new ConsoleStore((cb) => cb());
    const heard: [string, boolean][][] = [];
    store.onCameraChanges((changes) => heard.push([...changes]));
    store.applyCameraStatus([{ cameraId: 'C1', online: false, at }]);
    store.applyCameraStatus([{ cameraId: 'C2', online: false, at }]);
    store.loadSnapshot(snapshotWith({ C1: true }));
    vi.advanceTimersByTime(1000);
    const view = store.getState().cameraOnline;
    expect(view.get('C1')).toBe(true);
    expect(view.get('C2')).toBeUndefined();
    expect(heard).toEqual([[['C1', true]]]);
  });
});
