import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { bearerToken, tokenMatches } from '../auth';
import { ClockRefused, parseClockBody, type ClockBody } from '../adminHttp';
import { DEFAULT_TOKEN, startGateway } from '../server';
import type { GatewayOptions, RunningGateway } from '../gatewayTypes';
import { createWebServer, listenSecurity, schemeOf } from '../../node/listenPolicy';

/**
 * A training room: one trainer machine, one drill scenario, N trainee consoles. Every seat is a
 * whole gateway of its own (own feed log, scenario clock, unit and dispatch simulation), so a
 * trainee's dispatch moves units in that trainee's drill only and nobody sees another's
 * actions. What the seats share is the trainer's hand on the clock: one control endpoint
 * pauses, resumes, changes speed or seeks every seat at once, keeping the room in step.
 *
 *   GET  /room        (Bearer token) the seats, their URLs and clock states
 *   POST /room/clock  (Bearer token) {"action"?: "pause"|"resume"|"seek", "toSeconds"?, "speed"?}
 *   GET  /healthz
 */
export interface DrillRoomOptions extends Omit<GatewayOptions, 'port' | 'stateDir' | 'loop'> {
  seats: number;
  /** The room's control port; seat k listens on port + k. 0: every port chosen by the system. */
  port?: number;
  /** Each seat keeps its state in `<stateDir>/seat-<k>`; null keeps it in memory. */
  stateDir?: string | null;
}

export interface RunningDrillRoom {
  url: string;
  seats: { seat: number; url: string; gateway: RunningGateway }[];
  close(): Promise<void>;
}

export const MAX_SEATS = 64;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('request body over 64 KiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startDrillRoom(options: DrillRoomOptions): Promise<RunningDrillRoom> {
  if (!Number.isInteger(options.seats) || options.seats < 1 || options.seats > MAX_SEATS)
    throw new Error(`--seats must be a whole number from 1 to ${MAX_SEATS}, got ${options.seats}`);
  const token = options.token ?? DEFAULT_TOKEN;
  const host = options.host ?? '127.0.0.1';
  // The room's control port follows the seats' rule (and fails before any seat starts).
  const tls = listenSecurity({
    host,
    allowRemote: options.allowRemote,
    tlsCertFile: options.tlsCertFile,
    tlsKeyFile: options.tlsKeyFile,
  });
  const basePort = options.port ?? 0;
  const { seats: count, port: _port, stateDir, ...shared } = options;
  // Started together so that the seats' scenario clocks begin within moments of each other.
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      startGateway({
        ...shared,
        token,
        port: basePort === 0 ? 0 : basePort + i + 1,
        stateDir: stateDir ? path.join(stateDir, `seat-${i + 1}`) : null,
        loop: false,
      }),
    ),
  );
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.close() : null)));
    throw failed.reason;
  }
  const seats = started.map((r, i) => {
    const gateway = (r as PromiseFulfilledResult<RunningGateway>).value;
    return { seat: i + 1, url: gateway.url, gateway };
  });

  // The seats are in this process: the room applies a change to each seat's clock directly
  // (over HTTP it would have to trust the seats' certificate when they serve HTTPS).
  const toSeat = (seat: RunningDrillRoom['seats'][number], change?: ClockBody) => {
    try {
      return {
        seat: seat.seat,
        url: seat.url,
        status: 200,
        clock: change ? seat.gateway.controlClock(change) : seat.gateway.clockState(),
      };
    } catch (err) {
      if (!(err instanceof ClockRefused)) throw err;
      return {
        seat: seat.seat,
        url: seat.url,
        status: 409,
        clock: { error: err.message } as Record<string, unknown>,
      };
    }
  };

  const server = createWebServer(tls, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://room');
      if (url.pathname === '/healthz') return send(res, 200, { ok: true, seats: seats.length });
      if (!tokenMatches(bearerToken(req.headers.authorization), token))
        return send(res, 401, { error: 'unauthorized' });
      if (url.pathname === '/room' && req.method === 'GET') {
        const states = seats.map((s) => toSeat(s));
        return send(res, 200, {
          seats: states.map(({ seat, url: seatUrl, clock }) => ({ seat, url: seatUrl, clock })),
        });
      }
      if (url.pathname === '/room/clock' && req.method === 'POST') {
        let raw: unknown;
        try {
          raw = JSON.parse(await readBody(req));
        } catch {
          return send(res, 400, { error: 'body is not valid JSON' });
        }
        const change = parseClockBody(raw);
        if (!change.ok) return send(res, 400, { error: change.error });
        const results = seats.map((s) => toSeat(s, change.body));
        const refused = results.filter((r) => r.status !== 200);
        // A change one seat refuses (a backward seek, a bad body) is refused by all alike.
        if (refused.length)
          return send(res, refused[0]!.status, {
            error: refused[0]!.clock['error'] ?? 'refused',
            seats: results,
          });
        return send(res, 200, { seats: results.map(({ seat, clock }) => ({ seat, clock })) });
      }
      return send(res, 404, { error: 'not found: GET /room, POST /room/clock' });
    })().catch((err: unknown) => send(res, 500, { error: err instanceof Error ? err.message : String(err) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(basePort, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${schemeOf(tls)}://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`,
    seats,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(seats.map((s) => s.gateway.close()));
    },
  };
}
