import type { Camera } from '../../../../shared/domain/camera';

export type CameraStream = Camera['streams'][number];
export interface PlayableProtocols {
  hls: boolean;
  flv: boolean;
}

/**
 * The stream a tile plays: the first in the pack's order (its preference) that this browser can
 * play. WebRTC/WHEP needs a media gateway the demo does not run, so it is never chosen: such a
 * camera shows a clear "no stream" tile rather than a broken player.
 */
export function pickStream(streams: readonly CameraStream[], can: PlayableProtocols): CameraStream | null {
  return streams.find((s) => (s.protocol === 'hls' && can.hls) || (s.protocol === 'flv' && can.flv)) ?? null;
}
