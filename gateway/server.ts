import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { GATEWAY_PROTOCOL_VERSION, type GatewayHello } from '../shared/protocol/feed';
import { loadCityPack } from '../node/citypack/loadCityPack';
import { createAdminHandler, type ClockBody } from './adminHttp';
import { DispatchSimulator } from './simulation/dispatchSimulator';
import type { LogBatch, WireEnvelope } from './feed/feedLog';
import { FileLogStore } from './feed/logStore';
import { PgLogStore } from './pg/pgLogStore';
import { sharedCommands } from './feed/sharedFeed';
import { FeedFanout } from './feed/feedFanout';
import { buildRoadGraph } from './simulation/roadGraph';
import { openGatewayClock, ScenarioDriver } from './scenario/scenarioDriver';
import { loadScenario } from '../node/loadScenario';
import { ScenarioPlayer, scenarioCycleSeconds } from './scenario/scenarioPlayer';
import { UnitSimulator } from './simulation/unitSimulator';
import { StreamService } from './streams/streamService';
import type { GatewayOptions, RunningGateway } from './gatewayTypes';
import { attachConsoleSockets } from './feed/consoleSockets';
import { GatewayAppends } from './feed/gatewayAppends';
import { RefusedIntake } from './feed/refusedIntake';
import { createWebServer, listenSecurity, schemeOf } from '../node/listenPolicy';
import { streamUrlKey } from '../node/streamUrl';
import { SeatArbiter } from './feed/seatArbiter';
import { SeatPresence } from './feed/seatPresence';
import { DEFAULT_LIVENESS_MS, GatewayLiveness, watchPresence } from './pg/gatewayLiveness';
import { DEFAULT_GATEWAY_PORT, DEMO_GATEWAY_TOKEN } from '../shared/protocol/gatewayDefaults';

export const DEFAULT_PORT = DEFAULT_GATEWAY_PORT;
export const DEFAULT_TOKEN = DEMO_GATEWAY_TOKEN;
export const DEFAULT_SPEED = 5;

