import { useTranslation } from 'react-i18next';
import { ALERT_CATEGORIES, type AlertCategory } from '../../../../shared/domain/alert';
import { PERIOD_DAYS, type HeatmapState, type HeatPeriod } from './useHeatmap';

/** The heat map switch and, while on, its period, categories and hour-of-day slider. */
export function HeatmapControl({ state }: { state: HeatmapState }) {
  const { t } = useTranslation();
  const { enabled, toggle, period, setPeriod, categories, setCategories, hour, setHour, result, error } =
    state;
  return (
    <div className="insight-heat">
      <button
        type="button"
        data-testid="heatmap-toggle"
        aria-pressed={enabled}
        title={t('insight.heat.toggleTitle')}
        onClick={toggle}
      >
        {t('insight.heat.toggle')}
      </button>
      {enabled ? (
        <div className="insight-box" data-testid="heatmap-filters">
          <label>
            {t('insight.heat.period')}
            <select value={period} onChange={(e) => setPeriod(e.target.value as HeatPeriod)}>
              {(Object.keys(PERIOD_DAYS) as HeatPeriod[]).map((p) => (
                <option key={p} value={p}>
                  {t(`insight.heat.periods.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('insight.heat.categories')}
            <select
              multiple
              size={4}
              value={categories}
              onChange={(e) =>
                setCategories(Array.from(e.target.selectedOptions, (o) => o.value as AlertCategory))
              }
            >
              {ALERT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('insight.heat.hour')}:{' '}
            <strong data-testid="heatmap-hour-value">
              {hour === null ? t('insight.heat.allHours') : `${String(hour).padStart(2, '0')}:00`}
            </strong>
            <input
              type="range"
              data-testid="heatmap-hour"
              min={-1}
              max={23}
              step={1}
              value={hour ?? -1}
              onChange={(e) => setHour(Number(e.target.value) < 0 ? null : Number(e.target.value))}
            />
          </label>
          <div className="insight-muted" data-testid="heatmap-count" data-total={result?.total ?? 0}>
            {error
              ? t('insight.error', { message: error })
              : result
                ? t('insight.heat.count', { count: result.total })
                : t('insight.loading')}
            {result?.capped ? ` ${t('insight.heat.capped', { count: result.points.length })}` : ''}
          </div>
          <div className="insight-muted">{t('insight.heat.clickHint')}</div>
        </div>
      ) : null}
    </div>
  );
}

/** The alerts under a clicked hot spot. */
export function HotspotPanel({ state }: { state: HeatmapState }) {
  const { t, i18n } = useTranslation();
  const { hotspot, closeHotspot } = state;
  if (!hotspot) return null;
  const shown = hotspot.slice(0, 30);
  return (
    <div
      className="insight-box insight-hotspot"
      data-testid="heatmap-hotspot"
      role="dialog"
      aria-label={t('insight.heat.hotspot', { count: hotspot.length })}
    >
      <header>
        <strong>{t('insight.heat.hotspot', { count: hotspot.length })}</strong>
        <button type="button" onClick={closeHotspot} aria-label={t('insight.close')}>
          ×
        </button>
      </header>
      <ul>
        {shown.map((p) => (
          <li key={p.id} data-testid="heatmap-hotspot-alert">
            <span className={`priority-dot priority-${p.priority}`} /> {t(`category.${p.category}`)} ·{' '}
            {new Date(p.reportedAt).toLocaleString(i18n.language)} · {p.address}
          </li>
        ))}
      </ul>
      {hotspot.length > shown.length ? (
        <div className="insight-muted">
          {t('insight.heat.more', { count: hotspot.length - shown.length })}
        </div>
      ) : null}
    </div>
  );
}
