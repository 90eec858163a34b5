import { useTranslation } from 'react-i18next';
import type { DrillReport, DrillTimelineEntry } from '../../../../shared/contract/drillContract';
import { formatScenarioTime } from './useDrill';

type Best = NonNullable<DrillTimelineEntry['best']>;

/** "What should have been done" in words: the acceptable units, by when, the best ETA, the targets. */
function useFormatBest() {
  const { t } = useTranslation();
  return (best: Best | null): string => {
    if (!best) return '—';
    if (best.ok) return t('drill.best.ok');
    const parts: string[] = [];
    if (best.unitIds?.length) parts.push(t('drill.best.units', { units: best.unitIds.join(' / ') }));
    if (best.etaSeconds != null) parts.push(t('drill.best.eta', { seconds: Math.round(best.etaSeconds) }));
    if (best.byT !== undefined) parts.push(t('drill.best.by', { time: formatScenarioTime(best.byT) }));
    if (best.ackTargetSeconds !== undefined && best.dispatchTargetSeconds !== undefined)
      parts.push(
        t('drill.best.targets', { ack: best.ackTargetSeconds, dispatch: best.dispatchTargetSeconds }),
      );
    return parts.join(' · ') || '—';
  };
}

/** The expected actions with their verdict, then the joint timeline with the best-choice column. */
export function DrillTimeline({ report }: { report: DrillReport }) {
  const { t } = useTranslation();
  const formatBest = useFormatBest();
  const time = (s: number | null) => (s === null ? '—' : formatScenarioTime(s));
  return (
    <>
      {report.expected.steps.length ? (
        <>
          <h3>
            {t('drill.expectedTitle', {
              met: report.expected.met,
              late: report.expected.late,
              missed: report.expected.missed,
              closed: report.expected.cordonClosedInTime,
              gaps: report.expected.cordonGaps,
            })}
          </h3>
          <table data-testid="drill-expected">
            <thead>
              <tr>
                <th>{t('drill.expectedKind')}</th>
                <th>{t('drill.alert')}</th>
                <th>{t('drill.bestChoice')}</th>
                <th>{t('drill.deadline')}</th>
                <th>{t('drill.doneAt')}</th>
                <th>{t('drill.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {report.expected.steps.map((x) => (
                <tr
                  key={`${x.kind}-${x.id}`}
                  data-testid="drill-expected-row"
                  data-kind={x.kind}
                  data-id={x.id}
                  data-status={x.status}
                >
                  <td>{t(`drill.expectedKinds.${x.kind}`)}</td>
                  <td>{x.alertId}</td>
                  <td>{x.expected}</td>
                  <td>
                    {time(x.deadlineT)}
                    {x.suspectPassT !== null
                      ? ` (${t('drill.suspectPass', { time: time(x.suspectPassT) })})`
                      : ''}
                  </td>
                  <td>
                    {time(x.doneT)} {x.done ?? ''}
                  </td>
                  <td className={`verdict-${x.status}`}>{t(`drill.status.${x.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h3>{t('drill.timelineTitle')}</h3>
      <table className="drill-timeline" data-testid="drill-timeline">
        <thead>
          <tr>
            <th>{t('drill.scenarioTime')}</th>
            <th>{t('drill.lane')}</th>
            <th>{t('drill.what')}</th>
            <th>{t('drill.alert')}</th>
            <th>{t('drill.detail')}</th>
            <th>{t('drill.bestChoice')}</th>
          </tr>
        </thead>
        <tbody>
          {report.timeline.map((e, i) => (
            <tr
              key={i}
              data-testid="drill-timeline-row"
              data-kind={e.kind}
              data-event={e.event}
              className={e.status ? `verdict-${e.status}` : ''}
            >
              <td>{time(e.t)}</td>
              <td>{t(`drill.lanes.${e.kind}`)}</td>
              <td>
                {e.event} {e.subject}
              </td>
              <td>{e.alertId ?? ''}</td>
              <td>{e.detail}</td>
              <td data-testid="drill-best">{formatBest(e.best)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
