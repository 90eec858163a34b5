import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { requestTargetPath, resolveStaticPath } from '../core/staticPath';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/**
 * Serves the built renderer. Only files under `root` are reachable; unknown paths fall back to
 * index.html so client-side views (the wall page) load directly. A malformed path is answered
 * 400, never thrown: an exception here would end the host process.
 */
export function serveStatic(root: string, headers: Record<string, string>) {
  const resolvedRoot = path.resolve(root);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const pathname = requestTargetPath(req.url);
    const resolved =
      pathname === null
        ? ({ ok: false, status: 400, reason: 'request target must be a path' } as const)
        : resolveStaticPath(resolvedRoot, pathname);
    if (!resolved.ok) {
      res.writeHead(resolved.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(resolved.reason);
      return;
    }
    let file = resolved.file;
    let stat = safeStat(file);
    if (!stat?.isFile()) {
      if (path.extname(resolved.decoded) !== '') {
        res.writeHead(404).end('not found');
        return;
      }
      file = path.join(resolvedRoot, 'index.html');
      stat = safeStat(file);
      if (!stat) {
        res.writeHead(500).end('renderer not built: run npm run build');
        return;
      }
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  };
}

function safeStat(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}
