/**
 * Signed, short-lived stream URLs (视频流签名地址). A stream URL carries `exp` (unix seconds) and
 * `sig` = HMAC-SHA256 over `<camera id>:<exp>` under a key derived from the gateway's token:
 * the gateway owns the token, the console holds it already (it signs in to the feed with it), so
 * the console signs the URLs it hands to its players and nobody else can. The signature covers
 * the camera, not the file, so the playlist's segments reuse the playlist's query (the gateway
 * appends it to every segment line). Expired or forged → 403.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a signed URL lets a player start or keep fetching; the console re-signs on every listing. */
export const STREAM_URL_TTL_SECONDS = 15 * 60;

/** The stream key: never the token itself, so a leaked URL key does not open the feed. */
export function streamUrlKey(gatewayToken: string): Buffer {
  return createHmac('sha256', gatewayToken).update('console stream url v1', 'utf8').digest();
}

function signature(key: Buffer, cameraId: string, exp: number): string {
  return createHmac('sha256', key).update(`${cameraId}:${exp}`, 'utf8').digest('hex');
}

/** `url` with `exp` and `sig` for `cameraId`, valid until nowMs + ttl. */
export function signStreamUrl(
  key: Buffer,
  url: string,
  cameraId: string,
  nowMs = Date.now(),
  ttlSeconds = STREAM_URL_TTL_SECONDS,
): string {
  const exp = Math.floor(nowMs / 1000) + ttlSeconds;
  const signed = new URL(url);
  signed.searchParams.set('exp', String(exp));
  signed.searchParams.set('sig', signature(key, cameraId, exp));
  return signed.href;
}

export type StreamUrlCheck = { ok: true; query: string } | { ok: false; reason: string };

/** Checks a request's `exp` and `sig` for `cameraId`; `query` is what segment URIs must carry. */
export function checkStreamUrl(
  key: Buffer,
  cameraId: string,
  search: URLSearchParams,
  nowMs = Date.now(),
): StreamUrlCheck {
  const expText = search.get('exp');
  const sig = search.get('sig');
  if (!expText || !sig)
    return { ok: false, reason: 'stream URL is not signed (ask the console for the camera again)' };
  const exp = Number(expText);
  if (!/^\d{1,12}$/.test(expText) || !/^[0-9a-f]{64}$/.test(sig))
    return { ok: false, reason: 'malformed stream URL signature' };
  const expected = Buffer.from(signature(key, cameraId, exp), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex')))
    return { ok: false, reason: 'stream URL signature does not match' };
  if (exp * 1000 <= nowMs)
    return { ok: false, reason: 'stream URL has expired (ask the console for the camera again)' };
  return { ok: true, query: `exp=${exp}&sig=${sig}` };
}

/** Appends the signed query to every URI line of an HLS playlist (segments are relative files). */
export function signPlaylist(playlist: string, query: string): string {
  return playlist
    .split('\n')
    .map((line) =>
      line.length > 0 && !line.startsWith('#') ? `${line}${line.includes('?') ? '&' : '?'}${query}` : line,
    )
    .join('\n');
}
