/**
 * The URL shapes the demo stream service answers: its own `/streams/<id>/…` and, so a second
 * process can stand in for a command centre's ZLMediaKit / WVP media server in tests, the ZLM
 * conventions `/rtp/<gbId>.live.flv` and `/rtp/<gbId>/hls.m3u8` (the console builds both from
 * the same templates, electron/core/video/streamUrls.ts).
 */
export type StreamRoute =
  | { kind: 'flv'; cameraId: string }
  | { kind: 'hls'; cameraId: string; file: string }
  /** Look-back from `fromSec` (Unix seconds): its own EVENT playlist and segments. */
  | { kind: 'record'; cameraId: string; fromSec: number; file: string };

const ID = '(\\d{20})';
const GATEWAY_LIVE = new RegExp(`^/streams/${ID}/([^/]+)$`);
const GATEWAY_RECORD = new RegExp(`^/streams/${ID}/record/(\\d{9,11})/([^/]+)$`);
const ZLM_FLV = new RegExp(`^/rtp/${ID}\\.live\\.flv$`);
const ZLM_HLS = new RegExp(`^/rtp/${ID}/([^/]+)$`);

/** The route for a path, or null when it is none of the above. File names are checked by the service. */
export function parseStreamRoute(pathname: string): StreamRoute | null {
  let m = GATEWAY_RECORD.exec(pathname);
  if (m) return { kind: 'record', cameraId: m[1]!, fromSec: Number(m[2]), file: m[3]! };
  m = GATEWAY_LIVE.exec(pathname);
  if (m)
    return m[2] === 'live.flv'
      ? { kind: 'flv', cameraId: m[1]! }
      : { kind: 'hls', cameraId: m[1]!, file: m[2]! };
  m = ZLM_FLV.exec(pathname);
  if (m) return { kind: 'flv', cameraId: m[1]! };
  m = ZLM_HLS.exec(pathname);
  if (m) return { kind: 'hls', cameraId: m[1]!, file: m[2] === 'hls.m3u8' ? 'index.m3u8' : m[2]! };
  return null;
}
