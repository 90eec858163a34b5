import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NearbyCamera } from '../../../../shared/contract/videoContract';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { pickStream } from './streamChoice';
import { browserCanPlay } from './streamPlayers';
import { useStreamPlayer } from './useStreamPlayer';
import { useSeatControl } from '../operator';

export type TileState = 'playing' | 'offline' | 'loading' | 'error';

interface Props {
  entry: NearbyCamera;
  online: boolean;
  maximised: boolean;
  onToggleMaximise: () => void;
  /** Where a PTZ dome should look (the alert). */
  target: { lng: number; lat: number } | null;
}


/** One camera on the wall: live video with its name, kind and state, or a clear offline card. */
export function VideoTile({ entry, online, maximised, onToggleMaximise, target }: Props) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const { camera } = entry;
  // The gateway serves the streams: while its feed is down, players stop instead of failing requests.
  const gatewayUp = useConsoleState((s) => s.feed?.state === 'connected');
  // Cameras without a playable stream get an offline tile, never a broken player.
  const playable = pickStream(camera.streams, browserCanPlay());
  const stream = online && gatewayUp ? playable : null;
  const videoRef = useRef<HTMLVideoElement>(null);
  const player = useStreamPlayer(videoRef, stream);
  const [aimNote, setAimNote] = useState<string | null>(null);
  const aimSeat = useSeatControl('cameraAim');
  const state: TileState = stream ? player : 'offline';
  const label = state === 'playing' ? t('video.live') : state === 'offline' ? (online && (gatewayUp || !playable) ? t('video.noStream') : t('video.offline')) : state === 'error' ? t('video.error') : t('video.loading');

  const aim = () => {
    if (!target) return;
    api.requests['cameras.aim']({ cameraId: camera.id, ...target }).then(
      (r) => setAimNote(t('video.aimed', { pan: r.pan.toFixed(0), tilt: r.tilt.toFixed(0) })),
      (err: unknown) => setAimNote(err instanceof Error ? err.message : String(err)),
    );
  };

  return (
    <div
      className={`video-tile state-${state}${maximised ? ' maximised' : ''}`}
      data-testid="video-tile"
      data-camera-id={camera.id}
      data-state={state}
      data-protocol={stream?.protocol ?? ''}
      onDoubleClick={onToggleMaximise}
    >
      {stream ? <video ref={videoRef} muted autoPlay playsInline disablePictureInPicture aria-label={camera.name} /> : <div className="video-offline">{label}</div>}
      <div className="video-tile-caption">
        <span className={`kind-badge kind-${camera.kind}`}>{t(`cameraKind.${camera.kind}`)}</span>
        <span className="video-tile-name" title={camera.name}>
          {camera.name}
        </span>
        {entry.covers ? (
          <span className="video-covers" title={t('video.covers')}>
            ◉
          </span>
        ) : null}
        <span className={`video-state-badge state-${state}`} data-testid="video-tile-state">
          {label}
        </span>
      </div>
      <div className="video-tile-tools">
        {entry.aim && online && target ? (
          <button type="button" data-testid="video-aim" onClick={aim} disabled={!aimSeat.allowed} title={aimSeat.hint ?? t('video.aim')}>
            ⊕
          </button>
        ) : null}
        <button type="button" data-testid="video-maximise" onClick={onToggleMaximise} title={maximised ? t('video.restore') : t('video.maximise')}>
          {maximised ? '⤡' : '⤢'}
        </button>
      </div>
      {aimNote ? <div className="video-aim-note">{aimNote}</div> : null}
    </div>
  );
}
