import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Camera } from '../../shared/domain/camera';
import { encoderArgs, overlayText, type EncoderProfile } from './ffmpeg';

/**
 * Live HTTP-FLV (`/streams/<id>/live.flv`), the other protocol Chinese media gateways
 * (ZLMediaKit, SRS) serve to browsers. Unlike HLS there is nothing to share between viewers:
 * each request gets its own ffmpeg writing FLV to stdout, piped into the chunked response, and
 * the encoder ends when the viewer disconnects, the camera goes offline or the gateway closes.
 */
export interface FlvSessionsOptions {
  root: string;
  profile: EncoderProfile;
  /** How long a viewer keeps its stream after the camera went offline (see StreamService). */
  offlineGraceMs: number;
  warn: (message: string) => void;
}

interface Session {
  cameraId: string;
  process: ChildProcess;
  res: ServerResponse;
  exit: Promise<void>;
  offlineTimer?: NodeJS.Timeout;
}

export function flvArgs(
  textFile: string | null,
  fontFile: string | null,
  profile?: EncoderProfile,
): string[] {
  // No duration or file size to patch in at the end: the stream is live and never ends.
  return [
    ...encoderArgs(textFile, fontFile, profile),
    '-f',
    'flv',
    '-flvflags',
    'no_duration_filesize',
    'pipe:1',
  ];
}

export class FlvSessions {
  private readonly sessions = new Set<Session>();

  constructor(private readonly options: FlvSessionsOptions) {}

  get size(): number {
    return this.sessions.size;
  }

  pids(): number[] {
    return [...this.sessions].map((s) => s.process.pid).filter((pid): pid is number => pid !== undefined);
  }

  serve(
    camera: Camera,
    ffmpeg: string,
    fontFile: string | null,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    let textFile: string | null = null;
    if (fontFile) {
      textFile = path.join(this.options.root, `${camera.id}-flv-title.txt`);
      writeFileSync(textFile, overlayText({ ...camera, kind: `${camera.kind} FLV` }, null));
    }
    const child = spawn(ffmpeg, flvArgs(textFile, fontFile, this.options.profile), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr.push(chunk);
      if (stderr.length > 20) stderr.shift();
    });
    const session: Session = {
      cameraId: camera.id,
      process: child,
      res,
      exit: new Promise<void>((resolve) => {
        child.once('error', () => resolve());
        child.once('exit', () => resolve());
      }),
    };
    this.sessions.add(session);
    res.writeHead(200, {
      'content-type': 'video/x-flv',
      'cache-control': 'no-cache, no-store',
      'access-control-allow-origin': '*',
    });
    if (req.method === 'HEAD') {
      res.end();
      this.end(session);
      return;
    }
    child.stdout?.pipe(res);
    const stopped = () => this.end(session);
    res.once('close', stopped);
    req.once('close', stopped);
    void session.exit.then(() => {
      const known = this.sessions.delete(session);
      if (known && !res.writableEnded) {
        this.options.warn(
          `gateway: FLV encoder for ${camera.id} exited: ${stderr.join('').trim().slice(-300) || 'no message'}`,
        );
        res.end();
      }
    });
  }

  /** A camera went offline (or back online): its viewers keep the stream for the grace period. */
  setOnline(cameraId: string, online: boolean): void {
    for (const s of this.sessions) {
      if (s.cameraId !== cameraId) continue;
      if (!online) s.offlineTimer ??= setTimeout(() => void this.end(s), this.options.offlineGraceMs).unref();
      else if (s.offlineTimer) {
        clearTimeout(s.offlineTimer);
        delete s.offlineTimer;
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.sessions].map((s) => this.end(s)));
  }

  killAll(signal: NodeJS.Signals): void {
    for (const s of this.sessions) s.process.kill(signal);
  }

  /** Ends one viewer: SIGTERM, SIGKILL after 2 s; resolves when the encoder has exited. */
  private end(session: Session): Promise<void> {
    if (session.offlineTimer) clearTimeout(session.offlineTimer);
    if (!this.sessions.delete(session)) return session.exit;
    if (!session.res.writableEnded) session.res.end();
    session.process.kill('SIGTERM');
    const force = setTimeout(() => session.process.kill('SIGKILL'), 2_000);
    force.unref();
    return session.exit.then(() => clearTimeout(force));
  }
}
