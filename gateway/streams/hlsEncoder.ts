import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One ffmpeg writing HLS into its own folder: started, watched until its playlist has a segment,
 * stopped (SIGTERM, SIGKILL after 2 s) and its folder removed. Live streams and look-back
 * streams are both this; they differ only in their arguments.
 */
export interface HlsEncoderOptions {
  key: string;
  cameraId: string;
  dir: string;
  ffmpeg: string;
  args: (textFile: string | null) => string[];
  /** On-screen text (see overlayText); null when the picture carries no text. */
  text: string | null;
  readyTimeoutMs: number;
  /** Called once when the process ends without being asked to (crash). */
  onCrash: (encoder: HlsEncoder, detail: string) => void;
}

export class HlsEncoder {
  readonly key: string;
  readonly cameraId: string;
  readonly dir: string;
  readonly startedAt = Date.now();
  lastRequestAt = Date.now();
  /** Resolves when the playlist has a segment (true) or the encoder died / timed out (false). */
  readonly ready: Promise<boolean>;
  /** Resolves when the process has exited (or failed to spawn). */
  readonly exit: Promise<void>;
  /** True once the first playlist is there (or the start failed): only then can it be idle. */
  settled = false;
  /** Pending stop after the camera went offline. */
  offlineTimer?: NodeJS.Timeout;
  private readonly process: ChildProcess;
  private readonly stderr: string[] = [];
  private exited = false;
  private stopping = false;

  constructor(private readonly options: HlsEncoderOptions) {
    this.key = options.key;
    this.cameraId = options.cameraId;
    this.dir = options.dir;
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    let textFile: string | null = null;
    if (options.text !== null) {
      textFile = path.join(this.dir, 'title.txt');
      writeFileSync(textFile, options.text);
    }
    this.process = spawn(options.ffmpeg, options.args(textFile), { stdio: ['ignore', 'ignore', 'pipe'] });
    this.process.stderr?.setEncoding('utf8');
    this.process.stderr?.on('data', (chunk: string) => {
      this.stderr.push(chunk);
      if (this.stderr.length > 20) this.stderr.shift();
    });
    this.exit = new Promise<void>((resolve) => {
      this.process.once('error', (err) => {
        this.stderr.push(err.message);
        this.exited = true;
        resolve();
      });
      this.process.once('exit', () => {
        this.exited = true;
        resolve();
      });
    });
    void this.exit.then(() => {
      if (!this.stopping) options.onCrash(this, this.detail() || 'no message');
      rmSync(this.dir, { recursive: true, force: true });
    });
    this.ready = this.waitForPlaylist().finally(() => (this.settled = true));
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** The last lines ffmpeg wrote to stderr. */
  detail(): string {
    return this.stderr.join('').trim().slice(-300);
  }

  /** Ends the encoder; resolves when it has exited and its folder is gone. */
  stop(): Promise<void> {
    if (this.offlineTimer) clearTimeout(this.offlineTimer);
    if (!this.exited && !this.stopping) {
      this.process.kill('SIGTERM');
      const force = setTimeout(() => this.exited || this.process.kill('SIGKILL'), 2_000);
      force.unref();
      void this.exit.then(() => clearTimeout(force));
    }
    this.stopping = true;
    return this.exit.then(() => rmSync(this.dir, { recursive: true, force: true }));
  }

  kill(signal: NodeJS.Signals): void {
    if (!this.exited) this.process.kill(signal);
  }

  private async waitForPlaylist(): Promise<boolean> {
    const playlist = path.join(this.dir, 'index.m3u8');
    const deadline = Date.now() + this.options.readyTimeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) return false;
      if (existsSync(playlist) && readFileSync(playlist, 'utf8').includes('#EXTINF')) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    this.stderr.push(`no playlist after ${this.options.readyTimeoutMs} ms`);
    void this.stop();
    return false;
  }
}

/**
 * Gives every segment of a look-back playlist the moment it shows: the chosen start plus the
 * durations before it. ffmpeg would stamp the wall clock; the synthetic past starts at `from`.
 */
export function withProgramDateTimes(playlist: string, fromEpochMs: number): string {
  let offsetMs = 0;
  const out: string[] = [];
  for (const line of playlist.split('\n')) {
    if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME')) continue;
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (extinf) {
      out.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(fromEpochMs + offsetMs).toISOString()}`);
      offsetMs += Math.round(Number(extinf[1]) * 1000);
    }
    out.push(line);
  }
  return out.join('\n');
}
