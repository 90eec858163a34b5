import type { Camera } from '../../../shared/domain/camera';
import {
  expandTemplate,
  mediaServerFor,
  serverTemplates,
  type MediaServer,
} from '../../../shared/domain/mediaServers';

type Stream = Camera['streams'][number];

export interface StreamUrls {
  /** A camera's live streams in the order to try: the pack's own list, else its media server's. */
  live(camera: Camera): Stream[];
  /** HLS from `fromMs` on (look-back), where the camera's media server offers it; else none. */
  lookback(camera: Camera, fromMs: number): Stream[];
  /** Every origin video may come from (the content security policy allows exactly these). */
  origins(): string[];
}

/** Relative stream paths become absolute on the gateway's origin; absolute URLs pass through. */
export function resolveStreamUrl(url: string, gatewayUrl: string): string {
  try {
    return new URL(url, gatewayUrl).href;
  } catch {
    return url;
  }
}

/**
 * Builds every camera stream URL the console hands to a player. `finish` is the one place each
 * URL passes through on its way out (where a signature and expiry would be added).
 */
export function createStreamUrls(options: {
  servers: readonly MediaServer[];
  gatewayUrl: string;
  finish?: (url: string, camera: Camera) => string;
}): StreamUrls {
  const gatewayOrigin = new URL(options.gatewayUrl).origin;
  const finish = options.finish ?? ((url) => url);
  const originOf = (server: MediaServer) => server.origin ?? gatewayOrigin;

  /** The one function that builds a camera's stream URL from its media server's template. */
  const streamUrl = (
    camera: Camera,
    server: MediaServer,
    template: string,
    extra: Record<string, string> = {},
  ): string => {
    const { app } = serverTemplates(server);
    return finish(
      expandTemplate(template, { origin: originOf(server), app, gbId: camera.id, ...extra }),
      camera,
    );
  };

  return {
    live(camera) {
      if (camera.streams.length > 0)
        return camera.streams.map((s) => ({
          ...s,
          url: finish(resolveStreamUrl(s.url, options.gatewayUrl), camera),
        }));
      const server = mediaServerFor(camera.id, options.servers);
      if (!server) return [];
      const { protocols, templates } = serverTemplates(server);
      return protocols.flatMap((protocol) => {
        const template = templates[protocol];
        return template ? [{ protocol, url: streamUrl(camera, server, template) }] : [];
      });
    },
    lookback(camera, fromMs) {
      const server = mediaServerFor(camera.id, options.servers);
      const template = server ? serverTemplates(server).templates.lookbackHls : undefined;
      if (!server || !template) return [];
      const fromSec = Math.floor(fromMs / 1000);
      return [
        {
          protocol: 'hls',
          url: streamUrl(camera, server, template, {
            fromSec: String(fromSec),
            fromIso: new Date(fromSec * 1000).toISOString(),
          }),
        },
      ];
    },
    origins() {
      return [...new Set(options.servers.map(originOf))];
    },
  };
}
