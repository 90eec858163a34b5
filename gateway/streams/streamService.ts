import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Camera } from '../../shared/domain/camera';
import { DEFAULT_PROFILE, ffmpegArgs, overlayText, playbackArgs, type EncoderProfile } from './ffmpeg';
import { FlvSessions } from './flvSessions';
import { checkStreamUrl, signPlaylist } from '../../node/streamUrl';
import { HlsEncoder, withProgramDateTimes } from './hlsEncoder';
import { parseStreamRoute } from './streamRoutes';
import { STREAM_FILE_NAME, sendJson, sendPreflight, sendStreamFile } from './streamHttp';
import { EncoderTools } from './encoderTools';

/**
 * Synthetic video for every camera in the pack: stands in for the media server (ZLMediaKit/SRS)
 * of a real command centre. The first request for a camera's HLS starts one ffmpeg that encodes
 * a moving test pattern with the camera's name, id and a clock (small, low rate, ultrafast); it
 * stops after `idleMs` without requests, when the camera goes offline, and when the service
 * closes or the process exits. Look-back (`/streams/<id>/record/<unix s>/index.m3u8`) encodes the
 * same picture with its clock starting at the chosen moment, as an EVENT playlist whose program
 * date times start there. HTTP-FLV gets one encoder per viewer. All encoders share one cap:
 * beyond it the answer is 429, which the console shows as a "capped" tile.
 */
export interface StreamServiceOptions {
  cameras: readonly Camera[];
  /** Key of the signed stream URLs (./streamUrl.ts, derived from the gateway token); unsigned, forged or expired requests get 403. */
  /** Key of the signed stream URLs (streamUrl.ts); absent: a stand-alone media server that checks none. */
  urlKey?: Buffer | null;
  /** Clock of the URL expiry check (tests). */
  now?: () => number;
  /** Executable name or path. Default "ffmpeg" from PATH. */
  ffmpeg?: string;
  /** Stop an encoder after this long without a request. Default 20 s. */
  idleMs?: number;
  /** At most this many encoders at once (HLS, look-back and FLV viewers together). Default 16. */
  maxEncoders?: number;
  /** How long the first request waits for the playlist. Default 8 s. */
  readyTimeoutMs?: number;
  /** A camera that goes offline keeps its running encoder this long, so players learn the status over the feed before the stream disappears. Default 5 s. */
  offlineGraceMs?: number;
  /** Font for the on-screen text; default fontconfig's Noto Sans CJK, otherwise no text. */
  fontFile?: string | null;
  /** Picture size and rate. Default 320x180 at 8 fps. */
  profile?: EncoderProfile;
  /** Look-back reaches at most this far into the past. Default 24 h. */
  lookbackMaxSec?: number;
  /** Warnings (ffmpeg missing, encoder died). Default console.warn. */
  warn?: (message: string) => void;
}

export class StreamService {
  private readonly cameras: Map<string, Camera>;
  private readonly flv: FlvSessions;
  private readonly online = new Map<string, boolean>();
  /** Live encoders by camera id, look-back encoders by `<id>@<from>`. */
  private readonly encoders = new Map<string, HlsEncoder>();
  private readonly root: string;
  private readonly idleMs: number;
  private readonly maxEncoders: number;
  private readonly readyTimeoutMs: number;
  private readonly offlineGraceMs: number;
  private readonly profile: EncoderProfile;
  private readonly lookbackMaxSec: number;
  private readonly warn: (message: string) => void;
  private readonly sweep: NodeJS.Timeout;
  private readonly tools: EncoderTools;
  private closed = false;
  /** Encoders told to stop whose ffmpeg has not exited yet. */
  private readonly stopping = new Set<Promise<void>>();
  /** Encoders started so far: numbers their folders. */
  private encodersStarted = 0;
  private readonly onExit = () => {
    for (const e of this.encoders.values()) e.kill('SIGKILL');
    this.flv.killAll('SIGKILL');
  };

