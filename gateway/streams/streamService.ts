import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Camera } from '../../shared/domain/camera';
import { ffmpegArgs, findExecutable } from './ffmpeg';
import { FlvSessions } from './flvSessions';
import { checkStreamUrl, signPlaylist } from './streamUrl';

export { ffmpegArgs, findExecutable };

/**
 * Live HLS for the drill: stands in for the media gateway (ZLMediaKit/SRS) of a real command
 * centre. The first request for `/streams/<id>/index.m3u8` starts one ffmpeg that encodes a
 * moving test pattern with the camera's name and a clock (320x180, 10 fps, H.264 baseline,
 * 1 s segments); the encoder stops after `idleMs` without requests, when the camera goes
 * offline, and when the gateway closes or the process exits.
 */
export interface StreamServiceOptions {
  cameras: readonly Camera[];
  /** Key of the signed stream URLs (./streamUrl.ts, derived from the gateway token); unsigned, forged or expired requests get 403. */
  urlKey: Buffer;
  /** Clock of the URL expiry check (tests). */
  now?: () => number;
  /** Executable name or path. Default "ffmpeg" from PATH. */
  ffmpeg?: string;
  /** Stop an encoder after this long without a request. Default 30 s. */
  idleMs?: number;
  /** At most this many encoders at once. Default 16. */
  maxEncoders?: number;
  /** How long the first request waits for the playlist. Default 8 s. */
  readyTimeoutMs?: number;
  /** A camera that goes offline keeps its running encoder this long, so players learn the status over the feed before the stream disappears. Default 5 s. */
  offlineGraceMs?: number;
  /** Font for the on-screen text; default Noto Sans CJK when installed, otherwise no text. */
  fontFile?: string | null;
  /** Warnings (ffmpeg missing, encoder died). Default console.warn. */
  warn?: (message: string) => void;
}

interface Encoder {
  cameraId: string;
  dir: string;
  process: ChildProcess;
  lastRequestAt: number;
  startedAt: number;
  /** Resolves when the playlist exists (true) or the encoder died/timed out (false). */
  ready: Promise<boolean>;
  stderr: string[];
  /** Pending stop after the camera went offline. */
  offlineTimer?: NodeJS.Timeout;
  stopping: boolean;
  exited: boolean;
  /** Resolves when the process has exited (or failed to spawn). */
  exit: Promise<void>;
}

const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
};
const FILE_NAME = /^[A-Za-z0-9_-]+\.(m3u8|ts|m4s|mp4)$/;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
  res.end(JSON.stringify(body));
}

export class StreamService {
  private readonly cameras: Map<string, Camera>;
  private readonly flvCameras: Map<string, Camera>;
  private readonly flv: FlvSessions;
  private readonly online = new Map<string, boolean>();
  private readonly encoders = new Map<string, Encoder>();
  private readonly root: string;
  private readonly idleMs: number;
  private readonly maxEncoders: number;
  private readonly readyTimeoutMs: number;
  private readonly offlineGraceMs: number;
  private readonly fontFile: string | null;
  private readonly warn: (message: string) => void;
  private readonly sweep: NodeJS.Timeout;
  private ffmpegPath: string | null | undefined;
  private warnedMissing = false;
  private closed = false;
  private readonly onExit = () => {
    this.killAll('SIGKILL');
    this.flv.killAll('SIGKILL');
  };

