import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { Server as SocketServer } from 'socket.io';
import { LARGEST_REQUEST_BYTES } from '../../shared/contract/evidenceContract';
import { bindRequestHandlers, createEventSink, type EventSink } from '../../shared/contract/bridge';
import type { RequestHandlers } from '../../shared/contract/api';
import type { TransportReply } from '../../shared/contract/channels';
import { contentSecurityPolicy } from '../core/contentSecurityPolicy';
import { serveStatic } from './staticFiles';
import { createWebServer, listenSecurity, schemeOf } from '../../node/listenPolicy';

export interface HostServerOptions {
  rendererDir: string;
  host: string;
  port: number;
  /** Required from every API client (the renderer reads it from its URL). */
  apiToken: string;
  gatewayOrigin?: string;
  /** A non-loopback `host` is refused unless this and both TLS files are given (node/listenPolicy.ts). */
  allowRemote?: boolean;
  /** PEM certificate and key: the host then serves HTTPS. */
  tlsCertFile?: string | null;
  tlsKeyFile?: string | null;
  /** Origins of the media servers (the CSP allows exactly these for video). */
  mediaOrigins?: readonly string[];
  /**
   * Called on every HTTP request and socket message: the runtime's background work (cordon
   * warm-up) waits while a renderer loads (consoleRuntime.ts, idleRunner.ts).
   */
  onActivity?: () => void;
}

export interface HostServer {
  url: string;
  port: number;
  emit: EventSink;
  /** Attaches the request handlers once the runtime is up (events may be emitted before). */
  attach(handlers: RequestHandlers): void;
  close(): Promise<void>;
}

const sameToken = (a: unknown, b: string): boolean =>
  typeof a === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The browser host: serves the built renderer and the console API over loopback socket.io.
 * Request channels and event channels come from the contract via bindRequestHandlers.
 */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  // Before anything binds: a refused address throws ListenRefused with what to do instead.
  const tls = listenSecurity(options);
  let handlers: Map<string, (raw: unknown) => Promise<unknown>> | null = null;
  const http = createWebServer(tls);
  const io = new SocketServer(http, {
    path: '/api',
    serveClient: false,
    maxHttpBufferSize: LARGEST_REQUEST_BYTES,
  });

  io.use((socket, next) => {
    if (sameToken(socket.handshake.auth?.token, options.apiToken)) next();
    else next(new Error('unauthorized'));
  });
  const activity = options.onActivity ?? (() => undefined);
  io.on('connection', (socket) => {
    activity();
    socket.onAny((channel: string, rawArgs: unknown, ack?: (reply: TransportReply<unknown>) => void) => {
      activity();
      if (typeof ack !== 'function') return;
      const handler = handlers?.get(channel);
      if (!handler) {
        ack({ ok: false, error: handlers ? `unknown request ${channel}` : 'console is starting' });
        return;
      }
      handler(rawArgs).then(
        (value) => ack({ ok: true, value }),
        (err: unknown) => ack({ ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `${schemeOf(tls)}://${options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host}:${port}`;
  const csp = contentSecurityPolicy({
    apiOrigin: url,
    gatewayOrigin: options.gatewayOrigin,
    mediaOrigins: options.mediaOrigins ?? [],
  });
  const staticHandler = serveStatic(options.rendererDir, {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  http.on('request', (req, res) => {
    activity();
    // socket.io (engine.io) answers everything under its path /api/; anything else, "/api" and
    // "/apix" included, is ours to answer, or the request would hang unanswered.
    if (req.url?.startsWith('/api/')) return;
    staticHandler(req, res);
  });

  return {
    url,
    port,
    emit: createEventSink((channel, payload) => io.emit(channel, payload)),
    attach(requestHandlers) {
      const map = new Map<string, (raw: unknown) => Promise<unknown>>();
      bindRequestHandlers(requestHandlers, (channel, _name, handler) => map.set(channel, handler));
      handlers = map;
    },
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
