import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveStaticPath } from '../core/staticPath';

/**
 * The renderer is served from app://console/ rather than file://: MapLibre's worker needs a
 * real origin, and a privileged standard scheme gives the page a secure, isolated origin.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function serveRenderer(rendererDir: string, csp: string): void {
  protocol.handle('app', async (request) => {
    // Client-side views (no extension) get index.html; a malformed path gets its 400 here.
    const resolved = resolveStaticPath(rendererDir, new URL(request.url).pathname, {
      extensionlessToIndex: true,
    });
    if (!resolved.ok) return new Response(resolved.reason, { status: resolved.status });
    const response = await net.fetch(pathToFileURL(resolved.file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', csp);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
