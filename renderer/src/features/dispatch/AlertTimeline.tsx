import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AlertHistory } from '../../../../shared/contract/dispatchContract';
import { useConsoleState } from '../../app/ConsoleContext';

const time = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false });
const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

/** Cordon steps keep the status and recall/reassign may too: those are named by their action. */
function stepLabel(t: TFunction, e: AlertHistory['events'][number]): string {
  if (e.action?.startsWith('cordon.')) return t(`cordon.timeline.${e.action.slice('cordon.'.length)}`);
  if (e.action === 'recall' || e.action === 'reassign') return t(`dispatch.desk.step.${e.action}`);
  return t(`status.${e.toStatus}`);
}

/** Every step of the alert, timed and attributed, and each unit's response against its tier. */
export function AlertTimeline({ history }: { history: AlertHistory | null }) {
  const { t } = useTranslation();
  const units = useConsoleState((s) => s.units);
  if (!history) return null;
  return (
    <section
      className="panel alert-timeline"
      data-testid="alert-timeline"
      aria-label={t('dispatch.timeline')}
    >
      <header className="panel-header">
        <h2>{t('dispatch.timeline')}</h2>
        {history.responseSeconds !== null ? (
          <span data-testid="response-time">
            {t('dispatch.responseTime')} {mmss(history.responseSeconds)}
          </span>
        ) : null}
      </header>
      {history.overdue ? (
        <p className="form-error" data-testid="transfer-overdue">
          {t('dispatch.overdue')}
        </p>
      ) : null}
      <ol className="timeline">
        {history.events.map((e, i) => (
          // Cordon steps (reinforcement, checkpoint) keep the status: labelled by their action instead.
          <li
            key={i}
            data-testid="timeline-step"
            {...(e.action?.startsWith('cordon.')
              ? { 'data-action': e.action }
              : { 'data-status': e.toStatus, ...(e.action ? { 'data-action': e.action } : {}) })}
          >
            <span className="timeline-time">{time(e.at)}</span>{' '}
            <span className="timeline-status">{stepLabel(t, e)}</span>{' '}
            <span className="timeline-operator">{e.operator}</span>
            {e.note ? <span className="timeline-note"> · {e.note}</span> : null}
          </li>
        ))}
      </ol>
      {history.dispatches.length ? (
        <ul className="dispatch-records">
          {history.dispatches.map((d, i) => (
            <li
              key={i}
              data-testid="dispatch-record"
              data-unit-id={d.unitId}
              data-released={String(d.released)}
              data-tier-met={d.tierMet === null ? 'unknown' : String(d.tierMet)}
            >
              <span>{units.get(d.unitId)?.callsign ?? d.unitId}</span>
              <span>{d.commandState ? t(`dispatch.command.${d.commandState}`) : ''}</span>
              <span>
                {d.responseSeconds !== null
                  ? `${mmss(d.responseSeconds)} ${d.tierTargetSeconds ? (d.tierMet ? t('dispatch.tierMet', { minutes: d.tierTargetSeconds / 60 }) : t('dispatch.tierMissed', { minutes: d.tierTargetSeconds / 60 })) : ''}`
                  : d.released
                    ? t('dispatch.desk.released')
                    : t('dispatch.onTheWay')}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
