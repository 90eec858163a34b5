import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FeedStatus, HostInfo, RequestHandlers } from '../../shared/contract/api';
import type { ConsoleRuntime, ConsoleRuntimeOptions } from './consoleRuntimeTypes';
import type { ConsoleCommand } from '../../shared/protocol/feed';
import { loadCityPack } from '../../node/citypack/loadCityPack';
import { openDatabase } from './db/database';
import { ConsoleRepository } from './db/consoleRepository';
import { GatewayFeed } from './feed/gatewayFeed';
import { feedFanOut } from './feed/feedFanOut';
import { createVideoRuntime } from './video/videoRuntime';
import { routingHandlers, startRoutingService } from './routing';
import { createEvidenceService } from './video/evidenceService';
import { createWallDisplayHandlers } from './video/wallDisplays';
import { SettingsStore } from './settingsStore';
import { createConsoleHandlers } from './consoleHandlers';
import { settingsUpdateHandler } from './settingsHandler';
import { startDispatchRuntime } from './dispatch/dispatchRuntime';
import { assertDataDirMode, modeFor } from './drill/dataDirMode';
import { createDrillHandlers } from './drill/drillService';
import { loadDrillScenario } from './drill/drillScenario';
import {
  cordonPackOf,
  createCordonService,
  inProcessAnalyser,
  queueCordonWarmUp,
  startCordonWorker,
} from './cordon';
import { holdingFrom, IdleRunner, releasingAfter, withActivity } from './idleRunner';
import { dispatchEtaFacts } from './drill/dispatchEta';
import { scenarioElapsed } from './drill/drillElapsed';
import { DrillClockLog } from './drill/drillClockLog';
import { fileAuditKeyProvider } from './audit/auditKey';
import { seatControlledHandlers } from './seatControlledHandlers';
import { streamUrlKey } from '../../node/streamUrl';
import { createStatsHandlers, seedDemoHistoryIfFresh } from './stats';
import { createInsightHandlers } from './insight/index';

export type { ConsoleRuntime, ConsoleRuntimeOptions } from './consoleRuntimeTypes';

/**
 * Background work (the cordon worker's start and warm-up) waits while a renderer builds its map:
 * from its city pack request until it asks for the road network (which it does once the map is
 * drawn), then runs while no request has come for BACKGROUND_QUIET_MS; never more than
 * BACKGROUND_MAX_DEFER_MS after the host's start or the last pack request.
 */
const BACKGROUND_QUIET_MS = 750;
const BACKGROUND_MAX_DEFER_MS = 30_000;

/**
 * The console's Node side, host-independent: storage, the gateway feed and the request
 * handlers of the API contract. The Electron main process and the browser host both run
 * exactly this; only the transport differs.
 */
