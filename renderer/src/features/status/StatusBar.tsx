import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { AlarmControl } from '../alarm';
import { OperatorControl } from '../operator';
import { PackProvenance } from './PackProvenance';
import { SeatList } from '../seats';
import { StatsButton } from '../stats';

/** Connection state, feed lag, resume point, quarantined messages, unit availability, language. */
export function StatusBar() {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const feed = useConsoleState((s) => s.feed);
  const settings = useConsoleState((s) => s.settings);
  const units = useConsoleState((s) => s.units);
  let available = 0;
  for (const unit of units.values()) if (unit.status === 'available') available++;
  const state = feed?.state ?? 'connecting';
  const nextLocale = settings?.locale === 'en' ? 'zh-CN' : 'en';
  return (
    <footer className="status-bar" data-testid="status-bar" role="status">
      <span className={`feed-state state-${state}`} data-testid="feed-state" data-state={state}>
        {t(`statusBar.${state}`)}
      </span>
      {state === 'error' && feed?.error ? (
        <span className="warn" data-testid="feed-error" title={feed.error}>
          {feed.error}
        </span>
      ) : null}
      <span data-testid="feed-lag">
        {feed?.lagMs != null ? t('statusBar.lag', { ms: feed.lagMs }) : t('statusBar.lagUnknown')}
      </span>
      <span data-testid="feed-seq">{t('statusBar.seq', { seq: feed?.lastSeq ?? 0 })}</span>
      <span
        data-testid="quarantine-count"
        data-count={feed?.quarantineCount ?? 0}
        className={feed?.quarantineCount ? 'warn' : ''}
      >
        {t('statusBar.quarantine', { count: feed?.quarantineCount ?? 0 })}
      </span>
      <span>{t('statusBar.units', { available, total: units.size })}</span>
      <SeatList />
      <OperatorControl />
      <AlarmControl />
      <span className="spacer" />
      <StatsButton />
      <PackProvenance />
      <button
        type="button"
        data-testid="locale-toggle"
        onClick={() => void api.requests['settings.update']({ locale: nextLocale })}
      >
        {t('statusBar.language')}
      </button>
    </footer>
  );
}