  constructor(private readonly options: StreamServiceOptions) {
    const withStream = (protocol: string) => new Map(options.cameras.filter((c) => c.streams.some((s) => s.protocol === protocol)).map((c) => [c.id, c]));
    this.cameras = withStream('hls');
    this.flvCameras = withStream('flv');
    for (const c of options.cameras) this.online.set(c.id, c.online);
    this.idleMs = options.idleMs ?? 30_000;
    this.maxEncoders = options.maxEncoders ?? 16;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 8_000;
    this.offlineGraceMs = options.offlineGraceMs ?? 5_000;
    this.fontFile = options.fontFile === undefined ? (existsSync(NOTO_CJK) ? NOTO_CJK : null) : options.fontFile;
    this.warn = options.warn ?? ((m) => console.warn(m));
    this.root = mkdtempSync(path.join(os.tmpdir(), 'gateway-streams-'));
    this.flv = new FlvSessions({ root: this.root, fontFile: this.fontFile, offlineGraceMs: this.offlineGraceMs, warn: this.warn });
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
      if (typeof p?.cameraId !== 'string' || typeof p.online !== 'boolean' || !this.online.has(p.cameraId)) continue;
      this.online.set(p.cameraId, p.online);
      this.flv.setOnline(p.cameraId, p.online);
      const encoder = this.encoders.get(p.cameraId);
      if (!encoder) continue;
      if (!p.online) encoder.offlineTimer ??= setTimeout(() => void this.stop(encoder), this.offlineGraceMs).unref();
      else if (encoder.offlineTimer) {
        clearTimeout(encoder.offlineTimer);
        delete encoder.offlineTimer;
      }
    }
  }

  /** Live online state: the pack's flag, then the latest camera.status. Unknown cameras are offline. */
  isOnline(cameraId: string): boolean {
    return this.online.get(cameraId) ?? false;
  }

  /** Running encoders (admin state, tests). */
  running(): string[] {
    return [...this.encoders.keys()];
  }

  /** Process ids of the running encoders, HLS and HTTP-FLV (tests). */
  pids(): number[] {
    return [...[...this.encoders.values()].map((e) => e.process.pid), ...this.flv.pids()].filter((pid): pid is number => pid !== undefined);
  }

  /** Answers `/streams/<cameraId>/<file>?exp=…&sig=…`. */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string, search: URLSearchParams = new URLSearchParams()): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-max-age': '600' });
      return void res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
    const match = /^\/streams\/(\d{20})\/([^/]+)$/.exec(pathname);
    if (!match) return sendJson(res, 404, { error: 'expected /streams/<20-digit camera id>/index.m3u8' });
    const [, cameraId, file] = match as unknown as [string, string, string];
    // Before anything else (even whether the camera exists): only the console's signed URLs play.
    const signed = checkStreamUrl(this.options.urlKey, cameraId, search, this.options.now?.() ?? Date.now());
    if (!signed.ok) return sendJson(res, 403, { error: signed.reason, cameraId });
    if (file === 'live.flv') return this.handleFlv(req, res, cameraId);
    if (!FILE_NAME.test(file)) return sendJson(res, 404, { error: `no such stream file: ${file}` });
    if (!this.cameras.has(cameraId)) {
      const known = this.online.has(cameraId);
      return sendJson(res, 404, { error: known ? `camera ${cameraId} has no stream` : `unknown camera ${cameraId}`, cameraId });
    }
    let encoder = this.encoders.get(cameraId);
    const online = this.online.get(cameraId) ?? false;
    // Offline: no new sessions; a running encoder serves out its grace period.
    if (!online && !encoder) return sendJson(res, 410, { error: `camera ${cameraId} is offline`, cameraId, online: false });
    if (this.closed) return sendJson(res, 503, { error: 'stream service is closing' });

    if (!encoder) {
      if (file !== 'index.m3u8') return sendJson(res, 404, { error: `stream ${cameraId} is not running; request index.m3u8 first`, cameraId });
      const ffmpeg = this.ffmpeg();
      if (!ffmpeg) return sendJson(res, 503, { error: 'ffmpeg is not installed on the gateway host; live video is unavailable (apt-get install ffmpeg)', cameraId });
      if (this.encoders.size + this.flv.size >= this.maxEncoders) {
        return sendJson(res, 503, { error: `too many live streams (limit ${this.maxEncoders}); close a video tile and retry`, cameraId });
      }
      encoder = this.start(this.cameras.get(cameraId)!, ffmpeg);
    }
    encoder.lastRequestAt = Date.now();
    if (!(await encoder.ready)) {
      const detail = encoder.stderr.slice(-3).join(' ').trim();
      return sendJson(res, 502, { error: `encoder for ${cameraId} did not start${detail ? `: ${detail}` : ''}`, cameraId });
    }
    let body: Buffer;
    try {
      body = await readFile(path.join(encoder.dir, file));
    } catch {
      return sendJson(res, 404, { error: `segment ${file} has expired`, cameraId });
    }
    if (file.endsWith('.m3u8')) body = Buffer.from(signPlaylist(body.toString('utf8'), signed.query), 'utf8');
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': file.endsWith('.m3u8') ? 'no-cache, no-store' : 'max-age=60',
      'access-control-allow-origin': '*',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweep);
    const exits = [...this.encoders.values()].map((e) => this.stop(e));
    await Promise.all([...exits, this.flv.close()]);
    process.off('exit', this.onExit);
    rmSync(this.root, { recursive: true, force: true });
  }

  /** `/streams/<id>/live.flv`: one encoder per viewer, piped for as long as the viewer stays. */
  private handleFlv(req: IncomingMessage, res: ServerResponse, cameraId: string): void {
    const camera = this.flvCameras.get(cameraId);
    if (!camera) return sendJson(res, 404, { error: this.online.has(cameraId) ? `camera ${cameraId} has no HTTP-FLV stream` : `unknown camera ${cameraId}`, cameraId });
    if (!(this.online.get(cameraId) ?? false)) return sendJson(res, 410, { error: `camera ${cameraId} is offline`, cameraId, online: false });
    if (this.closed) return sendJson(res, 503, { error: 'stream service is closing' });
    const ffmpeg = this.ffmpeg();
    if (!ffmpeg) return sendJson(res, 503, { error: 'ffmpeg is not installed on the gateway host; live video is unavailable (apt-get install ffmpeg)', cameraId });
    if (this.encoders.size + this.flv.size >= this.maxEncoders) {
      return sendJson(res, 503, { error: `too many live streams (limit ${this.maxEncoders}); close a video tile and retry`, cameraId });
    }
    this.flv.serve(camera, ffmpeg, req, res);
  }

  private ffmpeg(): string | null {
    if (this.ffmpegPath === undefined) this.ffmpegPath = findExecutable(this.options.ffmpeg ?? 'ffmpeg');
    if (this.ffmpegPath === null && !this.warnedMissing) {
      this.warnedMissing = true;
      this.warn(`gateway: ffmpeg not found (${this.options.ffmpeg ?? 'ffmpeg'} on PATH); /streams/* answers 503 until it is installed`);
    }
    return this.ffmpegPath;
  }

  private start(camera: Camera, ffmpeg: string): Encoder {
    const dir = path.join(this.root, camera.id);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let textFile: string | null = null;
    if (this.fontFile) {
      textFile = path.join(dir, 'title.txt');
      writeFileSync(textFile, `${camera.name}  ${camera.kind}`);
    }
    const child = spawn(ffmpeg, ffmpegArgs(dir, textFile, this.fontFile), { stdio: ['ignore', 'ignore', 'pipe'] });
    const encoder: Encoder = { cameraId: camera.id, dir, process: child, lastRequestAt: Date.now(), startedAt: Date.now(), ready: Promise.resolve(false), stderr: [], stopping: false, exited: false, exit: Promise.resolve() };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      encoder.stderr.push(chunk);
      if (encoder.stderr.length > 20) encoder.stderr.shift();
    });
    encoder.exit = new Promise<void>((resolve) => {
      child.once('error', (err) => {
        encoder.stderr.push(err.message);
        encoder.exited = true;
        resolve();
      });
      child.once('exit', () => {
        encoder.exited = true;
        resolve();
      });
    });
    void encoder.exit.then(() => {
      if (this.encoders.get(camera.id) === encoder) {
        this.encoders.delete(camera.id);
        if (!this.closed && !encoder.stopping) this.warn(`gateway: encoder for ${camera.id} exited: ${encoder.stderr.join('').trim().slice(-300) || 'no message'}`);
        rmSync(dir, { recursive: true, force: true });
      }
    });
    encoder.ready = this.waitForPlaylist(encoder);
    this.encoders.set(camera.id, encoder);
    return encoder;
  }

  private async waitForPlaylist(encoder: Encoder): Promise<boolean> {
    const playlist = path.join(encoder.dir, 'index.m3u8');
    const deadline = Date.now() + this.readyTimeoutMs;
    while (Date.now() < deadline) {
      if (encoder.exited) return false;
      if (existsSync(playlist) && readFileSync(playlist, 'utf8').includes('#EXTINF')) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    encoder.stderr.push(`no playlist after ${this.readyTimeoutMs} ms`);
    void this.stop(encoder);
    return false;
  }

  private stopIdle(): void {
    const now = Date.now();
    for (const encoder of this.encoders.values()) if (now - encoder.lastRequestAt > this.idleMs) void this.stop(encoder);
  }

  /** Ends one encoder: SIGTERM, SIGKILL after 2 s; resolves when it has exited. */
  private stop(encoder: Encoder): Promise<void> {
    if (encoder.offlineTimer) clearTimeout(encoder.offlineTimer);
    if (this.encoders.get(encoder.cameraId) === encoder) this.encoders.delete(encoder.cameraId);
    const exited = encoder.exit;
    if (!encoder.exited && !encoder.stopping) {
      encoder.process.kill('SIGTERM');
      const force = setTimeout(() => encoder.exited || encoder.process.kill('SIGKILL'), 2_000);
      force.unref();
      void exited.then(() => clearTimeout(force));
    }
    encoder.stopping = true;
    return exited.then(() => rmSync(encoder.dir, { recursive: true, force: true }));
  }

  private killAll(signal: NodeJS.Signals): void {
    for (const encoder of this.encoders.values()) if (!encoder.exited) encoder.process.kill(signal);
  }
}
