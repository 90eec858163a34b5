import { useEffect, useState, type RefObject } from 'react';
import type { CameraStream } from './streamChoice';
import { startPlayer, type PlayerState } from './streamPlayers';

/**
 * Plays a camera's stream (HLS or HTTP-FLV) in a <video> while `stream` is set; the player is
 * rebuilt when the URL changes and destroyed when the tile goes. `fromStart`: look-back.
 */
export function useStreamPlayer(
  videoRef: RefObject<HTMLVideoElement | null>,
  stream: CameraStream | null,
  fromStart = false,
): { state: PlayerState; programTime: number | null } {
  const [state, setState] = useState<PlayerState>('loading');
  const [programTime, setProgramTime] = useState<number | null>(null);
  const protocol = stream?.protocol;
  const url = stream?.url;
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !protocol || !url) return;
    setState('loading');
    setProgramTime(null);
    return startPlayer(
      video,
      { protocol, url },
      { state: setState, programTime: setProgramTime },
      { fromStart },
    );
  }, [videoRef, protocol, url, fromStart]);
  return { state, programTime };
}
