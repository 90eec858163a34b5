import type pg from 'pg';
import type { AppendRequest } from '../feed/feedLog';
import type { SeatPresence } from '../feed/seatPresence';

/** How long a gateway counts as alive after its last renewal, unless told otherwise (--liveness-ms). */
export const DEFAULT_LIVENESS_MS = 15_000;

/**
 * Which gateways on the database are alive: each renews its gateway_instance row (expiry =
 * the database's now() + its window) every third of its window; a row past its expiry, or none,
 * is a gateway gone (killed, or cut off from the database). The database's clock decides, so the
 * gateways' own clocks need not agree.
 */
export class GatewayLiveness {
  constructor(
    private readonly pool: pg.Pool,
    readonly id: string,
    readonly windowMs: number,
  ) {}

  async renew(): Promise<void> {
    await this.pool.query(
      `INSERT INTO gateway_instance (id, expires_at) VALUES ($1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at`,
      [this.id, this.windowMs],
    );
  }

  /** The gateways alive now; forgets the rows of those gone. */
  async alive(): Promise<Set<string>> {
    await this.pool.query('DELETE FROM gateway_instance WHERE expires_at <= now()');
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM gateway_instance');
    return new Set(rows.map((r) => r.id));
  }

  async leave(): Promise<void> {
    await this.pool.query('DELETE FROM gateway_instance WHERE id = $1', [this.id]);
  }
}

/**
 * Presence across gateways on one database. `check()` (every third of the window, and once at
 * start) renews this gateway, empties the list of every gateway the log still shows seats for but
 * that is no longer alive (the log stays the one source: consoles learn it as an envelope), and
 * publishes this gateway's own list again if the log's differs (another gateway emptied it while
 * this one could not reach the database). `stop()` empties this gateway's own list and leaves.
 */
export function watchPresence(options: {
  liveness: GatewayLiveness;
  presence: SeatPresence;
  append: (request: AppendRequest) => Promise<unknown>;
  now: () => number;
}): { check(): Promise<void>; stop(): Promise<void> } {
  const { liveness, presence, append, now } = options;
  let running: Promise<void> | null = null;
  let stopped = false;
  const sentAt = () => new Date(now()).toISOString();
  const check = async () => {
    await liveness.renew();
    const alive = await liveness.alive();
    const gone = presence.listing().filter((g) => g !== liveness.id && !alive.has(g));
    const messages = gone.map((g) => presence.emptied(g));
    if (presence.ownListStale) messages.push(presence.snapshot());
    if (messages.length > 0 && !stopped) await append({ messages, sentAt: sentAt() });
  };
  // One check at a time; a caller awaiting check() waits for the one under way, then runs its own.
  const run = (): Promise<void> => {
    const next = (running ?? Promise.resolve()).catch(() => {}).then(check);
    running = next;
    return next;
  };
  const report = (err: unknown) =>
    console.error(
      `gateway: checking which gateways are alive: ${err instanceof Error ? err.message : String(err)}`,
    );
  const timer = setInterval(() => void run().catch(report), Math.max(50, liveness.windowMs / 3));
  return {
    check: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => {});
      await append({ messages: [presence.emptied(liveness.id)], sentAt: sentAt() });
      await liveness.leave();
    },
  };
}
