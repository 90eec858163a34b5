import { useEffect, useState, type RefObject } from 'react';
import Hls, { ErrorTypes, Events } from 'hls.js';

export type PlayerState = 'loading' | 'playing' | 'error';

const HLS_MIME = 'application/vnd.apple.mpegurl';

/**
 * Plays a live HLS URL in a <video>: hls.js over Media Source Extensions where available (the
 * same low-latency settings in every browser), otherwise the browser's native HLS. hls.js logs
 * nothing (debug off); fatal errors are retried a few times, then reported as 'error'.
 */
export function useHlsPlayer(videoRef: RefObject<HTMLVideoElement | null>, url: string | null): PlayerState {
  const [state, setState] = useState<PlayerState>('loading');
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !url) return;
    setState('loading');
    const onPlaying = () => setState('playing');
    video.addEventListener('playing', onPlaying);
    let hls: Hls | null = null;
    if (Hls.isSupported()) {
      let recoveries = 0;
      hls = new Hls({
        debug: false,
        enableWorker: true,
        liveSyncDurationCount: 2,
        liveMaxLatencyDurationCount: 5,
        maxBufferLength: 6,
        backBufferLength: 0,
      });
      const player = hls;
      player.on(Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        recoveries += 1;
        if (recoveries > 3) {
          setState('error');
          player.destroy();
        } else if (data.type === ErrorTypes.MEDIA_ERROR) player.recoverMediaError();
        else player.startLoad();
      });
      player.loadSource(url);
      player.attachMedia(video);
    } else if (video.canPlayType(HLS_MIME)) {
      video.src = url;
    } else {
      setState('error');
    }
    return () => {
      video.removeEventListener('playing', onPlaying);
      hls?.destroy();
      video.removeAttribute('src');
      video.load();
    };
  }, [videoRef, url]);
  return state;
}
