import type { ClockBody } from './adminHttp';
import type { StreamServiceOptions } from './streams/streamService';

// What `startGateway` (gateway/server.ts) takes and what it returns.

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
  /** Make log appends durable (group commit) before sending them. Default true; tests on slow disks may turn it off. */
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
