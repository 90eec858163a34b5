import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskPhone } from '../../../../shared/domain/alertQueue';
import type { MergedAlertViewResult } from '../../../../shared/contract/dispatchContract';
import { useConsoleApi } from '../../app/ConsoleContext';

/** Every caller and every report of the duplicates merged into this alert (merging loses none). */
export function MergedReports({ alertId }: { alertId: string }) {
  const { t, i18n } = useTranslation();
  const api = useConsoleApi();
  const [view, setView] = useState<MergedAlertViewResult | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(
    () =>
      api.subscribe['alerts.historyChanged'](
        ({ alertId: changed }) => changed === alertId && setVersion((v) => v + 1),
      ),
    [api, alertId],
  );
  useEffect(() => {
    let cancelled = false;
    api.requests['alerts.merged']({ alertId }).then(
      (v) => !cancelled && setView(v),
      () => !cancelled && setView(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api, alertId, version]);
  if (!view || view.primaryId !== alertId || view.alertIds.length < 2) return null;
  const time = (iso: string) => new Date(iso).toLocaleTimeString(i18n.language, { hour12: false });
  return (
    <div className="merged-reports" data-testid="merged-reports">
      <h3>{t('dispatch.desk.mergedTitle', { count: view.alertIds.length - 1 })}</h3>
      <ul className="merged-callers">
        {view.callers.map((c) => (
          <li key={c.phone} data-testid="merged-caller" data-alert-id={c.alertId}>
            {time(c.reportedAt)} {c.name ? `${c.name} ` : ''}
            {maskPhone(c.phone)}
          </li>
        ))}
      </ul>
      <ol className="merged-report-list">
        {view.reports.map((r) => (
          <li key={r.alertId} data-testid="merged-report" data-alert-id={r.alertId}>
            <span className="timeline-time">{time(r.reportedAt)}</span>{' '}
            <span className="merged-id">{r.alertId}</span> {r.address} · {r.description}
          </li>
        ))}
      </ol>
    </div>
  );
}
