import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { useSeatControl } from '../operator';
import { CaptureError, captureNextFrame } from './captureFrame';

const clock = (ms: number) => new Date(ms).toLocaleTimeString('zh-CN', { hour12: false });
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * A tile's evidence tools: a snapshot of its current frame, and a marked moment (time + note)
 * into the selected alert's record. In look-back the moment is the picture's own time. A stalled
 * tile's last picture may be taken too; a tile with no picture yet says so.
 */
export function TileEvidence({
  cameraId,
  videoRef,
  programTime,
}: {
  cameraId: string;
  videoRef: RefObject<HTMLVideoElement | null>;
  programTime: number | null;
}) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const alertId = useConsoleState((s) => s.selectedAlertId);
  const seat = useSeatControl('videoEvidence');
  const [note, setNote] = useState<string | null>(null);
  const [marking, setMarking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!alertId) return null;
  const snapshot = () => {
    const video = videoRef.current;
    if (!video) return setNote(t('video.capture.noFrame'));
    setBusy(true);
    setNote(null);
    captureNextFrame(video)
      .then((image) => api.requests['evidence.snapshot']({ alertId, cameraId, image }))
      .then(
        () => setNote(t('video.snapshotSaved')),
        (err: unknown) =>
          setNote(err instanceof CaptureError ? t(`video.capture.${err.reason}`) : message(err)),
      )
      .finally(() => setBusy(false));
  };
  const mark = (text: string) => {
    const at = new Date(programTime ?? Date.now()).toISOString();
    api.requests['evidence.mark']({ alertId, cameraId, at, note: text.trim() }).then(
      (m) => {
        setMarking(null);
        setNote(t('video.markSaved', { time: clock(Date.parse(m.at)) }));
      },
      (err: unknown) => setNote(message(err)),
    );
  };
  return (
    <>
      <button
        type="button"
        data-testid="video-snapshot"
        aria-label={t('video.snapshot')}
        disabled={!seat.allowed || busy}
        title={seat.hint ?? t('video.snapshot')}
        onClick={snapshot}
      >
        📷
      </button>
      <button
        type="button"
        data-testid="video-mark"
        aria-label={t('video.mark')}
        disabled={!seat.allowed}
        aria-pressed={marking !== null}
        title={seat.hint ?? t('video.mark')}
        onClick={() => setMarking((m) => (m === null ? '' : null))}
      >
        ⚑
      </button>
      {marking !== null ? (
        <form
          className="video-mark-form"
          onSubmit={(e) => {
            e.preventDefault();
            mark(marking);
          }}
        >
          <input
            data-testid="video-mark-note"
            aria-label={t('video.markNote')}
            placeholder={t('video.markNote')}
            maxLength={500}
            value={marking}
            onChange={(e) => setMarking(e.target.value)}
            autoFocus
          />
          <button type="submit" data-testid="video-mark-save">
            {t('video.mark')}
          </button>
        </form>
      ) : null}
      {note ? (
        <div className="video-evidence-note" data-testid="video-evidence-note" role="status">
          {note}
        </div>
      ) : null}
    </>
  );
}
