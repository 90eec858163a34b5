import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleStore } from './consoleStore';
import { queuedAlert } from '../../../tests/unit/queuedAlert';

const alert = (id: string) => queuedAlert(id);

describe('console store: alert batches', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a burst of feed batches: the first told at once, the rest together shortly after, not per frame', () => {
    const frames: (() => void)[] = [];
    const store = new ConsoleStore((cb) => frames.push(cb));
    let heard = 0;
    store.subscribe(() => heard++);
    for (let i = 0; i < 30; i++) store.upsertAlerts([alert(`A${i}`)]);
    expect(store.getState().alerts.size).toBe(30); // readers see every alert at once
    expect(heard).toBe(1); // the first batch after a quiet spell
    expect(frames).toHaveLength(0); // no wait for a (slow, software-rendered) frame
    vi.advanceTimersByTime(31);
    expect(heard).toBe(1);
    vi.advanceTimersByTime(1);
    expect(heard).toBe(2); // the other 29 together
    expect(store.getState().openQueue).toHaveLength(30);
    vi.advanceTimersByTime(1000);
    expect(heard).toBe(2);
    store.upsertAlerts([alert('Q')]); // after a quiet spell: at once again
    expect(heard).toBe(3);
  });

  it('with no frames (a hidden window) listeners still hear within 100 ms: the alarm must sound', () => {
    const store = new ConsoleStore(() => undefined); // frames never come
    let heard = 0;
    store.subscribe(() => heard++);
    store.upsertAlerts([alert('U0')]); // told at once
    store.upsertAlerts([alert('U1')]); // close behind: waits for a frame that never comes
    expect(heard).toBe(1);
    vi.advanceTimersByTime(100);
    expect(heard).toBe(2);
    expect(store.getState().unseenAlertIds.has('U1')).toBe(true);
  });
});
