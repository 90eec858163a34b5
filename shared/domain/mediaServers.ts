import { z } from 'zod';

/**
 * Where a camera's video comes from. A command centre's cameras are GB/T 28181 devices pulled
 * by a media platform (ZLMediaKit behind WVP-GB28181, SRS, MediaMTX, a Hikvision/Dahua
 * platform) that republishes each one for browsers under a URL built from the device id. A
 * pack (pack.json `media`) or the console's media settings file names those servers; a camera
 * then needs only its GB/T 28181 id. The demo's drill gateway is one such server (`gateway`).
 */
export const MEDIA_PLATFORMS = ['gateway', 'zlmediakit', 'wvp', 'srs', 'mediamtx', 'custom'] as const;
export type MediaPlatform = (typeof MEDIA_PLATFORMS)[number];
export type MediaProtocol = 'flv' | 'hls' | 'whep';

/** URL templates: `{origin}`, `{app}`, `{gbId}`; look-back also `{fromSec}` (Unix seconds) and `{fromIso}`. */
const TemplatesSchema = z
  .object({
    flv: z.string().min(1),
    hls: z.string().min(1),
    whep: z.string().min(1),
    lookbackHls: z.string().min(1),
  })
  .partial();
export type MediaTemplates = z.infer<typeof TemplatesSchema>;

const HttpOrigin = z
  .string()
  .regex(/^https?:\/\/[^/?#\s]+$/, 'an origin is scheme://host[:port] with no path, e.g. http://10.1.2.3:80');

export const MediaServerSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    platform: z.enum(MEDIA_PLATFORMS),
    /** Where the server is; the drill gateway's streams live on the gateway's own origin. */
    origin: HttpOrigin.optional(),
    /** ZLMediaKit/SRS application name the GB streams are published under (ZLM/WVP `rtp`, SRS `live`). */
    app: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
    /** Protocols offered, in the order the console should try them. Default by platform. */
    protocols: z
      .array(z.enum(['flv', 'hls', 'whep']))
      .min(1)
      .optional(),
    /** Override or add URL templates (required for `custom`). */
    templates: TemplatesSchema.optional(),
    /** Which cameras it serves: id prefixes (e.g. a county's 8-digit centre code) and/or ids. Default all. */
    cameras: z
      .object({
        prefixes: z.array(z.string().regex(/^\d{1,20}$/)).optional(),
        ids: z.array(z.string().regex(/^\d{20}$/)).optional(),
      })
      .optional(),
  })
  .refine(
    (s) => s.platform === 'gateway' || s.origin !== undefined,
    'every media server but the drill gateway needs an origin',
  )
  .refine(
    (s) => s.platform !== 'custom' || Object.keys(s.templates ?? {}).length > 0,
    'a custom media server needs URL templates',
  );
export type MediaServer = z.infer<typeof MediaServerSchema>;

/** The pack's `media` section, and the console's media settings file (same shape). */
export const MediaConfigSchema = z.object({ servers: z.array(MediaServerSchema).max(64) });
export type MediaConfig = z.infer<typeof MediaConfigSchema>;

/** Each platform's usual URLs for a GB/T 28181 channel (ZLMediaKit, as WVP hands them out; SRS; MediaMTX). */
export const PLATFORM_DEFAULTS: Record<
  MediaPlatform,
  { app: string; protocols: MediaProtocol[]; templates: MediaTemplates }
> = {
  gateway: {
    app: 'streams',
    protocols: ['hls', 'flv'],
    templates: {
      hls: '{origin}/streams/{gbId}/index.m3u8',
      flv: '{origin}/streams/{gbId}/live.flv',
      lookbackHls: '{origin}/streams/{gbId}/record/{fromSec}/index.m3u8',
    },
  },
  zlmediakit: {
    app: 'rtp',
    protocols: ['flv', 'hls', 'whep'],
    templates: {
      flv: '{origin}/{app}/{gbId}.live.flv',
      hls: '{origin}/{app}/{gbId}/hls.m3u8',
      whep: '{origin}/index/api/webrtc?app={app}&stream={gbId}&type=play',
    },
  },
  wvp: {
    app: 'rtp',
    protocols: ['flv', 'hls', 'whep'],
    templates: {
      flv: '{origin}/{app}/{gbId}.live.flv',
      hls: '{origin}/{app}/{gbId}/hls.m3u8',
      whep: '{origin}/index/api/webrtc?app={app}&stream={gbId}&type=play',
    },
  },
  srs: {
    app: 'live',
    protocols: ['flv', 'hls', 'whep'],
    templates: {
      flv: '{origin}/{app}/{gbId}.flv',
      hls: '{origin}/{app}/{gbId}.m3u8',
      whep: '{origin}/rtc/v1/whep/?app={app}&stream={gbId}',
    },
  },
  mediamtx: {
    app: 'live',
    protocols: ['hls', 'whep'],
    templates: { hls: '{origin}/{app}/{gbId}/index.m3u8', whep: '{origin}/{app}/{gbId}/whep' },
  },
  custom: { app: 'live', protocols: ['hls', 'flv', 'whep'], templates: {} },
};

/** The first server that claims the camera (by id, then prefix; a server naming none claims all). */
export function mediaServerFor(cameraId: string, servers: readonly MediaServer[]): MediaServer | null {
  return (
    servers.find((s) => {
      const { prefixes, ids } = s.cameras ?? {};
      if (!prefixes && !ids) return true;
      return (ids ?? []).includes(cameraId) || (prefixes ?? []).some((p) => cameraId.startsWith(p));
    }) ?? null
  );
}

/** Fills a template; values are URL-encoded, except the origin. */
export function expandTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`media URL template ${template}: unknown placeholder ${whole}`);
    return name === 'origin' ? value : encodeURIComponent(value);
  });
}

/** Resolved protocols and templates of one server. */
export function serverTemplates(server: MediaServer): {
  app: string;
  protocols: MediaProtocol[];
  templates: MediaTemplates;
} {
  const base = PLATFORM_DEFAULTS[server.platform];
  return {
    app: server.app ?? base.app,
    protocols: server.protocols ?? base.protocols,
    templates: { ...base.templates, ...server.templates },
  };
}
