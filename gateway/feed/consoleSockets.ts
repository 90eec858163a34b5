import type { Server } from 'socket.io';
import {
  GatewayAuthSchema,
  GatewayEvents,
  type CommandAck,
  type GatewayAuth,
  type GatewayHello,
} from '../../shared/protocol/feed';
import { tokenMatches } from '../auth';
import { handleCommand, type CommandContext } from './commandHandler';
import type { FeedClient } from './feedFanout';
import { feedFrames } from './feedFrames';
import type { AppendRequest } from './feedLog';
import type { LogStore } from './logStore';
import type { SeatArbiter } from './seatArbiter';
import type { SeatPresence } from './seatPresence';

/** What a console's command is handled with, besides the seat that sent it. */
type SeatContext = Required<Pick<CommandContext, 'arbiter' | 'consoleId' | 'presence'>>;

export interface ConsoleSocketsOptions {
  token: string;
  log: LogStore;
  clients: Map<string, FeedClient>;
  hello: () => GatewayHello;
  arbiter: SeatArbiter;
  presence: SeatPresence;
  /** A file log: the command context (synchronous appends); a shared one: null. */
  commandContext: (() => Omit<CommandContext, keyof SeatContext>) | null;
  /** A shared log: handles a command through the database. */
  sharedCommand: ((command: unknown, seat: SeatContext) => Promise<CommandAck>) | null;
  /** Appends gateway-made lines (a seat leaving). */
  appendNow: (request: AppendRequest) => void;
  now: () => number;
}

/**
 * The consoles' side of the gateway: token and auth checked on connect, then hello, the backlog
 * since the console's last seq and live batches; commands answered with an ack, and a seat that
 * goes away taken off duty.
 */
export function attachConsoleSockets(io: Server, o: ConsoleSocketsOptions): void {
  const { log, clients, arbiter, presence, now } = o;
  io.use((socket, next) => {
    const raw = socket.handshake.auth as Partial<GatewayAuth> | undefined;
    if (!tokenMatches(raw?.token, o.token)) return next(new Error('unauthorized'));
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
    socket.emit(GatewayEvents.hello, o.hello());
    // Only what is durable goes out; the rest follows live once the log's sync has covered it.
    const durable = log.durableSeq;
    const since = log.since(auth.since);
    const backlog =
      since.length > 0 && since[since.length - 1]!.seq > durable
        ? since.filter((e) => e.seq <= durable)
        : since;
    // Frames bounded in count and bytes: one huge frame would exceed the console's socket limit.
    for (const frame of feedFrames(backlog)) socket.emit(GatewayEvents.feed, frame);
    // Live starts after what is durable, not after `since`: a console whose since is ahead of this
    // gateway (another seq space) still gets new messages and can notice from hello.headSeq.
    clients.set(socket.id, { socket, consoleId: auth.consoleId, sentUpTo: durable });

    socket.on(GatewayEvents.command, (command: unknown, ack?: unknown) => {
      const seat: SeatContext = {
        arbiter,
        consoleId: auth.consoleId,
        presence: (change) => presence.update(socket.id, auth.consoleId, change),
      };
      if (o.sharedCommand) {
        void o.sharedCommand(command, seat).then((result) => typeof ack === 'function' && ack(result));
        return;
      }
      const result = handleCommand(command, { ...o.commandContext!(), ...seat });
      // An ack promises the command is on disk: it waits for the line's sync.
      if (typeof ack === 'function') log.afterDurable(() => ack(result));
    });
    socket.on('disconnect', () => {
      clients.delete(socket.id);
      // A seat that goes away is no longer on duty: every seat's status bar says so.
      const left = presence.leave(socket.id);
      if (left.length === 0) return;
      try {
        o.appendNow({ messages: left, sentAt: new Date(now()).toISOString() });
      } catch (err) {
        console.error(
          `gateway: cannot record a seat leaving: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    });
  });
}
