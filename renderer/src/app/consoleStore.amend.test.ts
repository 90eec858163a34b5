import { describe, expect, it } from 'vitest';
import { ConsoleStore } from './consoleStore';
import type { Alert } from '../../../shared/domain/alert';
import { sortAlertQueue } from '../../../shared/domain/alertQueue';
import { queuedAlert } from '../../../tests/unit/queuedAlert';

const alert = (id: string, priority: Alert['priority'], revision = 1) =>
  queuedAlert(id, { priority, revision });

describe('console store: amended alerts', () => {
  it('a raised priority makes a looked-at alert unseen again (the alarm re-sounds) and re-sorts the queue', () => {
    const store = new ConsoleStore((cb) => cb());
    store.upsertAlerts([alert('A', 3), alert('B', 2)]);
    store.selectAlert('A');
    store.selectAlert('B');
    expect([...store.getState().unseenAlertIds]).toEqual([]);
    store.upsertAlerts([alert('A', 1, 2)]);
    expect([...store.getState().unseenAlertIds]).toEqual(['A']);
    expect(store.getState().alerts.size).toBe(2);
    const order = sortAlertQueue(store.getState().alerts.values()).map((a) => a.id);
    expect(order).toEqual(['A', 'B']);
    expect(store.getState().openQueue.map((a) => a.id)).toEqual(['A', 'B']); // what the queue shows
  });

  it('the open queue follows snapshots, new alerts, amendments and closes in queue order', () => {
    const store = new ConsoleStore((cb) => cb());
    const queue = () => store.getState().openQueue.map((a) => `${a.id}${a.priority}`);
    store.loadSnapshot({
      alerts: [alert('C', 3), { ...alert('X', 1), status: 'closed' }, alert('A', 2)],
      units: [],
      cameraStatus: [],
      feed: null,
      settings: null,
      host: null,
    } as unknown as Parameters<ConsoleStore['loadSnapshot']>[0]);
    expect(queue()).toEqual(['A2', 'C3']);
    store.upsertAlerts([alert('B', 1), alert('C', 1, 2)]);
    expect(queue()).toEqual(['B1', 'C1', 'A2']);
    store.upsertAlerts([
      { ...alert('B', 1), status: 'closed' },
      { ...alert('X', 2, 2), status: 'received' },
    ]);
    expect(queue()).toEqual(['C1', 'A2', 'X2']);
  });

  it('an amendment that lowers the priority, or of the alert on screen, does not raise the alarm again', () => {
    const store = new ConsoleStore((cb) => cb());
    store.upsertAlerts([alert('A', 2), alert('B', 2)]);
    store.selectAlert('A');
    store.upsertAlerts([alert('A', 1, 2)]);
    store.selectAlert('B');
    store.upsertAlerts([alert('B', 3, 2)]);
    expect([...store.getState().unseenAlertIds]).toEqual([]);
  });
});
