import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NearbyCamera } from '../../../../shared/contract/videoContract';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { pickStream } from './streamChoice';
import { browserCanPlay } from './streamPlayers';
import { useStreamPlayer } from './useStreamPlayer';
import { TileEvidence } from './TileEvidence';
import { useSeatControl } from '../operator';
import type { CameraStream } from './streamChoice';
import type { PlayerState } from './streamPlayers';

/** `data-state` of a tile: the player's own state, or why there is no player. */
export type TileState = PlayerState | 'offline' | 'no-stream';
const LABEL_KEY: Record<TileState, string> = {
  playing: 'video.live',
  loading: 'video.loading',
  stalled: 'video.stalled',
  reconnecting: 'video.reconnecting',
  capped: 'video.capped',
  offline: 'video.offline',
  'no-stream': 'video.noStream',
};

interface Props {
  entry: NearbyCamera;
  online: boolean;
  maximised: boolean;
  onToggleMaximise: () => void;
  /** Where a PTZ dome should look (the alert). */
  target: { lng: number; lat: number } | null;
  /** Look-back: play these streams from their start instead of live ([] = the server has none). */
  lookback?: CameraStream[] | null;
}

/** One camera on the wall: live video with its name, kind and state, or a clear offline card. */
export function VideoTile({ entry, online, maximised, onToggleMaximise, target, lookback = null }: Props) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const { camera } = entry;
  // The gateway serves the streams: while its feed is down, players stop instead of failing requests.
  const gatewayUp = useConsoleState((s) => s.feed?.state === 'connected');
  // Cameras without a playable stream get a clear "no stream" tile, never a broken player.
  const can = browserCanPlay();
  const playable = pickStream(lookback ?? camera.streams, can);
  const stream = online && gatewayUp ? playable : null;
  const videoRef = useRef<HTMLVideoElement>(null);
  const player = useStreamPlayer(videoRef, stream, lookback !== null);
  const [aimNote, setAimNote] = useState<string | null>(null);
  const aimSeat = useSeatControl('cameraAim');
  const state: TileState = !online
    ? 'offline'
    : !playable
      ? 'no-stream'
      : stream
        ? player.state
        : 'reconnecting';
  const label =
    !gatewayUp && online && playable
      ? t('video.gatewayDown')
      : state === 'capped'
        ? t('video.cappedHint')
        : t(LABEL_KEY[state]);

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
      data-mode={lookback ? 'lookback' : 'live'}
      data-program-time={
        stream && player.programTime !== null ? new Date(player.programTime).toISOString() : ''
      }
      onDoubleClick={onToggleMaximise}
    >
      {stream ? (
        <video ref={videoRef} muted autoPlay playsInline disablePictureInPicture aria-label={camera.name} />
      ) : (
        <div className="video-offline">{label}</div>
      )}
      {stream && state !== 'playing' ? <div className="video-overlay">{label}</div> : null}
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
        <span className={`video-state-badge state-${state}`} data-testid="video-tile-state" title={label}>
          {t(LABEL_KEY[state])}
        </span>
      </div>
      <div className="video-tile-tools">
        {stream ? (
          <TileEvidence
            cameraId={camera.id}
            videoRef={videoRef}
            programTime={lookback ? player.programTime : null}
          />
        ) : null}
        {entry.aim && online && target ? (
          <button
            type="button"
            data-testid="video-aim"
            onClick={aim}
            disabled={!aimSeat.allowed}
            title={aimSeat.hint ?? t('video.aim')}
          >
            ⊕
          </button>
        ) : null}
        <button
          type="button"
          data-testid="video-maximise"
          onClick={onToggleMaximise}
          title={maximised ? t('video.restore') : t('video.maximise')}
        >
          {maximised ? '⤡' : '⤢'}
        </button>
      </div>
      {aimNote ? <div className="video-aim-note">{aimNote}</div> : null}
    </div>
  );
}
