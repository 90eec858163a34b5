import { io, type Socket } from 'socket.io-client';
import {
  FEED_FRAME_LIMIT_BYTES,
  GatewayEvents,
  GatewayHelloSchema,
  type GatewayHello,
} from '../../../shared/protocol/feed';
import type { FeedStatus } from '../../../shared/contract/api';
import type { ConsoleRepository, FeedBatchResult } from '../db/consoleRepository';
import { decodeFeedMessages, lagMs } from './feedDecoder';
import { LatencyTrace } from './latencyTrace';
import { LeadingThrottle } from '../../../shared/timing/leadingThrottle';

const GATEWAY_ID_KEY = 'feed.gatewayId';

export interface GatewayFeedOptions {
  url: string;
  token: string;
  consoleId: string;
  repository: ConsoleRepository;
  knownCameras: ReadonlySet<string>;
  /** Called after each committed flush with what changed. */
  onCommitted: (result: FeedBatchResult) => void;
  onStatus: (status: FeedStatus) => void;
  /** The least time between two flushes (one transaction each) while messages keep coming (a display frame or so). */
  flushIntervalMs?: number;
  /**
   * Drill mode: the scenario id the gateway's hello must name. Any other gateway (a live one,
   * another drill's) is refused before anything it sends is stored or any command reaches it.
   */
  expectScenario?: string | null;
}

/**
 * The disconnect reason as an operator can act on it. A frame over the socket's limit means a
 * gateway that does not bound its frames (an older one): the same frame comes again on every
 * reconnect, so say so rather than show a bare "transport error".
 */
function describeDisconnect(reason: string, details: unknown): string {
  const error = (details as { description?: { error?: { code?: unknown } } } | undefined)?.description?.error;
  if (error?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
    return `${reason}: the gateway sent a feed frame over this console's limit of ${FEED_FRAME_LIMIT_BYTES} bytes; the gateway must bound its frames (update it)`;
  }
  return reason;
}

/**
 * Owns the connection to the alert gateway: connect, reconnect, resume from the last stored
 * seq, validate, and write bursts in one transaction per flush. The resume point is stored in
 * the same transaction as the data, so a crash can never skip or double a message.
 */
export class GatewayFeed {
  private socket: Socket | null = null;
  private pending: unknown[] = [];
  /**
   * At most one flush per interval (each is one SQLite transaction and one push to every
   * renderer), the first after a quiet spell on the next turn: a lone alert does not wait out
   * the window (15 ms of its ~35 ms to the screen at 10 alerts/s), and messages read together
   * still share a flush.
   */
  private readonly flushes: LeadingThrottle;
  private statusTimer: NodeJS.Timeout | null = null;
  private status: FeedStatus;
  private hello: GatewayHello | null = null;
  private readonly connectionListeners = new Set<(connected: boolean) => void>();
  /** This connection's hello named the expected drill (always true outside drill mode once connected). */
  private verified = false;
  private refusal: string | null = null;
  /** The benchmark's stage times (DISPATCH_LATENCY_TRACE), null otherwise. */
  private readonly trace = LatencyTrace.fromEnv();

  constructor(private readonly options: GatewayFeedOptions) {
    this.flushes = new LeadingThrottle(() => this.flush(), options.flushIntervalMs ?? 16, {
      nextTurn: true,
      timers: globalThis,
    });
    this.status = {
      state: 'connecting',
      gatewayUrl: options.url,
      lastSeq: options.repository.lastSeq(),
      lagMs: null,
      lastMessageAt: null,
      messagesReceived: 0,
      quarantineCount: options.repository.meta.quarantineCount(),
      error: null,
    };
  }

  start(): void {
    const { url, token, consoleId, repository } = this.options;
    // auth is a function so every reconnect sends the resume point as it is then, not at start.
    this.socket = io(url, {
      auth: (cb) => cb({ token, since: repository.lastSeq(), consoleId }),
      reconnection: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 3000,
      transports: ['websocket'],
      // The frame limit the gateway packs for (shared/protocol/feed.ts); passed on to ws, not in socket.io's types.
      ...{ maxPayload: FEED_FRAME_LIMIT_BYTES },
    });
    this.socket.on('connect', () => {
      // In a drill the connection only counts once the hello has named the drill's scenario.
      if (this.options.expectScenario) return;
      this.verified = true;
      this.updateStatus({ state: 'connected', error: null });
      this.connectionListeners.forEach((l) => l(true));
    });
    this.socket.on('disconnect', (reason, details) => {
      const wasVerified = this.verified;
      this.verified = false;
      if (this.refusal) return;
      this.updateStatus({ state: 'disconnected', error: describeDisconnect(reason, details) });
      if (wasVerified) this.connectionListeners.forEach((l) => l(false));
    });
    this.socket.on('connect_error', (err) => this.updateStatus({ state: 'error', error: err.message }));
    this.socket.on(GatewayEvents.hello, (payload: unknown) => {
      const parsed = GatewayHelloSchema.safeParse(payload);
      this.hello = parsed.success ? parsed.data : null;
      if (this.options.expectScenario && !this.acceptDrillHello(this.hello, this.options.expectScenario))
        return;
      if (this.hello) this.checkGatewayIdentity(this.hello);
    });
    this.socket.on(GatewayEvents.feed, (batch: unknown) => {
      if (!this.verified) return; // a refused (or not yet identified) drill gateway: nothing is stored
      if (Array.isArray(batch)) this.pending.push(...batch);
      else this.pending.push(batch);
      this.trace?.noteReceived(Array.isArray(batch) ? batch : [batch], Date.now());
      this.flushes.request();
    });
    // Lag and connection state are pushed at most once a second, not once per message.
    this.statusTimer = setInterval(() => this.options.onStatus(this.status), 1000);
  }

