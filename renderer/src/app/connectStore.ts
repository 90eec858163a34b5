import type { ConsoleApi } from '../../../shared/contract/api';
import type { ConsoleStore } from './consoleStore';

/**
 * Debug path for the alert-to-screen benchmark: a page that defines `window.__alertTrace` is told
 * which alerts reached the store (the bench records the time); nothing else defines it.
 */
function traceAlerts(alerts: readonly { id: string }[]): void {
  const trace = (globalThis as { __alertTrace?: (ids: string[]) => void }).__alertTrace;
  if (typeof trace === 'function') trace(alerts.map((a) => a.id));
}

/**
 * Subscribes first, then loads the snapshot, so nothing pushed in between is lost; events
 * that arrive before the snapshot are replayed onto it.
 */
export async function connectStore(api: ConsoleApi, store: ConsoleStore): Promise<() => void> {
  const early: (() => void)[] = [];
  let loaded = false;
  const run = (apply: () => void) => (loaded ? apply() : early.push(apply));
  const unsubscribers = [
    api.subscribe['alerts.upserted']((alerts) =>
      run(() => {
        store.upsertAlerts(alerts);
        traceAlerts(alerts);
      }),
    ),
    api.subscribe['units.positions']((positions) => run(() => store.applyPositions(positions))),
    api.subscribe['units.status']((reports) => run(() => store.applyUnitStatus(reports))),
    api.subscribe['units.upserted']((units) => run(() => store.upsertUnits(units))),
    api.subscribe['cameras.status']((reports) => run(() => store.applyCameraStatus(reports))),
    api.subscribe['feed.status']((feed) => run(() => store.setFeed(feed))),
    api.subscribe['settings.changed']((settings) => run(() => store.setSettings(settings))),
  ];
  store.loadSnapshot(await api.requests['session.snapshot']());
  loaded = true;
  for (const apply of early) apply();
  return () => unsubscribers.forEach((u) => u());
}
