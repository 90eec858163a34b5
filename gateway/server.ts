import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import {
  GATEWAY_PROTOCOL_VERSION,
  GatewayAuthSchema,
  GatewayEvents,
  type GatewayAuth,
  type GatewayHello,
} from '../shared/protocol/feed';
import { loadCityPack } from '../node/citypack/loadCityPack';
import { tokenMatches } from './auth';
import { ClockRefused, createAdminHandler, type ClockBody } from './adminHttp';
import { DispatchSimulator } from './simulation/dispatchSimulator';
import { handleCommand } from './feed/commandHandler';
import type { AppendRequest, LogBatch, WireEnvelope } from './feed/feedLog';
import { FileLogStore } from './feed/logStore';
import { PgLogStore } from './pg/pgLogStore';
import { createAdapter } from '@socket.io/postgres-adapter';
import { scenarioLeadership, sharedCommands } from './feed/sharedFeed';
import { FeedFanout } from './feed/feedFanout';
import { buildRoadGraph } from './simulation/roadGraph';
import { openScenarioClock, ScenarioClock, type ClockAnchor } from './scenario/scenarioClock';
import { loadScenario } from '../node/loadScenario';
import { ScenarioPlayer, scenarioCycleSeconds } from './scenario/scenarioPlayer';
import { UnitSimulator } from './simulation/unitSimulator';
import { StreamService, type StreamServiceOptions } from './streams/streamService';
import { IntakeRefused, intakeRefusal } from '../shared/protocol/envelopeIntake';
import { feedFrames } from './feed/feedFrames';
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

export interface GatewayOptions {
  /** Path of the scenario JSON (shared/protocol/scenario.ts). */
  scenario: string;
  /** City pack directory (pack.json and the files it names). */
  pack: string;
  /** Scenario seconds per real second. Default 5. */
  speed?: number;
  /** Default 7410; 0 picks a free port (tests). */
  port?: number;
  /**
   * Default 127.0.0.1: a drill gateway has no business listening on other interfaces. Any
   * other address is refused unless `allowRemote` and both TLS files are given; it then serves
   * HTTPS (node/listenPolicy.ts), so the token never crosses the network in clear.
   */
  host?: string;
  allowRemote?: boolean;
  tlsCertFile?: string | null;
  tlsKeyFile?: string | null;
  /** Shared secret for socket auth and the admin endpoints. Default "demo-token". */
  token?: string;
  /** Directory for the durable log and clock; without it the gateway forgets everything on exit. */
  stateDir?: string | null;
  /**
   * postgres://… : keep the feed log in this PostgreSQL database instead of the state dir's file,
   * shared with every other gateway given the same database (one seq space, one fan-out through
   * @socket.io/postgres-adapter; docs/deployment.md). Without it: the file log.
   */
  database?: string | null;
  /**
   * With a database: how long this gateway counts as alive after its last renewal; once past it,
   * the other gateways empty its seat presence list. Default 15000 ms (gateway/pg/gatewayLiveness.ts).
   */
  livenessMs?: number;
  /** Restart the scenario when it ends (seqs continue, alert ids get a -r<n> suffix). */
  loop?: boolean;
  /** How often the scenario clock is checked, real ms. Default 50. */
  tickMs?: number;
  /** fdatasync every log append. Default true; tests on slow disks may turn it off. */
  fsync?: boolean;
  /** Wall clock, injectable for tests. Default Date.now. */
  now?: () => number;
  /** Live HLS test streams for cameras with streams (ffmpeg); options other than the cameras. */
  streams?: Omit<StreamServiceOptions, 'cameras' | 'urlKey'>;
}