/**
 * Starts the alert gateway: replays a drill scenario in scenario time, simulates patrol units,
 * serves the feed over socket.io with seq-based resume, and takes console commands.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const speed = options.speed ?? DEFAULT_SPEED;
  if (!(Number.isFinite(speed) && speed > 0))
    throw new Error(`speed must be a positive number, got ${speed}`);
  const token = options.token ?? DEFAULT_TOKEN;
  const host = options.host ?? '127.0.0.1';
  // Before the pack loads or anything binds: a refused address fails at once, saying what to do.
  const tls = listenSecurity({
    host,
    allowRemote: options.allowRemote,
    tlsCertFile: options.tlsCertFile,
    tlsKeyFile: options.tlsKeyFile,
  });
  const now = options.now ?? Date.now;
  const stateDir = options.stateDir ?? null;

  const pack = await loadCityPack(options.pack);
  const scenario = await loadScenario(options.scenario, pack);
  const roadGraph = buildRoadGraph(pack.roads.features);
  const simulator = new UnitSimulator(roadGraph, pack.units, pack.manifest.id);
  // Dispatched units drive to the scene; their motion is rebuilt from the commands in the log.
  const dispatch = new DispatchSimulator(roadGraph, simulator, pack.manifest.id, {
    loop: options.loop ?? false,
    cycleSeconds: scenarioCycleSeconds(scenario),
  });
  const player = new ScenarioPlayer(scenario, dispatch, options.loop ?? false);
  // A shared log: PostgreSQL, several gateways; the seq space and the clock are the database's.
  const shared = options.database ? await PgLogStore.open(options.database) : null;
  const opened = await openGatewayClock(shared, stateDir, { scenarioId: scenario.id, speed, now });
  const log = shared ?? FileLogStore.open(stateDir, options.fsync ?? true);
  const fileLog = log instanceof FileLogStore ? log.log : null;
  const gatewayId = log.logId ?? opened.gatewayId;
  const refused = new RefusedIntake(stateDir);
  dispatch.observe(log.since(0));
  for (const record of log.commandRecords())
    if (record.command && record.at !== undefined) dispatch.apply({ ...record.command, at: record.at });
  const unitIds = new Set(pack.units.map((u) => u.id));
  // Protocol 2: owners of alerts and commitments of units, rebuilt from the log like unit motion.
  const arbiter = new SeatArbiter();
  arbiter.observe(log.since(0));
  // Each gateway on a database publishes its own list of seats, tagged with this process's id.
  const presence = new SeatPresence(() => new Date(now()).toISOString(), shared ? randomUUID() : undefined);
  presence.observe(log.since(0));
  // Camera online state (pack, then every camera.status in the log) decides who may stream.
  const streams = new StreamService({
    ...options.streams,
    cameras: pack.cameras,
    urlKey: streamUrlKey(token),
  });
  const cameraById = new Map(pack.cameras.map((c) => [c.id, c]));
  streams.observe(log.since(0));

  const fanout = new FeedFanout(
    (entries) => {
      dispatch.observe(entries);
      streams.observe(entries);
      presence.observe(entries);
      // A shared log: seat commands are staged here and appended there, so the arbiter learns of
      // them (and of other gateways' seats) from the log's batches; a file log's handler observes itself.
      if (shared) arbiter.observe(entries);
    },
    () => log.durableSeq,
  );
  // Group commit: each sync of the file log lets out what it made durable.
  fileLog?.onDurable(() => fanout.flush());
  const clients = fanout.clients;
  const publish = (entries: WireEnvelope[]) => fanout.publish(entries);
  const appends = new GatewayAppends({ fileLog, shared, publish, refused, now });
  const { appendNow, inject, append } = appends;
  const driver = new ScenarioDriver({
    scenario,
    player,
    clock: opened.clock,
    reloadClock: opened.reload,
    fileLog,
    shared,
    publish,
    headSeq: () => log.headSeq,
    frontier: log.frontier,
    now,
  });

  // A shared log: every batch, from this gateway or another, goes out from here (in seq order);
  // the scenario is played by one gateway at a time (the leader), the others follow its frontier.
  shared?.onBatch((batch: LogBatch) => {
    publish(batch.entries);
    for (const record of batch.commands ?? [])
      if (record.command && record.at !== undefined) dispatch.apply({ ...record.command, at: record.at });
    driver.followFrontier(batch.frontier);
  });

  const clockState = () => driver.clockState();
  const controlClock = (body: ClockBody) => driver.controlClock(body);
  const httpServer = createWebServer(
    tls,
    createAdminHandler({
      token,
      inject: append,
      state: () => ({
        gatewayId,
        scenario: scenario.id,
        headSeq: log.headSeq,
        scenarioTime: driver.clock.scenarioTime(),
        cycle: player.cycleAt(driver.clock.scenarioTime()),
        loop: player.loop,
        speed: driver.clock.speed,
        clients: clients.size,
        consoles: [...clients.values()].map((c) => ({ consoleId: c.consoleId, sentUpTo: c.sentUpTo })),
        seats: presence.seats(),
        // Seats on the whole queue: with a database, other gateways' seats too (their latest lists).
        allSeats: presence.allSeats(),
        retainedMessages: log.retainedCount,
        refusedIntake: refused.count,
        ...(shared ? { scenarioLeader: shared.isLeader } : {}),
        units: dispatch.unitStates(driver.scenarioTime()),
      }),
      health: () => ({
        ok: driver.lastError === null,
        gatewayId,
        headSeq: log.headSeq,
        error: driver.lastError,
      }),
      streams: (req, res, pathname, search) => streams.handle(req, res, pathname, search),
      clock: { state: clockState, control: controlClock },
      refused: () => ({ count: refused.count, file: refused.file, recent: refused.recent() }),
    }),
  );
  const io = new Server(httpServer, { serveClient: false });
  // Broadcasts (io.emit, rooms) reach the consoles of every gateway on the database. The feed
  // itself goes out from each gateway's reading of the shared log, which keeps it in seq order.
  // Loaded only for a shared database, as pg is (pgLogStore.ts).
  if (shared) io.adapter((await import('@socket.io/postgres-adapter')).createAdapter(shared.pool));
  const commandContext = {
    unitIds,
    now,
    dispatch,
    scenarioTime: () => driver.scenarioTime(),
    cameras: cameraById,
    cameraOnline: (id: string) => streams.isOnline(id),
    refused,
  };
  attachConsoleSockets(io, {
    token,
    log,
    clients,
    hello: (): GatewayHello => ({
      protocol: GATEWAY_PROTOCOL_VERSION,
      gatewayId,
      scenario: scenario.id,
      speed: driver.clock.speed,
      headSeq: log.headSeq,
      serverTime: new Date(now()).toISOString(),
      scenarioTime: driver.clock.scenarioTime(),
    }),
    arbiter,
    presence,
    commandContext: fileLog ? () => ({ ...commandContext, log: fileLog, publish }) : null,
    sharedCommand: shared ? sharedCommands(shared, commandContext) : null,
    appendNow,
    now,
  });

  // Seats listed on duty before a restart are not connected now: they announce themselves again.
  // A file log has one gateway, this one: every list in it is from before. A database: only the
  // lists of gateways no longer alive are emptied (by whichever gateway notices first).
  const presenceWatch =
    shared && presence.gateway
      ? watchPresence({
          liveness: new GatewayLiveness(
            shared.pool,
            presence.gateway,
            options.livenessMs ?? DEFAULT_LIVENESS_MS,
          ),
          presence,
          append: (request) => shared.append(request),
          now,
        })
      : null;
  if (presenceWatch)
    // Not fatal: the next check (a third of the window later) tries again.
    await presenceWatch
      .check()
      .catch((err: unknown) =>
        console.error(
          `gateway: checking which gateways are alive: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
  else if (presence.listing().length > 0)
    appendNow({
      messages: presence.listing().map((g) => presence.emptied(g)),
      sentAt: new Date(now()).toISOString(),
    });

  // Catch up at once: after a restart, whatever fell due while the gateway was down goes out
  // (with new seqs) before the first console can connect. A shared log: first see who leads.
  await driver.lead();
  driver.advance();
  const timer = setInterval(() => driver.advance(), options.tickMs ?? 50);

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port ?? DEFAULT_PORT, host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    clearInterval(timer);
    await driver.settled();
    await presenceWatch?.stop().catch(() => {});
    await log.close();
    await streams.close();
    throw err;
  }
  const port = (httpServer.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    url: `${schemeOf(tls)}://${urlHost}:${port}`,
    port,
    gatewayId,
    headSeq: () => log.headSeq,
    scenarioTime: () => driver.clock.scenarioTime(),
    inject,
    append,
    broadcast: (event, payload) => void io.emit(event, payload),
    clockState,
    controlClock,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(timer);
        fanout.flush();
        io.close(() => {
          void driver
            .settled()
            .then(() => appends.settled())
            // Its seats leave every other gateway's status bar now, not when the window runs out.
            .then(() => presenceWatch?.stop())
            .catch((err: unknown) =>
              console.error(
                `gateway: cannot empty its seat list: ${err instanceof Error ? err.message : String(err)}`,
              ),
            )
            .then(() => log.close())
            .then(() => streams.close())
            .then(resolve, resolve);
        });
        // Keep-alive HTTP connections (admin requests) would otherwise hold close() open.
        httpServer.closeAllConnections();
      });
      return closing;
    },
  };
}
