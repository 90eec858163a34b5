import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { bearerToken, tokenMatches } from './auth';
import { IntakeRefused } from '../shared/protocol/envelopeIntake';

/** Admin/testing endpoints served next to socket.io on the gateway's HTTP server. */
export interface AdminContext {
  token: string;
  /** Appends one envelope with this type and payload, unvalidated; returns its seq. Throws IntakeRefused (answered 422) for what intake refuses. */
  /** A shared (PostgreSQL) log appends asynchronously. */
  inject: (type: string, payload: unknown) => number | Promise<number>;
  /** What intake refused, kept for inspection (GET /admin/refused); absent → 404. */
  refused?: () => Record<string, unknown>;
  state: () => Record<string, unknown>;
  health: () => Record<string, unknown>;
  /** Live video under /streams/ (./streams/streamService.ts); 501 without it. No Bearer header (players cannot send one): each URL is signed and short-lived instead (node/streamUrl.ts). */
  streams?: (
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    search: URLSearchParams,
  ) => Promise<void>;
  /** Replay controls of the scenario clock (GET/POST /admin/clock); absent → 404. */
  clock?: {
    state: () => Record<string, unknown>;
    /** Throws ClockRefused for a request the clock cannot honour (e.g. a backward seek). */
    control: (change: ClockBody) => Record<string, unknown>;
  };
}

/** A clock change the gateway refuses; answered 409 with the message. */
export class ClockRefused extends Error {}

const ClockBodySchema = z
  .object({
    action: z.enum(['pause', 'resume', 'seek']).optional(),
    toSeconds: z.number().nonnegative().optional(),
    speed: z.number().positive().max(1000).optional(),
  })
  .strict()
  .refine((b) => b.action !== undefined || b.speed !== undefined, { message: 'give an action or a speed' })
  .refine((b) => b.action !== 'seek' || b.toSeconds !== undefined, { message: 'seek needs toSeconds' });
export type ClockBody = z.infer<typeof ClockBodySchema>;

/** A clock change as the admin endpoint and the drill room take it: the body, or why it is invalid. */
export function parseClockBody(raw: unknown): { ok: true; body: ClockBody } | { ok: false; error: string } {
  const body = ClockBodySchema.safeParse(raw);
  if (body.success) return { ok: true, body: body.data };
  return {
    ok: false,
    error: `expected {"action"?: "pause"|"resume"|"seek", "toSeconds"?: number, "speed"?: number}: ${body.error.issues.map((i) => i.message).join('; ')}`,
  };
}

const InjectBodySchema = z.object({ type: z.string().min(1).max(64), payload: z.unknown() });
const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

/**
 * Returns the request handler. socket.io answers /socket.io/ itself; everything else lands here.
 * Admin routes require the gateway token as a Bearer header; /healthz is open so that process
 * supervisors can probe without a secret.
 */
export function createAdminHandler(ctx: AdminContext): (req: IncomingMessage, res: ServerResponse) => void {
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname === '/healthz' && req.method === 'GET') return send(res, 200, ctx.health());
    if (url.pathname.startsWith('/streams/')) {
      if (ctx.streams) return ctx.streams(req, res, url.pathname, url.searchParams);
      // Reserved for video (HLS/FLV/WHEP relayed from the media gateway); not served yet.
      return send(res, 501, { error: 'video streams are not served by this gateway yet' });
    }
    if (!url.pathname.startsWith('/admin/')) return send(res, 404, { error: 'not found' });
    if (!tokenMatches(bearerToken(req.headers.authorization), ctx.token))
      return send(res, 401, { error: 'unauthorized' });

    if (url.pathname === '/admin/state' && req.method === 'GET') return send(res, 200, ctx.state());
    if (url.pathname === '/admin/inject' && req.method === 'POST') {
      const body = InjectBodySchema.safeParse(await readJsonBody(req));
      if (!body.success) throw new HttpError(400, 'expected {"type": string, "payload": any}');
      try {
        return send(res, 200, { seq: await ctx.inject(body.data.type, body.data.payload) });
      } catch (err) {
        if (err instanceof IntakeRefused) throw new HttpError(422, `refused: ${err.message}`);
        throw err;
      }
    }
    if (url.pathname === '/admin/refused' && req.method === 'GET' && ctx.refused)
      return send(res, 200, ctx.refused());
    if (url.pathname === '/admin/clock' && ctx.clock) {
      if (req.method === 'GET') return send(res, 200, ctx.clock.state());
      if (req.method === 'POST') {
        const body = parseClockBody(await readJsonBody(req));
        if (!body.ok) throw new HttpError(400, body.error);
        try {
          return send(res, 200, ctx.clock.control(body.body));
        } catch (err) {
          if (err instanceof ClockRefused) throw new HttpError(409, err.message);
          throw err;
        }
      }
    }
    return send(res, 404, { error: 'not found' });
  };

  return (req, res) => {
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      // Client mistakes are answered, not logged: the test setup treats console.error as a failure.
      if (err instanceof HttpError) send(res, err.status, { error: err.message });
      else send(res, 500, { error: err instanceof Error ? err.message : String(err) });
    });
  };
}
