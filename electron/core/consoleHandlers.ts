/**
 * The console's own requests, which belong to no single feature: the session snapshot the
 * renderer starts from, the city pack, the alert list and an alert's nearby cameras and units.
 */
import type { CityPack } from '../../shared/citypack/schema';
import { packProvenanceReport } from '../../shared/citypack/packHealth';
import { toConsolePackWire, type ConsolePackWire } from '../../shared/citypack/consolePackWire';
import type { FeedStatus, HostInfo, RequestHandlers } from '../../shared/contract/api';
import type { ConsoleRepository } from './db/consoleRepository';
import type { RoutingService } from './routing';
import type { createVideoRuntime } from './video/videoRuntime';
import type { SettingsStore } from './settingsStore';

type ConsoleHandlers = Pick<
  RequestHandlers,
  | 'session.snapshot'
  | 'city.pack'
  | 'city.roads'
  | 'city.provenance'
  | 'alerts.list'
  | 'alerts.nearby'
  | 'quarantine.list'
>;

export function createConsoleHandlers(deps: {
  pack: CityPack;
  repository: ConsoleRepository;
  feedStatus: () => FeedStatus;
  settings: SettingsStore;
  hostInfo: HostInfo;
  video: Pick<ReturnType<typeof createVideoRuntime>, 'nearbyCameras'>;
  routing: Pick<RoutingService, 'rankNearby'>;
}): ConsoleHandlers {
  const { pack, repository, video, routing } = deps;
  const { roads, ...withoutRoads } = pack;
  // Built at the first request and kept: the pack does not change while the host runs.
  let wire: ConsolePackWire | null = null;
  return {
    'session.snapshot': async () => ({
      alerts: repository.alerts.list({ includeClosed: false }),
      units: repository.units.list(),
      cameraStatus: repository.reference.cameraOnline(),
      feed: deps.feedStatus(),
      settings: deps.settings.get(),
      host: deps.hostInfo,
    }),
    'city.pack': async () => (wire ??= toConsolePackWire(withoutRoads)),
    'city.roads': async () => roads,
    'city.provenance': async () => packProvenanceReport(pack),
    'alerts.list': async ({ includeClosed }) => repository.alerts.list({ includeClosed }),
    'alerts.nearby': async ({ alertId, cameraLimit, unitLimit }) => {
      const alert = repository.alerts.get(alertId);
      if (!alert) throw new Error(`Unknown alert ${alertId}`);
      return {
        alertId,
        cameras: video.nearbyCameras(alert.position, cameraLimit),
        ...routing.rankNearby(alert, repository.units.list(), unitLimit),
        method: 'road' as const,
      };
    },
    'quarantine.list': async ({ limit }) => repository.meta.listQuarantine(limit),
  };
}
