import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  StatsFilters as Filters,
  StatsKpis,
  StatsPeriod,
  StatsReportFormat,
  StatsResult,
} from '../../../../shared/contract/statsContract';
import { dailyTrendOption, responseHistogramOption } from '../../../../shared/domain/statsChart';
import { useConsoleApi } from '../../app/ConsoleContext';
import { useSeatControl } from '../operator';
import { StatsChart } from './StatsChart';
import { StatsFilters } from './StatsFilters';
import './stats.css';

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** The last seven local days, today included. */
const lastWeek = (): StatsPeriod => {
  const today = new Date();
  return {
    kind: 'custom',
    from: localDate(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6)),
    to: localDate(today),
  };
};
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

type Format = (v: number | null) => string;

/** The statistics view (统计): period and filters, KPI tiles against the previous period, response histogram, per-tier table, daily trend, reports. */
export default function StatsView({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const seat = useSeatControl('statistics');
  const [period, setPeriod] = useState<StatsPeriod>(lastWeek);
  const [filters, setFilters] = useState<Filters>({});
  const [result, setResult] = useState<StatsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (!seat.allowed) return;
    let live = true;
    api.requests['stats.query']({ period, filters }).then(
      (r) => {
        if (!live) return;
        setResult(r);
        setError(null);
      },
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [api, period, filters, seat.allowed, reload]);

  const s = (v: number | null) => (v === null ? '—' : t('stats.seconds', { s: Math.round(v) }));
  const charts = useMemo(
    () =>
      result && {
        histogram: responseHistogramOption(result.histogram, {
          alerts: t('stats.alerts'),
          minutes: t('stats.minutes'),
        }),
        trend: dailyTrendOption(result.daily, { alerts: t('stats.alerts'), rate: t('stats.rate') }),
      },
    [result, t],
  );

  const exportAs = (format: StatsReportFormat) => {
    setExporting(true);
    setExported(null);
    void api.requests['stats.exportReport']({ period, filters, format })
      .then(
        (r) => setExported(r.path),
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => setExporting(false));
  };

  const tile = (key: keyof StatsKpis, format: Format, testId: string, sub?: string) => (
    <div className="stats-tile" key={key}>
      <span className="stats-tile-label">{t(`stats.kpi.${key}`)}</span>
      <span className="stats-tile-value" data-testid={testId} data-value={result?.kpis[key] ?? ''}>
        {result ? format(result.kpis[key]) : '…'}
      </span>
      {sub ? <span className="stats-tile-sub">{sub}</span> : null}
      {result ? (
        <span className="stats-tile-prev">
          {t('stats.kpi.previous', { value: format(result.previous[key]) })}
        </span>
      ) : null}
    </div>
  );
  const k = result?.kpis;
  return (
    <div className="stats-backdrop" onClick={onClose}>
      <section
        className="stats-view"
        data-testid="stats-view"
        role="dialog"
        aria-label={t('stats.title')}
        onClick={(e) => e.stopPropagation()}
      >
        <header>
          <h2>{t('stats.title')}</h2>
          <span className="stats-period-label" data-testid="stats-period-label">
            {result?.period.label ?? ''}
          </span>
          <span className="spacer" />
          <button type="button" onClick={() => setReload((n) => n + 1)}>
            {t('stats.refresh')}
          </button>
          {(['html', 'pdf', 'xlsx'] as const).map((format) => (
            <button
              key={format}
              type="button"
              data-testid={`stats-export-${format}`}
              disabled={exporting || !seat.allowed}
              title={seat.hint}
              onClick={() => exportAs(format)}
            >
              {exporting ? t('stats.export.exporting') : t(`stats.export.${format}`)}
            </button>
          ))}
          <button type="button" data-testid="stats-close" onClick={onClose}>
            {t('stats.close')}
          </button>
        </header>
        <StatsFilters period={period} filters={filters} onPeriod={setPeriod} onFilters={setFilters} />
        {!seat.allowed ? <p className="warn">{seat.hint}</p> : null}
        {error ? <p className="warn">{error}</p> : null}
        {exported ? <p data-testid="stats-exported">{t('stats.export.done', { path: exported })}</p> : null}
        {result?.demoHistory ? (
          <p className="stats-demo-note">{t('stats.demo', { count: result.demoHistory })}</p>
        ) : null}
        <div className="stats-tiles">
          {tile(
            'alerts',
            (v) => String(v ?? 0),
            'kpi-alerts',
            k ? `${t('stats.kpi.incidents')} ${k.incidents}` : undefined,
          )}
          {tile(
            'tierRate',
            pct,
            'kpi-135',
            k ? t('stats.kpi.judged', { met: k.tierMet, judged: k.tierJudged }) : undefined,
          )}
          {tile('responseP50', s, 'kpi-response-p50')}
          {tile('responseP90', s, 'kpi-response-p90')}
          {tile('handlingP50', s, 'kpi-handling-p50')}
          {tile(
            'closureRate12345',
            pct,
            'kpi-closure',
            k ? t('stats.kpi.cases', { closed: k.closed12345, cases: k.cases12345 }) : undefined,
          )}
          {tile(
            'overdueRate',
            pct,
            'kpi-overdue',
            k ? t('stats.kpi.overdue', { overdue: k.overdue, transferred: k.transferred }) : undefined,
          )}
        </div>
        {result && charts ? (
          <div className="stats-grid">
            <div>
              <h3>{t('stats.histogram')}</h3>
              <StatsChart
                option={charts.histogram}
                testId="response-histogram"
                data={{ total: String(result.histogram.reduce((n, b) => n + b.count, 0)) }}
              />
            </div>
            <div>
              <h3>{t('stats.trend')}</h3>
              <StatsChart option={charts.trend} testId="stats-trend" />
            </div>
            <div>
              <h3>{t('stats.tiers.title')}</h3>
              <table className="stats-tiers" data-testid="stats-tiers">
                <thead>
                  <tr>
                    {(['target', 'judged', 'met', 'rate', 'unreached', 'p50', 'p90'] as const).map((c) => (
                      <th key={c}>{t(`stats.tiers.${c}`)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.tiers.map((tier) => (
                    <tr key={tier.targetSeconds}>
                      <td>{t('stats.tiers.seconds', { s: tier.targetSeconds })}</td>
                      <td>{tier.judged}</td>
                      <td>{tier.met}</td>
                      <td>{pct(tier.rate)}</td>
                      <td>{tier.unreached}</td>
                      <td>{s(tier.p50)}</td>
                      <td>{s(tier.p90)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div>
              <h3>{t('stats.categories')}</h3>
              <ul className="stats-categories">
                {result.categories.slice(0, 8).map((c) => (
                  <li key={c.category}>
                    <span>{t(`category.${c.category}`)}</span>
                    <b>{c.count}</b>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ) : error || !seat.allowed ? null : (
          <p>{t('stats.loading')}</p>
        )}
      </section>
    </div>
  );
}
