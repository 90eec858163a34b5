import type { CommandAck } from '../../shared/protocol/feed';
import { handleCommand, type CommandContext } from './commandHandler';
import type { DispatchSimulator } from '../simulation/dispatchSimulator';
import { FeedLog, type AppendRequest, type WireEnvelope } from './feedLog';
import type { LogStore } from './logStore';
import type { PgLogStore } from '../pg/pgLogStore';
import { commandSeatKeys } from './seatKeys';

/** How often one seat command is decided again before the seat is told to retry (each retry saw a newer log). */
const MAX_DECISIONS = 20;

/**
 * Console commands on a gateway whose log is shared with other gateways (PostgreSQL). The command
 * handler is written for a log that appends synchronously; here it runs against a staging log
 * that only captures the line it would append, and the line is then appended to the shared log.
 * Its messages reach consoles, and its unit motion reaches the simulation, from the shared log's
 * batches (server.ts), on every gateway alike, so nothing is applied twice.
 */
class StagingLog extends FeedLog {
  request: AppendRequest | null = null;

  constructor(private readonly store: LogStore) {
    super(null, false);
  }

  override commandAck(commandId: string): CommandAck | undefined {
    return this.store.commandAck(commandId);
  }

  override append(request: AppendRequest): WireEnvelope[] {
    this.request = request;
    return [];
  }
}

/** The simulator as the handler sees it here: reads go through, motion waits for the log. */
function deferredMotion(dispatch: DispatchSimulator): DispatchSimulator {
  return new Proxy(dispatch, {
    get(target, prop) {
      if (prop === 'apply') return () => {};
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Runs console commands one at a time (each sees the log with the previous one in it) and
 * resolves with the ack once the command's line is durable. A command another gateway already
 * recorded is answered with that first ack, `duplicate: true`, and appends nothing.
 */
export function sharedCommands(
  store: LogStore,
  context: Omit<CommandContext, 'log' | 'publish'>,
): (raw: unknown, seat?: Pick<CommandContext, 'arbiter' | 'consoleId' | 'presence'>) => Promise<CommandAck> {
  let previous: Promise<unknown> = Promise.resolve();
  const run = async (
    raw: unknown,
    seat: Pick<CommandContext, 'arbiter' | 'consoleId' | 'presence'> = {},
  ): Promise<CommandAck> => {
    // A seat decision is guarded by what it read: decided again while another gateway's append
    // changed that (seatKeys.ts), so the log's order settles races between gateways.
    const command = raw as { kind?: unknown; payload?: unknown } | null;
    const keys =
      seat.arbiter && typeof command?.kind === 'string' ? commandSeatKeys(command.kind, command.payload) : [];
    for (let attempt = 1; ; attempt++) {
      const staging = new StagingLog(store);
      const seq = store.headSeq;
      const ack = handleCommand(raw, {
        ...context,
        ...seat,
        log: staging,
        publish: () => {},
        dispatch: deferredMotion(context.dispatch),
        // A refused command is kept for inspection once, not once per decision.
        ...(attempt > 1 ? { refused: undefined } : {}),
      });
      if (!staging.request) return ack;
      try {
        const result = await store.append(
          keys.length > 0 ? { ...staging.request, guard: { seq, keys } } : staging.request,
        );
        if (result.stale && attempt < MAX_DECISIONS) {
          await store.refresh();
          continue;
        }
        if (result.stale)
          return {
            commandId: ack.commandId,
            ok: false,
            error: `the seats' state kept changing while this was decided (${MAX_DECISIONS} times); try again`,
          };
        return result.duplicateCommand ? { ...result.duplicateCommand, duplicate: true } : ack;
      } catch (err) {
        return {
          commandId: ack.commandId,
          ok: false,
          error: `the gateway's log is unavailable: ${err instanceof Error ? err.message : String(err)}`,
        };
      }
    }
  };
  return (raw, seat) => {
    const next = previous.then(() => run(raw, seat));
    previous = next.catch(() => {});
    return next;
  };
}

/**
 * Whether this gateway plays the scenario now. One gateway on the database does (it holds the
 * leader lock); the others ask at most once a second, and one that takes over first reloads the
 * clock (the old leader may have paused or sped it up) and reads the old leader's last window,
 * then plays on from that frontier.
 */
export function scenarioLeadership(
  store: PgLogStore,
  now: () => number,
  takeOver: () => Promise<void>,
): () => Promise<boolean> {
  let askedAt = -Infinity;
  return async () => {
    if (store.isLeader) return true;
    if (now() - askedAt < 1000) return false;
    askedAt = now();
    if (!(await store.lead())) return false;
    await takeOver();
    await store.refresh();
    return true;
  };
}