  constructor(private readonly options: StreamServiceOptions) {
    this.cameras = new Map(options.cameras.map((c) => [c.id, c]));
    for (const c of options.cameras) this.online.set(c.id, c.online);
    this.idleMs = options.idleMs ?? 20_000;
    this.maxEncoders = options.maxEncoders ?? 16;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 8_000;
    this.offlineGraceMs = options.offlineGraceMs ?? 5_000;
    this.profile = options.profile ?? DEFAULT_PROFILE;
    this.lookbackMaxSec = options.lookbackMaxSec ?? 86_400;
    this.warn = options.warn ?? ((m) => console.warn(m));
    this.tools = new EncoderTools({ ffmpeg: options.ffmpeg, fontFile: options.fontFile, warn: this.warn });
    this.root = mkdtempSync(path.join(os.tmpdir(), 'gateway-streams-'));
    this.flv = new FlvSessions({
      root: this.root,
      offlineGraceMs: this.offlineGraceMs,
      warn: this.warn,
      profile: this.profile,
    });
    this.sweep = setInterval(() => this.stopIdle(), Math.min(5_000, this.idleMs));
    this.sweep.unref();
    // No orphaned encoders: whatever way this process ends, its ffmpeg children end too.
    process.on('exit', this.onExit);
  }

  /** Feed messages as the gateway appends them: `camera.status` changes who may stream. */
  observe(entries: readonly { type: string; payload: unknown }[]): void {
    for (const entry of entries) {
      if (entry.type !== 'camera.status') continue;
      const p = entry.payload as { cameraId?: unknown; online?: unknown } | null;
      if (typeof p?.cameraId !== 'string' || typeof p.online !== 'boolean' || !this.online.has(p.cameraId))
        continue;
      this.online.set(p.cameraId, p.online);
      this.flv.setOnline(p.cameraId, p.online);
      for (const encoder of this.encoders.values()) {
        if (encoder.cameraId !== p.cameraId) continue;
        if (!p.online)
          encoder.offlineTimer ??= setTimeout(() => void this.stop(encoder), this.offlineGraceMs).unref();
        else if (encoder.offlineTimer) {
          clearTimeout(encoder.offlineTimer);
          delete encoder.offlineTimer;
        }
      }
    }
  }

  /** Live online state: the pack's flag, then the latest camera.status. Unknown cameras are offline. */
  isOnline(cameraId: string): boolean {
    return this.online.get(cameraId) ?? false;
  }

  /** Running HLS encoders, live by camera id and look-back as `<id>@<from>` (admin state, tests). */
  running(): string[] {
    return [...this.encoders.keys()];
  }

  /** Process ids of the running encoders, HLS and HTTP-FLV (tests). */
  pids(): number[] {
    return [...[...this.encoders.values()].map((e) => e.pid), ...this.flv.pids()].filter(
      (pid): pid is number => pid !== undefined,
    );
  }