export async function startConsoleRuntime(options: ConsoleRuntimeOptions): Promise<ConsoleRuntime> {
  const { emit } = options;
  // Before anything touches the folder: a drill never runs on live data, nor live work on a drill's.
  const mode = modeFor(options.drill);
  assertDataDirMode(options.dataDir, mode);
  const pack = await loadCityPack(options.packDir);
  const drillScenario = await loadDrillScenario(options.drill, options.drillScenarioFile, pack);
  // Road graph (from the cache, or built from roads.geojson on first start) and tier config;
  // a bad tiers.json stops the start here with the file named.
  const routing = startRoutingService({
    packDir: options.packDir,
    dataDir: options.dataDir,
    pack,
    units: () => repository.units.list(),
    onCoverage: (snapshot) => emit('coverage.updated', snapshot),
  });
  const repository = new ConsoleRepository(openDatabase(options.dataDir));
  repository.seedFromPack(pack);
  if (options.demoHistory) {
    const seeded = seedDemoHistoryIfFresh(
      repository.db,
      { mode, synthetic: pack.manifest.synthetic, now: new Date() },
      {
        units: repository.units.list(),
        // The target each generated dispatch stores comes from the ranking's own tier function.
        tierFor: (unit, alert) => routing.tierFor(unit, alert, null).targetSeconds,
      },
    );
    if (seeded)
      console.log(
        `demo history: ${seeded.alerts} generated alerts ${seeded.from} … ${seeded.to} (marked demo-history)`,
      );
  }
  const settings = new SettingsStore(repository.meta);
  const consoleId = repository.meta.get('console.id') ?? randomUUID();
  repository.meta.set('console.id', consoleId);
  const seatName = options.seatName ?? repository.meta.get('seat.name') ?? `seat-${consoleId.slice(0, 6)}`;
  repository.meta.set('seat.name', seatName);

  const feed = new GatewayFeed({
    url: options.gatewayUrl,
    token: options.gatewayToken,
    consoleId,
    repository,
    knownCameras: new Set(pack.cameras.map((c) => c.id)),
    expectScenario: options.drill?.scenarioId ?? null,
    onStatus: (status) => emit('feed.status', status),
    onCommitted: feedFanOut({
      emit,
      repository,
      dispatch: () => dispatch.service,
      routing,
      feedStatus: (): FeedStatus => feed.currentStatus(),
    }),
  });
  const dispatch = await startDispatchRuntime({
    db: repository.db,
    repository,
    feed,
    emit,
    demoOperators: options.demoOperators ?? false,
    auditKey: options.auditKey ?? fileAuditKeyProvider(options.dataDir),
    drill: Boolean(options.drill),
    mode,
    // The arrival verdict is judged by the same tier function as the ranking's badge.
    tierFor: routing.tierFor,
    consoleId,
    seatName,
    // The ETA the ranking shows is kept with each dispatch, to compare with the arrival (ETA calibration).
    predictEta: (unit, alert) => routing.rankNearby(alert, [unit], 1).units[0] ?? null,
    exportDir: path.join(options.dataDir, 'handovers'),
    // Drills judge the chosen unit against the best one the routing service ranked at that moment.
    ...(options.drill
      ? {
          dispatchContext: (alert, unitIds) =>
            dispatchEtaFacts(
              (a, u, l) => routing.rankNearby(a, u, l),
              repository.units.list(),
              alert,
              unitIds,
            ),
        }
      : {}),
  });
  // The feed starts once the dispatch runtime that consumes its batches exists.
  feed.start();

  const hostInfo: HostInfo = {
    host: options.host,
    version: options.version,
    dataDir: options.dataDir,
    gatewayUrl: options.gatewayUrl,
    packId: pack.manifest.id,
    drill: options.drill ?? null,
  };

  // Video linkage: ranked cameras with playable (absolute) stream URLs, PTZ aim, shared selection.
  const video = createVideoRuntime({
    cameras: pack.cameras,
    gatewayUrl: options.gatewayUrl,
    mediaServers: options.mediaServers ?? [],
    cameraOnline: () => repository.reference.cameraOnline(),
    // The gateway serves only signed, short-lived stream URLs; the console signs with the token-derived key.
    streamUrlKey: streamUrlKey(options.gatewayToken),
    sendCommand: (event, command, timeoutMs) =>
      feed.command(event, dispatch.anchorCommand(command as ConsoleCommand), timeoutMs),
    audit: (payload) =>
      dispatch.auditSeatAction(dispatch.operatorName(), 'camera.ptz', `camera:${payload.cameraId}`, payload),
    emit,
  });

  // Snapshots and marked moments of the wall's cameras in the alert's record (files in the data folder).
  const cameraIds = new Set(pack.cameras.map((c) => c.id));
  const evidence = createEvidenceService({
    db: repository.db,
    dataDir: options.dataDir,
    alertExists: (id) => Boolean(repository.alerts.get(id)),
    cameraExists: (id) => cameraIds.has(id),
    operatorName: dispatch.operatorName,
    audit: dispatch.auditSeatAction,
    emit,
  });

  // Three-ring cordon (docs/cordon.md): analysed on its worker thread, whose Router shares the
  // routing service's graph (shared memory) and follows its calibration; steps go through dispatch.
  const cordonPack = cordonPackOf(pack);
  const cordonAnalyser =
    options.cordonWorker === false
      ? inProcessAnalyser(routing.router, cordonPack)
      : startCordonWorker({
          router: routing.router,
          pack: cordonPack,
          speedFactors: () => routing.speedFactors(),
        });
  const cordon = createCordonService({
    pack,
    router: routing.router,
    analyser: cordonAnalyser,
    alert: (id) => repository.alerts.get(id),
    units: () => repository.units.list(),
    supportStep: (alertId, step) => dispatch.service.supportStep(alertId, step),
    audit: dispatch.audit,
    emit,
    ...(drillScenario
      ? { elapsedSeconds: scenarioElapsed(drillScenario, () => new DrillClockLog(repository.meta).samples()) }
      : {}),
  });
  // The cordon's pack-only caches, built once now instead of on the officer's first cordon, but
  // only once a renderer's map is drawn and no request is being answered (idleRunner.ts): the
  // first warm-up step also starts the worker thread (its Router: 0.3-1 s of CPU), and the steps
  // take seconds each on the large city; on two cores they had lengthened the map's first
  // drawing. The rings first, then the police tables one unit type per step
  // (cordon/staticEtas.ts); in the worker, off the host's event loop. An officer's cordon before
  // that starts the worker itself and is analysed there (cold: the caches are built then).
  const background = new IdleRunner(BACKGROUND_QUIET_MS, BACKGROUND_MAX_DEFER_MS);
  background.hold(); // until a renderer's map is drawn: it asks for its roads ('city.roads')
  queueCordonWarmUp(
    (task) => background.add(task),
    (types) => cordonAnalyser.warm(types),
    cordonPack.unitTypes,
    // Said once, for whoever watches the host start (and the alert-to-screen bench, which waits
    // for a settled console before it measures).
    (steps, ms) => console.log(`cordon caches warm: ${steps} steps in ${Math.round(ms)} ms`),
  );

  const drillHandlers = createDrillHandlers({
    drill: options.drill ?? null,
    db: repository.db,
    meta: repository.meta,
    scenario: drillScenario,
    dataDir: options.dataDir,
    gatewayUrl: options.gatewayUrl,
    gatewayToken: options.gatewayToken,
    auditHead: () => dispatch.audit.head(),
    ...(options.printPdf ? { printPdf: options.printPdf } : {}),
  });
  const statsHandlers = createStatsHandlers({
    db: repository.db,
    dataDir: options.dataDir,
    ...(options.printPdf ? { printPdf: options.printPdf } : {}),
  });
  // Heat map, risk grades, ETA calibration and repositioning advice (issue 15).
  const insightHandlers = createInsightHandlers({
    db: repository.db,
    meta: repository.meta,
    pack,
    configDirs: [options.packDir, options.dataDir],
    routing,
    seat: dispatch,
    units: () => repository.units.list(),
    commands: { outbox: dispatch.outbox, kick: () => dispatch.dispatcher.kick() },
  });
  const handlers: RequestHandlers = {
    ...createConsoleHandlers({
      pack,
      repository,
      feedStatus: () => feed.currentStatus(),
      settings,
      hostInfo,
      video,
      routing,
    }),
    ...routingHandlers(routing),
    ...dispatch.handlers,
    ...drillHandlers,
    ...video.handlers,
    ...cordon.handlers,
    ...insightHandlers,
    ...evidence.handlers,
    // The wall's display is remembered through settings.update (audited like any setting).
    ...createWallDisplayHandlers({
      ...(options.wallScreens ? { screens: options.wallScreens } : {}),
      settings: () => settings.get(),
      updateSettings: (patch) => handlers['settings.update'](patch),
    }),
    // Seat controls need a signed-in operator with the right role, and each use is audited.
    ...seatControlledHandlers(dispatch, {
      drill: drillHandlers,
      video: video.handlers,
      stats: statsHandlers,
      evidence: evidence.handlers,
    }),
    'settings.update': settingsUpdateHandler(settings, dispatch, emit),
  };
  handlers['city.pack'] = holdingFrom(handlers['city.pack'], background);
  handlers['city.roads'] = releasingAfter(handlers['city.roads'], background);

  return {
    handlers: withActivity(handlers, background),
    pack,
    repository,
    feed,
    routing,
    noteActivity: () => background.noteActivity(),
    close: async () => {
      background.stop();
      await cordonAnalyser.close();
      routing.close();
      await dispatch.close();
      feed.stop();
      repository.close();
    },
  };
}
