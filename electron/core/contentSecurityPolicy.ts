/**
 * The renderer's Content-Security-Policy, shared by both hosts. Nothing loads from outside the
 * app, the configured gateway and the configured media servers (exactly their origins, for the
 * players' fetches and native HLS); no inline scripts, no eval.
 * MapLibre's worker is a same-origin module file; its image decoding uses blob: URLs.
 */
export function contentSecurityPolicy(options: {
  apiOrigin?: string;
  gatewayOrigin?: string;
  mediaOrigins?: readonly string[];
}): string {
  const media = [...new Set(options.mediaOrigins ?? [])].filter((o) => o !== options.gatewayOrigin);
  const connect = [
    "'self'",
    options.apiOrigin,
    options.apiOrigin?.replace(/^http/, 'ws'),
    options.gatewayOrigin,
    ...media,
  ]
    .filter(Boolean)
    .join(' ');
  const mediaSrc = ["'self'", 'blob:', options.gatewayOrigin, ...media].filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Inline styles stay allowed: MapLibre, ECharts and the video players position their DOM
    // with style attributes. Styles cannot run code; scripts stay strictly 'self'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "worker-src 'self' blob:",
    `connect-src ${connect}`,
    `media-src ${mediaSrc}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