  /**
   * Answers `/streams/<cameraId>/…?exp=…&sig=…` (and the ZLM-style `/rtp/…`, see streamRoutes.ts).
   * With a URL key (the drill gateway) only signed URLs play; a stand-alone media server has none.
   */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    search: URLSearchParams = new URLSearchParams(),
  ): Promise<void> {
    if (req.method === 'OPTIONS') return sendPreflight(res);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { error: 'method not allowed' });
    const route = parseStreamRoute(pathname);
    if (!route)
      return sendJson(res, 404, {
        error:
          'expected /streams/<20-digit camera id>/index.m3u8, live.flv or record/<unix seconds>/index.m3u8',
      });
    const { cameraId } = route;
    // Before anything else (even whether the camera exists): only the console's signed URLs play.
    const signed = this.options.urlKey
      ? checkStreamUrl(this.options.urlKey, cameraId, search, this.options.now?.() ?? Date.now())
      : null;
    if (signed && !signed.ok) return sendJson(res, 403, { error: signed.reason, cameraId });
    const camera = this.cameras.get(cameraId);
    if (!camera) return sendJson(res, 404, { error: `unknown camera ${cameraId}`, cameraId });
    if (this.closed) return sendJson(res, 503, { error: 'stream service is closing' });
    if (route.kind === 'flv') {
      // HTTP-FLV: nothing to share between viewers, each gets its own encoder.
      if (!this.isOnline(cameraId))
        return sendJson(res, 410, { error: `camera ${cameraId} is offline`, cameraId, online: false });
      const ffmpeg = this.admit(res, cameraId);
      return void (ffmpeg && this.flv.serve(camera, ffmpeg, this.tools.font(ffmpeg), req, res));
    }
    if (!STREAM_FILE_NAME.test(route.file))
      return sendJson(res, 404, { error: `no such stream file: ${route.file}` });
    const key = route.kind === 'record' ? `${cameraId}@${route.fromSec}` : cameraId;
    let encoder = this.encoders.get(key);
    // Offline: no new sessions; a running encoder serves out its grace period.
    if (!this.isOnline(cameraId) && !encoder)
      return sendJson(res, 410, { error: `camera ${cameraId} is offline`, cameraId, online: false });
    if (route.kind === 'record') {
      const ageSec = Date.now() / 1000 - route.fromSec;
      if (ageSec < 0 || ageSec > this.lookbackMaxSec)
        return sendJson(res, 416, {
          error: `look-back start must lie within the last ${this.lookbackMaxSec} s`,
          cameraId,
        });
    }
    if (!encoder) {
      if (route.file !== 'index.m3u8')
        return sendJson(res, 404, {
          error: `stream ${key} is not running; request index.m3u8 first`,
          cameraId,
        });
      const ffmpeg = this.admit(res, cameraId);
      if (!ffmpeg) return;
      encoder = this.start(camera, key, ffmpeg, route.kind === 'record' ? route.fromSec : null);
    }
    encoder.lastRequestAt = Date.now();
    if (!(await encoder.ready)) {
      const detail = encoder.detail();
      return sendJson(res, 502, {
        error: `encoder for ${cameraId} did not start${detail ? `: ${detail}` : ''}`,
        cameraId,
      });
    }
    encoder.lastRequestAt = Date.now();
    let body: Buffer;
    try {
      body = await readFile(path.join(encoder.dir, route.file));
    } catch {
      return sendJson(res, 404, { error: `segment ${route.file} has expired`, cameraId });
    }
    const playlist = route.file.endsWith('.m3u8');
    if (playlist && route.kind === 'record')
      body = Buffer.from(withProgramDateTimes(body.toString('utf8'), route.fromSec * 1000));
    if (playlist && signed?.ok) body = Buffer.from(signPlaylist(body.toString('utf8'), signed.query), 'utf8');
    sendStreamFile(req, res, route.file, body);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweep);
    const exits = [...this.encoders.values()].map((e) => this.stop(e));
    // With the encoders stopped earlier (idle, offline) whose ffmpeg is still writing its last
    // segment: the folder below could not be removed while they write into it.
    await Promise.all([...exits, ...this.stopping, this.flv.close()]);
    process.off('exit', this.onExit);
    rmSync(this.root, { recursive: true, force: true });
  }

  /** ffmpeg's path when a new encoder may start; otherwise answers 503 (no ffmpeg) or 429 (cap reached) and gives null. */
  private admit(res: ServerResponse, cameraId: string): string | null {
    const ffmpeg = this.tools.ffmpeg();
    if (!ffmpeg) {
      sendJson(res, 503, {
        error:
          'ffmpeg is not installed on the gateway host; live video is unavailable (apt-get install ffmpeg)',
        cameraId,
      });
      return null;
    }
    if (this.encoders.size + this.flv.size >= this.maxEncoders) {
      res.setHeader('retry-after', '5');
      sendJson(res, 429, {
        error: `too many live streams (limit ${this.maxEncoders}); close a video tile and retry`,
        cameraId,
        limit: this.maxEncoders,
      });
      return null;
    }
    return ffmpeg;
  }

  private start(camera: Camera, key: string, ffmpeg: string, fromSec: number | null): HlsEncoder {
    const fontFile = this.tools.font(ffmpeg);
    // A folder of its own per encoder, not per camera: a stopped encoder removes its folder only
    // once its ffmpeg has exited, which may be after the same camera's next encoder has started.
    const dir = path.join(this.root, `${key.replace('@', '-')}-${++this.encodersStarted}`);
    const encoder = new HlsEncoder({
      key,
      cameraId: camera.id,
      dir,
      ffmpeg,
      text: fontFile ? overlayText(camera, fromSec) : null,
      args: (textFile) =>
        (fromSec === null ? ffmpegArgs : playbackArgs)(dir, textFile, fontFile, this.profile),
      readyTimeoutMs: this.readyTimeoutMs,
      onCrash: (crashed, detail) => {
        if (this.encoders.get(key) === crashed) this.encoders.delete(key);
        if (!this.closed) this.warn(`gateway: encoder for ${key} exited: ${detail}`);
      },
    });
    this.encoders.set(key, encoder);
    void encoder.ready.then((ok) => ok || (this.encoders.get(key) === encoder && this.encoders.delete(key)));
    return encoder;
  }

  private stopIdle(): void {
    const now = Date.now();
    for (const encoder of this.encoders.values())
      if (encoder.settled && now - encoder.lastRequestAt > this.idleMs) void this.stop(encoder);
  }

  private stop(encoder: HlsEncoder): Promise<void> {
    for (const [key, e] of this.encoders) if (e === encoder) this.encoders.delete(key);
    const stopped = encoder.stop();
    this.stopping.add(stopped);
    void stopped.finally(() => this.stopping.delete(stopped));
    return stopped;
  }
}
