import Hls, { ErrorTypes, Events } from 'hls.js';
import mpegts from 'mpegts.js';
import type { CameraStream, PlayableProtocols } from './streamChoice';

/** What a running player reports; the tile adds offline / no-stream around it. */
export type PlayerState = 'loading' | 'playing' | 'stalled' | 'reconnecting' | 'capped';

export interface PlayerEvents {
  state(state: PlayerState): void;
  /** The wall-clock moment on screen (HLS program date time), when the stream carries one. */
  programTime?(ms: number | null): void;
}

const HLS_MIME = 'application/vnd.apple.mpegurl';
/** Retry delays after a stream dies: 1 s, doubling, at most 30 s. */
export const backoffMs = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
/** No new picture for this long while playing: stalled. Five times as long: the player is rebuilt. */
const STALL_MS = 4000;
/** The media server's "stream limit reached" answer (gateway/streams/streamService.ts). */
const CAPPED_STATUS = 429;

// mpegts.js logs through console.* by default; a player's troubles show in its tile instead.
mpegts.LoggingControl.applyConfig({ enableAll: false });

/** What this browser can play (hls.js or native HLS; mpegts.js needs MSE live playback). */
export function browserCanPlay(): PlayableProtocols {
  capabilities ??= {
    hls: Hls.isSupported() || document.createElement('video').canPlayType(HLS_MIME) !== '',
    flv: mpegts.isSupported() && mpegts.getFeatureList().mseLivePlayback,
  };
  return capabilities;
}
let capabilities: PlayableProtocols | null = null;

/** Decoders alive right now (hls.js and mpegts.js instances): a wall must never hold more than its tiles. */
let livePlayers = 0;
export const livePlayerCount = (): number => livePlayers;

interface Engine {
  destroy(): void;
  programTime(): number | null;
}
/** A fatal failure: `status` is the HTTP status when the server answered one. */
type Fail = (status: number | null) => void;

/**
 * HLS through hls.js over Media Source Extensions where available (the same low-latency
 * settings in every browser), otherwise the browser's native HLS. `fromStart`: a look-back
 * (EVENT) playlist plays from its first segment instead of the live edge.
 */
function hlsEngine(video: HTMLVideoElement, url: string, fromStart: boolean, fail: Fail): Engine {
  if (!Hls.isSupported()) {
    video.src = url;
    const onError = () => fail(null);
    video.addEventListener('error', onError, { once: true });
    return { destroy: () => video.removeEventListener('error', onError), programTime: () => null };
  }
  const hls = new Hls({
    debug: false,
    enableWorker: true,
    liveSyncDurationCount: 2,
    liveMaxLatencyDurationCount: 5,
    maxBufferLength: 6,
    backBufferLength: 0,
    ...(fromStart
      ? { startPosition: 0, liveMaxLatencyDurationCount: Infinity, liveSyncDurationCount: 2 }
      : {}),
  });
  livePlayers += 1;
  let destroyed = false;
  let mediaRecoveries = 0;
  hls.on(Events.ERROR, (_event, data) => {
    if (!data.fatal || destroyed) return;
    // One in-place recovery for a decode hiccup; anything else rebuilds the player with backoff.
    if (data.type === ErrorTypes.MEDIA_ERROR && mediaRecoveries++ === 0) return hls.recoverMediaError();
    fail(data.response?.code ?? null);
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  return {
    destroy() {
      if (destroyed) return;
      destroyed = true;
      livePlayers -= 1;
      hls.destroy();
    },
    programTime: () => hls.playingDate?.getTime() ?? null,
  };
}

/**
 * HTTP-FLV through mpegts.js (MSE), chasing the live edge. No worker: the console's CSP allows
 * no blob: workers, and one small stream per tile transmuxes cheaply on the main thread.
 */
function flvEngine(video: HTMLVideoElement, url: string, fail: Fail): Engine {
  const player = mpegts.createPlayer(
    { type: 'flv', isLive: true, hasAudio: false, hasVideo: true, url },
    { enableWorker: false, enableStashBuffer: false, liveBufferLatencyChasing: true, lazyLoad: false },
  );
  livePlayers += 1;
  let destroyed = false;
  player.on(mpegts.Events.ERROR, (_type: unknown, _detail: unknown, info: { code?: number } | undefined) => {
    if (!destroyed) fail(typeof info?.code === 'number' && info.code > 0 ? info.code : null);
  });
  player.attachMediaElement(video);
  player.load();
  void Promise.resolve(player.play()).catch(() => {
    // Autoplay of a muted video is allowed; a refusal here only means a reload raced us.
  });
  return {
    destroy() {
      if (destroyed) return;
      destroyed = true;
      livePlayers -= 1;
      player.destroy();
    },
    programTime: () => null,
  };
}

/**
 * Plays one stream in a <video> for as long as the tile lives: reports playing, stalled (no new
 * picture for 4 s), reconnecting (the stream died; rebuilt after 1, 2, 4 … 30 s) and capped (the
 * media server is at its stream limit; retried the same way). Returns the stop function, which
 * leaves no decoder, timer or listener behind.
 */
export function startPlayer(
  video: HTMLVideoElement,
  stream: CameraStream,
  events: PlayerEvents,
  options: { fromStart?: boolean } = {},
): () => void {
  let engine: Engine | null = null;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let state: PlayerState = 'loading';
  let lastTime = -1;
  let lastProgress = Date.now();
  let stopped = false;
  const set = (next: PlayerState) => {
    if (next === state) return;
    state = next;
    events.state(next);
  };
  const teardown = () => {
    engine?.destroy();
    engine = null;
  };
  const open = () => {
    retry = null;
    lastProgress = Date.now();
    const fail: Fail = (status) => {
      if (stopped) return;
      teardown();
      attempt += 1;
      set(status === CAPPED_STATUS ? 'capped' : 'reconnecting');
      retry = setTimeout(open, backoffMs(attempt));
    };
    engine =
      stream.protocol === 'hls'
        ? hlsEngine(video, stream.url, options.fromStart ?? false, fail)
        : flvEngine(video, stream.url, fail);
  };
  const onPlaying = () => {
    attempt = 0;
    lastProgress = Date.now();
    set('playing');
  };
  video.addEventListener('playing', onPlaying);
  // Health: the picture must keep moving; a stream that stops moving is rebuilt.
  const watch = setInterval(() => {
    if (!engine) return;
    events.programTime?.(engine.programTime());
    const now = Date.now();
    if (video.currentTime !== lastTime) {
      lastTime = video.currentTime;
      lastProgress = now;
      if (state === 'stalled') set('playing');
      return;
    }
    if (state === 'playing' && now - lastProgress > STALL_MS) set('stalled');
    else if (now - lastProgress > 5 * STALL_MS) {
      teardown();
      attempt += 1;
      set('reconnecting');
      retry = setTimeout(open, backoffMs(attempt));
    }
  }, 1000);
  if (stream.protocol !== 'hls' && stream.protocol !== 'flv') set('reconnecting');
  else open();
  return () => {
    stopped = true;
    clearInterval(watch);
    if (retry) clearTimeout(retry);
    video.removeEventListener('playing', onPlaying);
    teardown();
    video.removeAttribute('src');
    video.load();
  };
}

declare global {
  interface Window {
    /** Test hook: how many decoders are alive (tests/e2e/video.spec.ts). */
    __videoDebug?: () => { players: number };
  }
}
window.__videoDebug = () => ({ players: livePlayers });