  /** Drill mode: accepts the hello naming the drill's scenario, or refuses the gateway for good. */
  private acceptDrillHello(hello: GatewayHello | null, expected: string): boolean {
    if (hello?.scenario === expected) {
      this.verified = true;
      this.updateStatus({ state: 'connected', error: null });
      this.connectionListeners.forEach((l) => l(true));
      return true;
    }
    const named = hello
      ? hello.scenario === null
        ? 'a live gateway (no scenario)'
        : `scenario "${hello.scenario}"`
      : 'an invalid hello';
    this.refusal = `refused gateway ${this.options.url}: its hello names ${named}, not the drill "${expected}"; nothing was stored`;
    this.pending = [];
    this.socket?.disconnect(); // no reconnect: the same gateway would be refused again
    this.updateStatus({ state: 'error', error: this.refusal });
    return false;
  }

  /**
   * Sequence numbers only mean something per gateway. A different gateway (or one whose log
   * was reset) would make our resume point skip its messages, so start over from 0: alert ids
   * are idempotent, so nothing is doubled.
   */
  private checkGatewayIdentity(hello: GatewayHello): void {
    const { repository } = this.options;
    const known = repository.meta.get(GATEWAY_ID_KEY);
    const lastSeq = repository.lastSeq();
    if ((known !== null && known !== hello.gatewayId) || hello.headSeq < lastSeq) {
      this.pending = [];
      repository.resetResumePoint();
      repository.meta.set(GATEWAY_ID_KEY, hello.gatewayId);
      this.updateStatus({ lastSeq: 0, error: `new gateway ${hello.gatewayId}: resynchronising` });
      this.socket?.disconnect().connect();
      return;
    }
    if (known === null) repository.meta.set(GATEWAY_ID_KEY, hello.gatewayId);
  }

  get gatewayHello(): GatewayHello | null {
    return this.hello;
  }

  /** Told when the gateway connection comes and goes (the command outbox waits for it). */
  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    if (this.socket?.connected && this.verified) listener(true);
    return () => this.connectionListeners.delete(listener);
  }

  /** Sends a command and resolves with the gateway's acknowledgement. */
  async command(event: string, payload: unknown, timeoutMs = 5000): Promise<unknown> {
    if (this.refusal) throw new Error(this.refusal);
    if (!this.socket?.connected || !this.verified) throw new Error('gateway not connected');
    return this.socket.timeout(timeoutMs).emitWithAck(event, payload);
  }

  currentStatus(): FeedStatus {
    return this.status;
  }

  /** Decodes and commits everything pending. Public so tests and shutdown can force it. */
  flush(): void {
    if (this.pending.length === 0) return;
    const raw = this.pending;
    this.pending = [];
    const { repository } = this.options;
    const now = Date.now();
    this.flushes.ranNow();
    const batch = decodeFeedMessages(raw, {
      lastSeq: repository.lastSeq(),
      knownUnits: repository.knownUnitIds(),
      knownCameras: this.options.knownCameras,
      receivedAt: new Date(now).toISOString(),
    });
    let result;
    try {
      result = repository.applyFeedBatch(batch);
    } catch (err) {
      // Nothing of the batch was stored and the resume point did not move: reconnecting makes
      // the gateway resend it, so a storage hiccup (disk full, lock) loses nothing.
      this.updateStatus({ state: 'error', error: `storage failed: ${(err as Error).message}` });
      this.socket?.disconnect().connect();
      return;
    }
    const newest = raw[raw.length - 1] as { sentAt?: unknown };
    this.updateStatus(
      {
        lastSeq: repository.lastSeq(),
        messagesReceived: this.status.messagesReceived + raw.length,
        lastMessageAt: new Date(now).toISOString(),
        lagMs: typeof newest?.sentAt === 'string' ? lagMs(newest.sentAt, now) : this.status.lagMs,
        quarantineCount: this.status.quarantineCount + result.quarantined,
      },
      result.quarantined > 0,
    );
    const committed = Date.now();
    this.options.onCommitted(result);
    this.trace?.noteFlushed(
      result.newAlerts.map((a) => a.id),
      now,
      committed,
    );
  }

  private updateStatus(patch: Partial<FeedStatus>, pushNow = true): void {
    this.status = { ...this.status, ...patch };
    if (pushNow) this.options.onStatus(this.status);
  }

  stop(): void {
    this.flushes.cancel();
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.flush();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }
}
