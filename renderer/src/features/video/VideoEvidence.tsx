import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VideoEvidence as Evidence, VideoSnapshot } from '../../../../shared/contract/evidenceContract';
import { useConsoleApi } from '../../app/ConsoleContext';

const clock = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false });

/** The alert's snapshots and marks, refetched whenever the host says they changed. */
export function useVideoEvidence(alertId: string): Evidence | null {
  const api = useConsoleApi();
  const [evidence, setEvidence] = useState<Evidence | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(
    () => api.subscribe['evidence.changed']((e) => e.alertId === alertId && setVersion((v) => v + 1)),
    [api, alertId],
  );
  useEffect(() => {
    let cancelled = false;
    api.requests['evidence.list']({ alertId }).then(
      (e) => !cancelled && setEvidence(e),
      () => !cancelled && setEvidence(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api, alertId, version]);
  return evidence && evidence.alertId === alertId ? evidence : null;
}

/** A stored snapshot's thumbnail (loaded from the host); a click shows it full size. */
function Thumbnail({ snapshot, label }: { snapshot: VideoSnapshot; label: string }) {
  const api = useConsoleApi();
  const [src, setSrc] = useState<string | null>(null);
  const [full, setFull] = useState(false);
  useEffect(() => {
    let cancelled = false;
    api.requests['evidence.image']({ id: snapshot.id }).then(
      (img) => !cancelled && setSrc(`data:${img.mime};base64,${img.dataBase64}`),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [api, snapshot.id]);
  if (!src) return null;
  return (
    <>
      <img src={src} alt={label} data-testid="video-evidence-thumb" onClick={() => setFull(true)} />
      {full ? (
        <div className="video-evidence-full" role="dialog" aria-label={label} onClick={() => setFull(false)}>
          <img src={src} alt={label} />
        </div>
      ) : null}
    </>
  );
}

/** In the alert detail: the snapshots and marked moments taken from the wall, oldest first. */
export function VideoEvidence({
  alertId,
  cameraNames,
}: {
  alertId: string;
  cameraNames?: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const evidence = useVideoEvidence(alertId);
  const name = (id: string) => cameraNames?.get(id) ?? id;
  if (!evidence) return null;
  const items = [
    ...evidence.snapshots.map((s) => ({ at: s.takenAt, key: `s${s.id}`, snapshot: s, mark: null })),
    ...evidence.marks.map((m) => ({ at: m.at, key: `m${m.id}`, snapshot: null, mark: m })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section className="video-evidence" data-testid="video-evidence" aria-label={t('video.snapshots')}>
      <h3>{t('video.snapshots')}</h3>
      {items.length === 0 ? <p className="panel-empty">{t('video.noSnapshots')}</p> : null}
      <ol>
        {items.map(({ key, snapshot, mark }) =>
          snapshot ? (
            <li
              key={key}
              data-testid="video-evidence-snapshot"
              data-camera-id={snapshot.cameraId}
              data-file={snapshot.file}
            >
              <span className="evidence-time">{clock(snapshot.takenAt)}</span>
              <Thumbnail
                snapshot={snapshot}
                label={`${t('video.snapshot')} ${name(snapshot.cameraId)} ${clock(snapshot.takenAt)}`}
              />
              <span>{name(snapshot.cameraId)}</span>
              <span className="timeline-operator">{snapshot.operator}</span>
            </li>
          ) : mark ? (
            <li key={key} data-testid="video-evidence-mark" data-camera-id={mark.cameraId}>
              <span className="evidence-time">{clock(mark.at)}</span>
              <span>⚑ {name(mark.cameraId)}</span>
              {mark.note ? <span className="timeline-note">{mark.note}</span> : null}
              <span className="timeline-operator">{mark.operator}</span>
            </li>
          ) : null,
        )}
      </ol>
    </section>
  );
}
