import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskReport } from '../../../../shared/contract/insightContract';
import type { RiskGrade } from '../../../../shared/domain/riskGrading';
import type { MapController } from '../../map';
import { useConsoleApi } from '../../app/ConsoleContext';

const GRADES: RiskGrade[] = ['A', 'B', 'C'];

/** Risk grades on the map (district fill, graded places) and a summary box. */
export function RiskControl({ controller }: { controller: MapController | null }) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const [enabled, setEnabled] = useState(false);
  const [report, setReport] = useState<RiskReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) {
      setReport(null);
      return;
    }
    let active = true;
    api.requests['insight.risk']({ days: 30 }).then(
      (r) => active && (setReport(r), setError(null)),
      (err: unknown) => active && setError((err as Error).message),
    );
    return () => {
      active = false;
    };
  }, [api, enabled]);

  useEffect(() => {
    controller?.setRisk(
      report
        ? {
            districts: Object.fromEntries(report.districts.map((d) => [d.id, d.grade])),
            places: report.places,
          }
        : null,
    );
  }, [controller, report]);

  const count = (g: RiskGrade) => report?.districts.filter((d) => d.grade === g).length ?? 0;
  return (
    <div className="insight-risk">
      <button
        type="button"
        data-testid="risk-toggle"
        aria-pressed={enabled}
        title={t('insight.risk.toggleTitle')}
        onClick={() => setEnabled((on) => !on)}
      >
        {t('insight.risk.toggle')}
      </button>
      {enabled ? (
        <div className="insight-box" data-testid="risk-summary">
          {error ? <div>{t('insight.error', { message: error })}</div> : null}
          {report ? (
            <>
              <strong>{t('insight.risk.title', { days: 30 })}</strong>
              <div>
                {t('insight.risk.districts')}:{' '}
                {GRADES.map((g) => (
                  <span key={g} className="risk-grade-count">
                    <span className="risk-badge" data-grade={g}>
                      {g}
                    </span>{' '}
                    {count(g)}{' '}
                  </span>
                ))}
              </div>
              <div>{t('insight.risk.places')}:</div>
              <ul>
                {report.places.slice(0, 8).map((p) => (
                  <li key={p.key}>
                    <span className="risk-badge" data-grade={p.grade}>
                      {p.grade}
                    </span>{' '}
                    {p.kind === 'address' ? p.label : `${p.lat.toFixed(4)}, ${p.lng.toFixed(4)}`} · {p.count}
                  </li>
                ))}
              </ul>
              <div className="insight-muted">
                {t('insight.risk.source', {
                  source:
                    report.configSource === 'defaults' ? t('insight.risk.defaults') : report.configSource,
                })}
              </div>
            </>
          ) : !error ? (
            <div>{t('insight.loading')}</div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The selected alert's risk grade (the worse of its place's and district's). */
export function RiskBadge({ alertId }: { alertId: string }) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const [risk, setRisk] = useState<{ id: string; grade: RiskGrade; title: string } | null>(null);
  useEffect(() => {
    let active = true;
    api.requests['insight.alertRisk']({ alertId }).then(
      (r) =>
        active &&
        setRisk({
          id: alertId,
          grade: r.grade,
          title: t('insight.risk.badgeTitle', {
            place: r.place?.grade ?? t('insight.risk.none'),
            district: r.district?.grade ?? t('insight.risk.none'),
          }),
        }),
      () => active && setRisk(null),
    );
    return () => {
      active = false;
    };
  }, [api, alertId, t]);
  if (!risk || risk.id !== alertId) return null;
  return (
    <span className="risk-badge" data-testid="risk-badge" data-grade={risk.grade} title={risk.title}>
      {t('insight.risk.badge', { grade: risk.grade })}
    </span>
  );
}
