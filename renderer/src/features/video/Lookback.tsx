import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi } from '../../app/ConsoleContext';
import type { CameraStream } from './streamChoice';

/** Minutes before the report a look-back may start at; the first is the default. */
export const LOOKBACK_MINUTES = [2, 1, 5, 10] as const;

export interface LookbackState {
  /** Unix ms the look-back starts at, or null while live. */
  fromMs: number | null;
  /** Look-back streams by camera id ([] where the media server offers none); null while live or loading. */
  streams: Map<string, CameraStream[]> | null;
  start(minutes: number): void;
  live(): void;
}

/**
 * Look-back (回放) for the wall: every camera from a chosen time before the alert's report.
 * A new alert, or none, goes back to live.
 */
export function useLookback(cameraIds: readonly string[], reportedAtMs: number | null): LookbackState {
  const api = useConsoleApi();
  const [fromMs, setFromMs] = useState<number | null>(null);
  const [result, setResult] = useState<{ key: string; streams: Map<string, CameraStream[]> } | null>(null);
  useEffect(() => setFromMs(null), [reportedAtMs]);
  const key = `${fromMs}|${cameraIds.join(',')}`;
  useEffect(() => {
    if (fromMs === null || cameraIds.length === 0) return;
    let cancelled = false;
    api.requests['cameras.lookback']({ ids: [...cameraIds], fromMs }).then(
      (list) => !cancelled && setResult({ key, streams: new Map(list.map((l) => [l.cameraId, l.streams])) }),
      () => !cancelled && setResult({ key, streams: new Map() }),
    );
    return () => {
      cancelled = true;
    };
    // `key` stands for fromMs and the camera ids.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
  return {
    fromMs,
    streams: fromMs !== null && result?.key === key ? result.streams : null,
    start: (minutes) =>
      reportedAtMs !== null && setFromMs(Math.min(Date.now(), reportedAtMs) - minutes * 60_000),
    live: () => setFromMs(null),
  };
}

const clock = (ms: number) => new Date(ms).toLocaleTimeString('zh-CN', { hour12: false });

/** The wall's look-back controls: start N minutes before the report, back to live, and a time bar with the report marked. */
export function LookbackBar({ state, reportedAtMs }: { state: LookbackState; reportedAtMs: number | null }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState<number>(LOOKBACK_MINUTES[0]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.fromMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state.fromMs]);
  if (reportedAtMs === null) return null;
  const { fromMs } = state;
  const span = fromMs === null ? 1 : Math.max(1, now - fromMs);
  const at = (ms: number) => `${Math.min(100, Math.max(0, ((ms - (fromMs ?? 0)) / span) * 100)).toFixed(1)}%`;
  return (
    <div
      className="video-lookback"
      data-testid="video-lookback"
      data-mode={fromMs === null ? 'live' : 'lookback'}
      data-from={fromMs === null ? '' : new Date(fromMs).toISOString()}
    >
      {fromMs === null ? (
        <>
          <select
            aria-label={t('video.lookbackFrom')}
            value={minutes}
            onChange={(e) => setMinutes(Number(e.target.value))}
            data-testid="video-lookback-minutes"
          >
            {[...LOOKBACK_MINUTES]
              .sort((a, b) => a - b)
              .map((m) => (
                <option key={m} value={m}>
                  {t('video.lookbackMinutes', { m })}
                </option>
              ))}
          </select>
          <button type="button" data-testid="video-lookback-start" onClick={() => state.start(minutes)}>
            {t('video.lookback')}
          </button>
        </>
      ) : (
        <>
          <button type="button" className="active" data-testid="video-lookback-live" onClick={state.live}>
            {t('video.backToLive')}
          </button>
          <span className="video-lookback-from">{t('video.lookbackAt', { time: clock(fromMs) })}</span>
          <div className="video-timebar" data-testid="video-timebar" aria-hidden>
            <span
              className="video-timebar-report"
              style={{ left: at(reportedAtMs) }}
              title={`${t('video.reportMark')} ${clock(reportedAtMs)}`}
            />
          </div>
        </>
      )}
    </div>
  );
}
