import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsFilters as Filters, StatsPeriod } from '../../../../shared/contract/statsContract';
import { ALERT_CATEGORIES } from '../../../../shared/domain/alert';
import { UnitTypeSchema } from '../../../../shared/domain/unit';
import { useConsoleState } from '../../app/ConsoleContext';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Period (day / week / month / custom) and filter controls of the statistics view. */
export function StatsFilters({
  period,
  filters,
  onPeriod,
  onFilters,
}: {
  period: StatsPeriod;
  filters: Filters;
  onPeriod: (p: StatsPeriod) => void;
  onFilters: (f: Filters) => void;
}) {
  const { t } = useTranslation();
  const units = useConsoleState((s) => s.units);
  const unitList = useMemo(
    () => [...units.values()].sort((a, b) => a.callsign.localeCompare(b.callsign)),
    [units],
  );
  const districts = useMemo(() => [...new Set(unitList.map((u) => u.districtId))].sort(), [unitList]);
  const date = period.kind === 'custom' ? period.to : period.date;
  const set = <K extends keyof Filters>(
    key: K,
    value: string,
    parse: (v: string) => Filters[K] = (v) => v as Filters[K],
  ) => {
    const next = { ...filters };
    if (value === '') delete next[key];
    else next[key] = parse(value);
    onFilters(next);
  };
  const select = <K extends keyof Filters>(
    key: K,
    label: string,
    options: readonly { value: string; label: string }[],
    parse?: (v: string) => Filters[K],
  ) => (
    <label>
      {label}
      <select
        data-testid={`stats-filter-${key}`}
        value={filters[key] === undefined ? '' : String(filters[key])}
        onChange={(e) => set(key, e.target.value, parse)}
      >
        <option value="">{t('stats.filter.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="stats-controls">
      <span role="group" aria-label={t('stats.period.label')}>
        {(['day', 'week', 'month', 'custom'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            data-testid={`stats-period-${kind}`}
            aria-pressed={period.kind === kind}
            onClick={() => onPeriod(kind === 'custom' ? { kind, from: date, to: date } : { kind, date })}
          >
            {t(`stats.period.${kind}`)}
          </button>
        ))}
      </span>
      {period.kind === 'custom' ? (
        <>
          <label>
            {t('stats.period.from')}
            <input
              type="date"
              data-testid="stats-from"
              value={period.from}
              max={period.to}
              onChange={(e) => e.target.value && onPeriod({ ...period, from: e.target.value })}
            />
          </label>
          <label>
            {t('stats.period.to')}
            <input
              type="date"
              data-testid="stats-to"
              value={period.to}
              min={period.from}
              onChange={(e) => e.target.value && onPeriod({ ...period, to: e.target.value })}
            />
          </label>
        </>
      ) : (
        <label>
          {t('stats.period.date')}
          <input
            type="date"
            data-testid="stats-date"
            value={period.date}
            onChange={(e) => e.target.value && onPeriod({ kind: period.kind, date: e.target.value })}
          />
        </label>
      )}
      {select(
        'districtId',
        t('stats.filter.district'),
        districts.map((d) => ({ value: d, label: d })),
      )}
      {select(
        'unitType',
        t('stats.filter.unitType'),
        UnitTypeSchema.options.map((u) => ({ value: u, label: t(`unitType.${u}`) })),
      )}
      {select(
        'unitId',
        t('stats.filter.unit'),
        unitList.map((u) => ({ value: u.id, label: u.callsign })),
      )}
      {select(
        'category',
        t('stats.filter.category'),
        ALERT_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) })),
      )}
      {select(
        'source',
        t('stats.filter.source'),
        ['110', '12345'].map((s) => ({ value: s, label: s })),
      )}
      {select(
        'hour',
        t('stats.filter.hour'),
        HOURS.map((h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` })),
        Number,
      )}
    </div>
  );
}