export interface RunningGateway {
  /** http://host:port — what a console passes to socket.io-client. */
  url: string;
  port: number;
  gatewayId: string;
  headSeq(): number;
  /** Seconds since scenario start (keeps counting across loop cycles). */
  scenarioTime(): number;
  /**
   * Same as POST /admin/inject: appends one raw envelope and returns its seq. Any type goes (to
   * exercise the console's quarantine), but an envelope over the feed's byte limit or with text
   * a console would alter throws IntakeRefused, and the refusal is kept (GET /admin/refused).
   * With a database the append cannot be synchronous: this throws; use `append`.
   */
  inject(type: string, payload: unknown): number;
  /** `inject` for either log: resolves with the seq once the envelope is durable. */
  append(type: string, payload: unknown): Promise<number>;
  /**
   * Emits a socket.io event to every console: with a database, through @socket.io/postgres-adapter
   * to the consoles of every gateway on it. For notices outside the feed (not ordered with it).
   */
  broadcast(event: string, payload: unknown): void;
  /** The scenario clock, as GET /admin/clock answers it. */
  clockState(): Record<string, unknown>;
  /** Same as POST /admin/clock with a validated body; throws ClockRefused (e.g. a backward seek). */
  controlClock(change: ClockBody): Record<string, unknown>;
  /** Stops the clock, disconnects consoles, closes the server and the log. */
  close(): Promise<void>;
}

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
  const opened = openScenarioClock(shared ? null : stateDir, { scenarioId: scenario.id, speed, now });
  const sharedClock = async (anchor: Promise<ClockAnchor>) =>
    new ScenarioClock(
      await anchor,
      now,
      (a) =>
        void shared!
          .saveClock(a)
          .catch((err: unknown) => console.error(`gateway: cannot store the clock: ${String(err)}`)),
    );
  let clock = opened.clock;
  if (shared) {
    try {
      clock = await sharedClock(
        shared.openClock(scenario.id, { anchorWallMs: now(), anchorScenarioSec: 0, speed }),
      );
    } catch (err) {
      await shared.close();
      throw err;
    }
  }
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

  const fanout = new FeedFanout((entries) => {
    dispatch.observe(entries);
    streams.observe(entries);
    presence.observe(entries);
    // A shared log: seat commands are staged here and appended there, so the arbiter learns of
    // them (and of other gateways' seats) from the log's batches; a file log's handler observes itself.
    if (shared) arbiter.observe(entries);
  });
  const clients = fanout.clients;
  const publish = (entries: WireEnvelope[]) => fanout.publish(entries);
  /** Appends gateway-made lines (presence): at once to a file log, through the batches of a shared one. */
  const pendingAppends = new Set<Promise<unknown>>();
  const appendNow = (request: AppendRequest): void => {
    if (fileLog) return publish(fileLog.append(request));
    const pending = shared!
      .append(request)
      .catch((err: unknown) =>
        console.error(
          `gateway: cannot append to the shared log: ${err instanceof Error ? err.message : String(err)}`,
        ),
      )
      .finally(() => pendingAppends.delete(pending));
    pendingAppends.add(pending);
  };
  // The persisted frontier may lag this one: empty windows are not written, and replaying an
  // empty window after a restart yields nothing, so that is safe.
  let frontier = log.frontier ?? -1;
  let lastAdvanceError: string | null = null;

  // A shared log: every batch, from this gateway or another, goes out from here (in seq order);
  // the scenario is played by one gateway at a time (the leader), the others follow its frontier.
  shared?.onBatch((batch: LogBatch) => {
    publish(batch.entries);
    for (const record of batch.commands ?? [])
      if (record.command && record.at !== undefined) dispatch.apply({ ...record.command, at: record.at });
    if (batch.frontier !== undefined) frontier = Math.max(frontier, batch.frontier);
  });
  let appending: Promise<unknown> | null = null;
  const leads = shared
    ? scenarioLeadership(shared, now, async () => void (clock = await sharedClock(shared.loadClock())))
    : null;
  const advanceShared = async (store: PgLogStore) => {
    if (!(await leads!())) return;
    const to = clock.scenarioTime();
    if (to <= frontier) return;
    const due = player.due(frontier, to, (s) => new Date(clock.wallTimeAt(s)).toISOString());
    if (due.length > 0)
      await store.append({ messages: due, frontier: to, sentAt: new Date(now()).toISOString() });
    frontier = Math.max(frontier, to);
  };

  // Most likely the state dir is unwritable or the database unreachable. Nothing was applied, so
  // the next tick retries the same window; report once rather than every 50 ms.
  const advanceFailed = (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (message !== lastAdvanceError) console.error(`gateway: cannot advance the scenario: ${message}`);
    lastAdvanceError = message;
  };
  const advance = () => {
    if (shared) {
      appending ??= advanceShared(shared)
        .then(() => (lastAdvanceError = null), advanceFailed)
        .finally(() => (appending = null));
      return;
    }
    const to = clock.scenarioTime();
    if (to <= frontier) return;
    try {
      const due = player.due(frontier, to, (s) => new Date(clock.wallTimeAt(s)).toISOString());
      if (due.length > 0)
        publish(fileLog!.append({ messages: due, frontier: to, sentAt: new Date(now()).toISOString() }));
      frontier = to;
      lastAdvanceError = null;
    } catch (err) {
      advanceFailed(err);
    }
  };

  const intake = (type: string, payload: unknown) => {
    const refusal = intakeRefusal({ type, payload });
    if (refusal) {
      refused.record('inject', { type, payload }, refusal, new Date(now()).toISOString());
      throw new IntakeRefused(refusal);
    }
    return { messages: [{ type, payload }], sentAt: new Date(now()).toISOString() };
  };
  const inject = (type: string, payload: unknown): number => {
    if (!fileLog)
      throw new Error('inject appends synchronously, which a gateway with a database cannot: use append');
    const entries = fileLog.append(intake(type, payload));
    publish(entries);
    return entries[0]!.seq;
  };
  const append = async (type: string, payload: unknown): Promise<number> => {
    if (!shared) return inject(type, payload);
    return (await shared.append(intake(type, payload))).entries[0]!.seq;
  };

  const hello = (): GatewayHello => ({
    protocol: GATEWAY_PROTOCOL_VERSION,
    gatewayId,
    scenario: scenario.id,
    speed: clock.speed,
    headSeq: log.headSeq,
    serverTime: new Date(now()).toISOString(),
    scenarioTime: clock.scenarioTime(),
  });

  // Replay controls (drills, docs/drills.md). Seeking forward emits everything it skips at
  // once, with new seqs, as if it had happened. Seeking backwards is refused: a console resumes
  // from its last stored seq and dedupes alerts by id, so re-emitting past events would either
  // be dropped as known alerts or duplicate steps already taken; a rerun is a fresh state dir.
  function clockState() {
    return {
      scenario: scenario.id,
      scenarioTime: clock.scenarioTime(),
      speed: clock.speed,
      paused: clock.paused,
      durationSec: scenario.durationSec,
      headSeq: log.headSeq,
    };
  }
  function controlClock(body: ClockBody) {
    if (shared && !shared.isLeader)
      throw new ClockRefused(
        'this gateway does not play the scenario: control the clock on the one whose GET /admin/state says scenarioLeader: true',
      );
    if (body.action === 'seek' && body.toSeconds! < Math.max(frontier, clock.scenarioTime())) {
      throw new ClockRefused(
        `cannot seek backwards (now ${Math.max(frontier, clock.scenarioTime()).toFixed(1)} s, asked ${body.toSeconds} s): the console resumes from its last stored seq, so a rewound scenario cannot be replayed to it; start a new drill with a fresh state dir`,
      );
    }
    clock.control({
      ...(body.speed !== undefined ? { speed: body.speed } : {}),
      ...(body.action === 'pause' ? { paused: true } : body.action === 'resume' ? { paused: false } : {}),
      ...(body.action === 'seek' ? { seekTo: body.toSeconds } : {}),
    });
    advance();
    return clockState();
  }

  const httpServer = createWebServer(
    tls,
    createAdminHandler({
      token,
      inject: (type, payload) => (shared ? append(type, payload) : inject(type, payload)),
      state: () => ({
        gatewayId,
        scenario: scenario.id,
        headSeq: log.headSeq,
        scenarioTime: clock.scenarioTime(),
        cycle: player.cycleAt(clock.scenarioTime()),
        loop: player.loop,
        speed: clock.speed,
        clients: clients.size,
        consoles: [...clients.values()].map((c) => ({ consoleId: c.consoleId, sentUpTo: c.sentUpTo })),
        seats: presence.seats(),
        retainedMessages: log.retainedCount,
        refusedIntake: refused.count,
        ...(shared ? { scenarioLeader: shared.isLeader } : {}),
        units: dispatch.unitStates(Math.max(frontier, clock.scenarioTime())),
      }),
      health: () => ({
        ok: lastAdvanceError === null,
        gatewayId,
        headSeq: log.headSeq,
        error: lastAdvanceError,
      }),
      streams: (req, res, pathname, search) => streams.handle(req, res, pathname, search),
      clock: { state: clockState, control: controlClock },
      refused: () => ({ count: refused.count, file: refused.file, recent: refused.recent() }),
    }),
  );
  const io = new Server(httpServer, { serveClient: false });
  // Broadcasts (io.emit, rooms) reach the consoles of every gateway on the database. The feed
  // itself goes out from each gateway's reading of the shared log, which keeps it in seq order.
  if (shared) io.adapter(createAdapter(shared.pool));
  const sharedCommand = shared
    ? sharedCommands(shared, {
        unitIds,
        now,
        dispatch,
        scenarioTime: () => Math.max(frontier, clock.scenarioTime()),
        cameras: cameraById,
        cameraOnline: (id) => streams.isOnline(id),
        refused,
      })
    : null;

  io.use((socket, next) => {
    const raw = socket.handshake.auth as Partial<GatewayAuth> | undefined;
    if (!tokenMatches(raw?.token, token)) return next(new Error('unauthorized'));
    const auth = GatewayAuthSchema.safeParse(raw);
    if (!auth.success)
      return next(
        new Error(
          `invalid auth: ${auth.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        ),
      );
    socket.data.auth = auth.data;
    next();
  });

  io.on('connection', (socket) => {
    const auth = socket.data.auth as GatewayAuth;
    // Order matters: hello, then the backlog, then live. All synchronous, so nothing appended
    // in between can be missed or doubled (sentUpTo covers what the backlog already held).
    socket.emit(GatewayEvents.hello, hello());
    const backlog = log.since(auth.since);
    // Frames bounded in count and bytes: one huge frame would exceed the console's socket limit.
    for (const frame of feedFrames(backlog)) socket.emit(GatewayEvents.feed, frame);
    // Live starts after the head, not after `since`: a console whose since is ahead of this
    // gateway (another seq space) still gets new messages and can notice from hello.headSeq.
    clients.set(socket.id, { socket, consoleId: auth.consoleId, sentUpTo: log.headSeq });

    socket.on(GatewayEvents.command, (command: unknown, ack?: unknown) => {
      const seat = {
        arbiter,
        consoleId: auth.consoleId,
        presence: (change: Parameters<SeatPresence['update']>[2]) =>
          presence.update(socket.id, auth.consoleId, change),
      };
      if (sharedCommand) {
        void sharedCommand(command, seat).then((result) => typeof ack === 'function' && ack(result));
        return;
      }
      const result = handleCommand(command, {
        log: fileLog!,
        unitIds,
        publish,
        now,
        dispatch,
        scenarioTime: () => Math.max(frontier, clock.scenarioTime()),
        cameras: cameraById,
        cameraOnline: (id) => streams.isOnline(id),
        refused,
        ...seat,
      });
      if (typeof ack === 'function') ack(result);
    });
    socket.on('disconnect', () => {
      clients.delete(socket.id);
      // A seat that goes away is no longer on duty: every seat's status bar says so.
      const left = presence.leave(socket.id);
      if (left.length === 0) return;
      try {
        appendNow({ messages: left, sentAt: new Date(now()).toISOString() });
      } catch (err) {
        console.error(
          `gateway: cannot record a seat leaving: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    });
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
  await leads?.();
  advance();
  const timer = setInterval(advance, options.tickMs ?? 50);

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
    await appending;
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
    scenarioTime: () => clock.scenarioTime(),
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
          void Promise.resolve(appending)
            .then(() => Promise.allSettled(pendingAppends))
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
