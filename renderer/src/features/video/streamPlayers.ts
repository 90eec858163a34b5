import Hls, { ErrorTypes, Events } from 'hls.js';
import mpegts from 'mpegts.js';
import type { CameraStream, PlayableProtocols } from './streamChoice';

export type PlayerState = 'loading' | 'playing' | 'error';
type SetState = (state: PlayerState) => void;

const HLS_MIME = 'application/vnd.apple.mpegurl';
/** Fatal errors retried this many times before the tile says "playback failed". */
const MAX_RECOVERIES = 3;

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

/**
 * HLS through hls.js over Media Source Extensions where available (the same low-latency
 * settings in every browser), otherwise the browser's native HLS.
 */
function startHls(video: HTMLVideoElement, url: string, setState: SetState): () => void {
  if (!Hls.isSupported()) {
    if (video.canPlayType(HLS_MIME)) video.src = url;
    else setState('error');
    return () => {};
  }
  let recoveries = 0;
  const hls = new Hls({ debug: false, enableWorker: true, liveSyncDurationCount: 2, liveMaxLatencyDurationCount: 5, maxBufferLength: 6, backBufferLength: 0 });
  hls.on(Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    recoveries += 1;
    if (recoveries > MAX_RECOVERIES) {
      setState('error');
      hls.destroy();
    } else if (data.type === ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
    else hls.startLoad();
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  return () => hls.destroy();
}

/**
 * HTTP-FLV through mpegts.js (MSE), chasing the live edge. No worker: the console's CSP allows
 * no blob: workers, and one 320p stream per tile transmuxes cheaply on the main thread.
 */
function startFlv(video: HTMLVideoElement, url: string, setState: SetState): () => void {
  let player: mpegts.Player | null = null;
  let recoveries = 0;
  const open = () => {
    player = mpegts.createPlayer({ type: 'flv', isLive: true, hasAudio: false, hasVideo: true, url }, { enableWorker: false, enableStashBuffer: false, liveBufferLatencyChasing: true, lazyLoad: false });
    const current = player;
    current.on(mpegts.Events.ERROR, () => {
      current.destroy();
      if (player !== current) return;
      player = null;
      recoveries += 1;
      if (recoveries > MAX_RECOVERIES) setState('error');
      else open();
    });
    current.attachMediaElement(video);
    current.load();
    void Promise.resolve(current.play()).catch(() => {
      // Autoplay of a muted video is allowed; a refusal here only means a reload raced us.
    });
  };
  open();
  return () => {
    const p = player;
    player = null;
    p?.destroy();
  };
}

export function startPlayer(video: HTMLVideoElement, stream: CameraStream, setState: SetState): () => void {
  if (stream.protocol === 'hls') return startHls(video, stream.url, setState);
  if (stream.protocol === 'flv') return startFlv(video, stream.url, setState);
  setState('error');
  return () => {};
}
