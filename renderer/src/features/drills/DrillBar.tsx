import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillClock, DrillControl } from '../../../../shared/contract/drillContract';
import { useConsoleApi } from '../../app/ConsoleContext';
import { formatScenarioTime, useDrill } from './useDrill';
import { useSeatControl } from '../operator';

const DrillReport = lazy(() => import('./DrillReport'));
const SPEEDS = [1, 5, 10, 20] as const;

/** Drill mode only: the 演练 / DRILL banner, replay controls and the after-action report. */
export function DrillBar() {
  const drill = useDrill();
  if (!drill) return null;
  return (
    <div className="drill-bar">
      <DrillBanner />
      <DrillControls />
    </div>
  );
}

/** The unmistakable 演练 / DRILL mark, on every console window (main, pop-out wall); nothing when live. */
export function DrillBanner() {
  const drill = useDrill();
  if (!drill) return null;
  // Bilingual on purpose, whatever the UI language: a drill must never pass for live work.
  return (
    <span className="drill-banner" data-testid="drill-banner" title={drill.name ?? drill.scenarioId}>
      演练 / DRILL · {drill.scenarioId}
    </span>
  );
}

function DrillControls() {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const [clock, setClock] = useState<DrillClock | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reportOpen, setReportOpen] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      void api.requests['drill.clock']().then(
        (c) => {
          if (cancelled) return;
          setClock(c);
          setError(null);
        },
        (err: unknown) => !cancelled && setError(err instanceof Error ? err.message : String(err)),
      );
    load();
    const timer = setInterval(load, 1000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api]);

  const control = useCallback(
    (change: DrillControl) =>
      void api.requests['drill.control'](change).then(
        (c) => {
          setClock(c);
          setError(null);
        },
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      ),
    [api],
  );

  // The drill clock is the trainer's (or a supervisor's); the host refuses anyone else too.
  const seat = useSeatControl('drillClock');
  return (
    <div className="drill-controls" data-testid="drill-controls">
      {seat.allowed ? null : (
        <span className="seat-hint" data-testid="drill-clock-hint">
          {seat.hint}
        </span>
      )}
      {clock?.paused ? (
        <button
          type="button"
          data-testid="drill-resume"
          disabled={!seat.allowed}
          title={seat.hint}
          onClick={() => control({ action: 'resume' })}
        >
          ▶ {t('drill.resume')}
        </button>
      ) : (
        <button
          type="button"
          data-testid="drill-pause"
          disabled={!clock || !seat.allowed}
          title={seat.hint}
          onClick={() => control({ action: 'pause' })}
        >
          ❚❚ {t('drill.pause')}
        </button>
      )}
      {SPEEDS.map((speed) => (
        <button
          key={speed}
          type="button"
          data-testid={`drill-speed-${speed}`}
          aria-pressed={clock?.speed === speed}
          disabled={!seat.allowed}
          title={seat.hint}
          onClick={() => control({ speed })}
        >
          {speed}×
        </button>
      ))}
      <span
        className="drill-time"
        data-testid="drill-time"
        data-paused={clock?.paused ? 'true' : 'false'}
        data-speed={clock?.speed ?? ''}
        title={t('drill.time')}
      >
        {clock ? formatScenarioTime(clock.scenarioTime) : '--:--'}
        {clock?.durationSec ? ` / ${formatScenarioTime(clock.durationSec)}` : ''}
      </span>
      <button type="button" data-testid="drill-open-report" onClick={() => setReportOpen(true)}>
        {t('drill.report')}
      </button>
      {error ? (
        <span className="warn" data-testid="drill-error" title={error}>
          ⚠
        </span>
      ) : null}
      {reportOpen ? (
        <Suspense fallback={null}>
          <DrillReport onClose={() => setReportOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
