import { randomUUID } from 'node:crypto';
import type { CityPack } from '../../shared/citypack/schema';
import type { HostInfo, RequestHandlers } from '../../shared/contract/api';
import type { EventSink } from '../../shared/contract/bridge';
import { loadCityPack } from './citypack/loadCityPack';
import { openDatabase } from './db/database';
import { ConsoleRepository, type FeedBatchResult } from './db/consoleRepository';
import { GatewayFeed } from './feed/gatewayFeed';
import { CameraIndex, nearestAvailableUnits } from './nearby';
import { SettingsStore } from './settingsStore';
import { startDispatchRuntime } from './dispatch/dispatchRuntime';

export interface ConsoleRuntimeOptions {
  dataDir: string;
  packDir: string;
  gatewayUrl: string;
  gatewayToken: string;
  host: HostInfo['host'];
  version: string;
  emit: EventSink;
  /** Seed the documented demo operator accounts when none exist (demo and tests). */
  demoOperators?: boolean;
}

export interface ConsoleRuntime {
  handlers: RequestHandlers;
  pack: CityPack;
  repository: ConsoleRepository;
  feed: GatewayFeed;
  close(): Promise<void>;
}

/**
 * The console's Node side, host-independent: storage, the gateway feed and the request
 * handlers of the API contract. The Electron main process and the browser host both run
 * exactly this; only the transport differs.
 */
export async function startConsoleRuntime(options: ConsoleRuntimeOptions): Promise<ConsoleRuntime> {
  const pack = await loadCityPack(options.packDir);
  const repository = new ConsoleRepository(openDatabase(options.dataDir));
  repository.seedFromPack(pack);
  const settings = new SettingsStore(repository.meta);
  const cameraIndex = new CameraIndex(pack.cameras);
  const consoleId = repository.meta.get('console.id') ?? randomUUID();
  repository.meta.set('console.id', consoleId);

  const { emit } = options;
  const feed = new GatewayFeed({
    url: options.gatewayUrl,
    token: options.gatewayToken,
    consoleId,
    repository,
    knownCameras: new Set(pack.cameras.map((c) => c.id)),
    onStatus: (status) => emit('feed.status', status),
    onCommitted: (result) => {
      dispatchHook.onCommitted(result);
      if (result.newAlerts.length) emit('alerts.upserted', result.newAlerts);
      if (result.positions.length) emit('units.positions', result.positions);
      if (result.unitStatus.length) emit('units.status', result.unitStatus);
      if (result.cameraStatus.length) emit('cameras.status', result.cameraStatus);
    },
  });
  // The feed starts before the dispatch runtime exists; its hook is filled in right after.
  const dispatchHook = { onCommitted: (_r: FeedBatchResult) => {} };
  feed.start();
  const dispatch = await startDispatchRuntime({ db: repository.db, repository, feed, emit, demoOperators: options.demoOperators ?? false });
  dispatchHook.onCommitted = (result) => {
    try {
      dispatch.service.onUnitStatus(result.unitStatus);
      dispatch.service.onPositions(result.positions);
    } catch (err) {
      // A step the state machine refuses (e.g. a late status) must never stop the feed.
      emit('feed.status', { ...feed.currentStatus(), error: `dispatch: ${(err as Error).message}` });
    }
  };

  const hostInfo: HostInfo = {
    host: options.host,
    version: options.version,
    dataDir: options.dataDir,
    gatewayUrl: options.gatewayUrl,
    packId: pack.manifest.id,
  };

  const handlers: RequestHandlers = {
    'session.snapshot': async () => ({
      alerts: repository.alerts.list({ includeClosed: false }),
      units: repository.units.list(),
      cameraStatus: repository.reference.cameraOnline(),
      feed: feed.currentStatus(),
      settings: settings.get(),
      host: hostInfo,
    }),
    'city.pack': async () => pack,
    'alerts.list': async ({ includeClosed }) => repository.alerts.list({ includeClosed }),
    'alerts.nearby': async ({ alertId, cameraLimit, unitLimit }) => {
      const alert = repository.alerts.get(alertId);
      if (!alert) throw new Error(`Unknown alert ${alertId}`);
      const online = repository.reference.cameraOnline();
      return {
        alertId,
        cameras: cameraIndex
          .nearest(alert.position, cameraLimit)
          .map(({ camera, distanceM }) => ({ camera: { ...camera, online: online[camera.id] ?? camera.online }, distanceM })),
        units: nearestAvailableUnits(repository.units.list(), alert.position, unitLimit),
        method: 'straight_line' as const,
      };
    },
    'quarantine.list': async ({ limit }) => repository.meta.listQuarantine(limit),
    ...dispatch.handlers,
    'settings.update': async (patch) => {
      const next = settings.update(patch);
      emit('settings.changed', next);
      return next;
    },
  };

  return {
    handlers,
    pack,
    repository,
    feed,
    close: async () => {
      await dispatch.close();
      feed.stop();
      repository.close();
    },
  };
}
