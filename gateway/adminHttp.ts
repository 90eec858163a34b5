import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { bearerToken, tokenMatches } from './auth';

/** Admin/testing endpoints served next to socket.io on the gateway's HTTP server. */
export interface AdminContext {
  token: string;
  /** Appends one envelope with this type and payload, unvalidated; returns its seq. */
  inject: (type: string, payload: unknown) => number;
  state: () => Record<string, unknown>;
  health: () => Record<string, unknown>;
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
      // Reserved for video (HLS/FLV/WHEP relayed from the media gateway); not served yet.
      return send(res, 501, { error: 'video streams are not served by this gateway yet' });
    }
    if (!url.pathname.startsWith('/admin/')) return send(res, 404, { error: 'not found' });
    if (!tokenMatches(bearerToken(req.headers.authorization), ctx.token)) return send(res, 401, { error: 'unauthorized' });

    if (url.pathname === '/admin/state' && req.method === 'GET') return send(res, 200, ctx.state());
    if (url.pathname === '/admin/inject' && req.method === 'POST') {
      const body = InjectBodySchema.safeParse(await readJsonBody(req));
      if (!body.success) throw new HttpError(400, 'expected {"type": string, "payload": any}');
      return send(res, 200, { seq: ctx.inject(body.data.type, body.data.payload) });
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
