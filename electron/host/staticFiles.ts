import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

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
 * index.html so client-side views (the wall page) load directly.
 */
export function serveStatic(root: string, headers: Record<string, string>) {
  const resolvedRoot = path.resolve(root);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    let file = path.resolve(resolvedRoot, '.' + rel);
    if (!file.startsWith(resolvedRoot + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let stat = safeStat(file);
    if (!stat?.isFile()) {
      if (path.extname(rel) !== '') {
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
