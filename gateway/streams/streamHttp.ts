/** The HTTP side of /streams/*: CORS, JSON errors and stream file answers, shared by HLS and look-back. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
};
/** The only file names an HLS encoder writes: a playlist or a segment, no path parts. */
export const STREAM_FILE_NAME = /^[A-Za-z0-9_-]+\.(m3u8|ts)$/;
/** Players on any origin (the console's renderer, a browser host) may fetch streams; the signature guards them. */
const CORS = { 'access-control-allow-origin': '*' };

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...CORS,
  });
  res.end(JSON.stringify(body));
}

/** Answers a CORS preflight. */
export function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    ...CORS,
    'access-control-allow-methods': 'GET, HEAD, OPTIONS',
    'access-control-max-age': '600',
  });
  res.end();
}

/** Sends a playlist (never cached: it changes every segment) or a segment (immutable once written). */
export function sendStreamFile(req: IncomingMessage, res: ServerResponse, file: string, body: Buffer): void {
  const playlist = file.endsWith('.m3u8');
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': playlist ? 'no-cache, no-store' : 'max-age=60',
    ...CORS,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
