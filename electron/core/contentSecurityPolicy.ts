/**
 * The renderer's Content-Security-Policy, shared by both hosts. Nothing loads from outside the
 * app and the configured gateway (video streams later); no inline scripts, no eval.
 * MapLibre's worker is a same-origin module file; its image decoding uses blob: URLs.
 */
export function contentSecurityPolicy(options: { apiOrigin?: string; gatewayOrigin?: string }): string {
  const connect = ["'self'", options.apiOrigin, options.apiOrigin?.replace(/^http/, 'ws'), options.gatewayOrigin]
    .filter(Boolean)
    .join(' ');
  const media = ["'self'", 'blob:', options.gatewayOrigin].filter(Boolean).join(' ');
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
    `media-src ${media}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
