import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillReport as Report } from '../../../../shared/contract/drillContract';
import {
  drillChartOption,
  drillResponseChartOption,
  drillTimelineChartOption,
} from '../../../../shared/domain/drill/drillChart';
import { useConsoleApi } from '../../app/ConsoleContext';
import { ReportChart } from './ReportChart';
import { DrillTimeline } from './DrillTimeline';
import { useSeatControl } from '../operator';

const fmt = (s: number | null) => (s === null ? '—' : `${Math.round(s)}`);

/** The after-action report: scores, charts (timeline, dispatch and response vs target), expected actions, the per-alert table and the timeline. */
export default function DrillReport({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  const load = () =>
    void api.requests['drill.report']().then(
      (r) => {
        setReport(r);
        setError(null);
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  useEffect(load, [api]);

  const charts = useMemo(() => {
    if (!report) return null;
    const seconds = t('drill.seconds');
    return {
      timeline: drillTimelineChartOption(report.timeline, {
        lanes: {
          scenario: t('drill.lanes.scenario'),
          expected: t('drill.lanes.expected'),
          action: t('drill.lanes.action'),
        },
        seconds: t('drill.scenarioSeconds'),
      }),
      dispatch: drillChartOption(report.alerts, {
        dispatch: t('drill.timeToDispatch'),
        target: t('drill.target'),
        seconds,
      }),
      response: drillResponseChartOption(report.alerts, {
        response: t('drill.responseTime'),
        target: t('drill.tierTarget'),
        seconds,
      }),
    };
  }, [report, t]);

  const [exporting, setExporting] = useState(false);
  const exportSeat = useSeatControl('reportExport');
  const exportAs = (format: 'html' | 'pdf') => {
    setExporting(true);
    setExported(null);
    void api.requests['drill.exportReport']({ format })
      .then(
        (r) => setExported(r.path),
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => setExporting(false));
  };

  return (
    <div className="drill-report-backdrop" onClick={onClose}>
      <section
        className="drill-report"
        data-testid="drill-report"
        onClick={(e) => e.stopPropagation()}
        role="dialog"
        aria-label={t('drill.reportTitle')}
      >
        <header>
          <h2>{t('drill.reportTitle')}</h2>
          <span className="drill-score" data-testid="drill-score">
            {report ? (report.score === null ? '—' : report.score) : '…'}
          </span>
          <span>/ 100</span>
          <button type="button" onClick={load}>
            {t('drill.refresh')}
          </button>
          <button
            type="button"
            data-testid="drill-export-html"
            disabled={exporting || !exportSeat.allowed}
            title={exportSeat.hint}
            onClick={() => exportAs('html')}
          >
            {t('drill.exportHtml')}
          </button>
          <button
            type="button"
            data-testid="drill-export-pdf"
            disabled={exporting || !exportSeat.allowed}
            title={exportSeat.hint}
            onClick={() => exportAs('pdf')}
          >
            {exporting ? t('drill.exporting') : t('drill.exportPdf')}
          </button>
          <button type="button" data-testid="drill-report-close" onClick={onClose}>
            {t('drill.close')}
          </button>
        </header>
        {error ? <p className="warn">{error}</p> : null}
        {exported ? <p data-testid="drill-exported">{t('drill.exported', { path: exported })}</p> : null}
        {report ? (
          <>
            <p data-testid="drill-score-parts">
              {t('drill.parts', { alerts: report.alertScore ?? '—', expected: report.expected.score ?? '—' })}
            </p>
            <p>
              {t('drill.totals', {
                alerts: report.totals.alerts,
                acknowledged: report.totals.acknowledged,
                dispatched: report.totals.dispatched,
                arrived: report.totals.arrived,
                met: report.totals.tiersMet,
                judged: report.totals.tiersJudged,
                missed: report.totals.missedSteps,
              })}
            </p>
            {charts ? (
              <>
                <ReportChart
                  option={charts.timeline}
                  testId="drill-timeline-chart"
                  className="drill-chart drill-chart-timeline"
                />
                <ReportChart option={charts.dispatch} testId="drill-chart" />
                <ReportChart option={charts.response} testId="drill-response-chart" />
              </>
            ) : null}
            <table>
              <thead>
                <tr>
                  <th>{t('drill.alert')}</th>
                  <th>{t('drill.ack')}</th>
                  <th>{t('drill.dispatch')}</th>
                  <th>{t('drill.unit')}</th>
                  <th>{t('drill.eta')}</th>
                  <th>{t('drill.response')}</th>
                  <th>{t('drill.missed')}</th>
                  <th>{t('drill.alertScore')}</th>
                </tr>
              </thead>
              <tbody>
                {report.alerts.map((a) => (
                  <tr key={a.alertId} data-testid="drill-report-row" data-alert-id={a.alertId}>
                    <td>
                      {a.alertId} P{a.priority}
                    </td>
                    <td>
                      {fmt(a.ackSeconds)} / {a.ackTargetSeconds}
                    </td>
                    <td>
                      {fmt(a.dispatchSeconds)} / {a.dispatchTargetSeconds}
                    </td>
                    <td>{a.unitId ?? '—'}</td>
                    <td data-testid="drill-eta" className={a.choiceCredit < 1 ? 'missed' : ''}>
                      {fmt(a.chosenEtaSeconds)} /{' '}
                      {a.bestUnitId ? `${a.bestUnitId} ${fmt(a.bestEtaSeconds)}` : '—'}
                    </td>
                    <td>
                      {fmt(a.responseSeconds)}
                      {a.tierTargetSeconds !== null ? ` / ${a.tierTargetSeconds}` : ''}{' '}
                      {a.tierMet === null ? '' : a.tierMet ? '✔' : '✘'}
                    </td>
                    <td className={a.missed.length ? 'missed' : ''}>
                      {a.missed.map((m) => t(`drill.step.${m}`)).join(', ') || '—'}
                    </td>
                    <td>{a.score}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <DrillTimeline report={report} />
          </>
        ) : null}
      </section>
    </div>
  );
}
