import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { TOUR_SECONDS, tourPage } from './tourPager';

export interface TourState<T> {
  on: boolean;
  /** What the wall shows: the tour's current page, or the first page when the tour is off. */
  shown: T[];
  page: number;
  pages: number;
  seconds: number;
  toggle(): void;
}

/**
 * Tour mode (轮巡): the wall's camera group (the alert's linked cameras, a drawn area's, a named
 * list) page by page at the interval in the settings. A new group starts again at its first page.
 */
export function useTour<T>(group: readonly T[], pageSize: number): TourState<T> {
  const seconds = useConsoleState((s) => s.settings?.tourSeconds ?? TOUR_SECONDS[0]);
  const [on, setOn] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => setTick(0), [group, pageSize]);
  const { pages } = tourPage(group, pageSize, 0);
  const cycling = on && pages > 1;
  useEffect(() => {
    if (!cycling) return;
    const timer = setInterval(() => setTick((n) => n + 1), seconds * 1000);
    return () => clearInterval(timer);
  }, [cycling, seconds]);
  const current = tourPage(group, pageSize, on ? tick : 0);
  return {
    on,
    shown: current.items,
    page: current.page,
    pages: current.pages,
    seconds,
    toggle: () => setOn((o) => !o),
  };
}

/** The wall's tour controls: on/off, the interval (remembered in the settings) and the page shown. */
export function TourBar({ tour }: { tour: TourState<unknown> }) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  return (
    <span
      className="video-tour"
      data-testid="video-tour"
      data-on={String(tour.on)}
      data-page={tour.page + 1}
      data-pages={tour.pages}
    >
      <button
        type="button"
        className={tour.on ? 'active' : ''}
        aria-pressed={tour.on}
        data-testid="video-tour-toggle"
        onClick={tour.toggle}
      >
        {tour.on ? t('video.tourStop') : t('video.tour')}
      </button>
      <select
        aria-label={t('video.tourEvery')}
        data-testid="video-tour-seconds"
        value={tour.seconds}
        onChange={(e) =>
          void api.requests['settings.update']({ tourSeconds: Number(e.target.value) }).catch(() => {})
        }
      >
        {[...new Set([...TOUR_SECONDS, tour.seconds])]
          .sort((a, b) => a - b)
          .map((s) => (
            <option key={s} value={s}>
              {t('video.tourInterval', { s })}
            </option>
          ))}
      </select>
      {tour.on ? (
        <span className="video-tour-page" data-testid="video-tour-page">
          {t('video.tourGroup', { n: tour.page + 1, total: tour.pages })}
        </span>
      ) : null}
    </span>
  );
}
