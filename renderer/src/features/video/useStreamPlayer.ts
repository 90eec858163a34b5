import { useEffect, useState, type RefObject } from 'react';
import type { CameraStream } from './streamChoice';
import { startPlayer, type PlayerState } from './streamPlayers';

/** Plays a camera's live stream (HLS or HTTP-FLV) in a <video>; 'error' after retries fail. */
export function useStreamPlayer(videoRef: RefObject<HTMLVideoElement | null>, stream: CameraStream | null): PlayerState {
  const [state, setState] = useState<PlayerState>('loading');
  const protocol = stream?.protocol;
  const url = stream?.url;
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !protocol || !url) return;
    setState('loading');
    const onPlaying = () => setState('playing');
    video.addEventListener('playing', onPlaying);
    const stop = startPlayer(video, { protocol, url }, setState);
    return () => {
      video.removeEventListener('playing', onPlaying);
      stop();
      video.removeAttribute('src');
      video.load();
    };
  }, [videoRef, protocol, url]);
  return state;
}
