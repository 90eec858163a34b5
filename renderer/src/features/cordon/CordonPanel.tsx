import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../shared/domain/alert';
import type { Checkpoint } from '../../../../shared/domain/checkpoint';
import type { SuspectProfile } from '../../../../shared/cordon/schema';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { useOperator } from '../operator';
import { CordonRing, mmss } from './CordonRing';
import type { CordonState } from './useCordon';

const PROFILES: SuspectProfile[] = ['car', 'motorbike', 'foot'];

const isTyping = (target: EventTarget | null) => {
  const el = target as HTMLElement | null;
  return !!el && (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable);
};

/** "三层查控圈" in the alert's action area; key Q toggles the panel. */
export function CordonButton({ cordon }: { cordon: CordonState }) {
  const { t } = useTranslation();
  const { toggle } = cordon;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'q' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);
  return (
    <button type="button" className={cordon.open ? 'active' : ''} aria-pressed={cordon.open} data-testid="cordon-open" onClick={toggle}>
      {t('cordon.open')} <kbd>Q</kbd>
    </button>
  );
}

/**
 * The cordon of the selected alert: per ring the checkpoint coverage and the gaps (suspect time
 * against the best police time, the recommended unit), the recommended plan sent in one action,
 * and checkpoints to activate. The suspect's mode of travel and a lead time shape ring 1.
 */
export function CordonPanel({ alert, cordon, checkpoints }: { alert: Alert; cordon: CordonState; checkpoints: readonly Checkpoint[] }) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const operator = useOperator();
  const units = useConsoleState((s) => s.units);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { analysis } = cordon;

  const derived = useMemo(() => {
    if (!analysis) return null;
    const sent = new Map(analysis.reinforcements.map((r) => [r.crossingId, r.unitId]));
    const plan = analysis.assignment.filter((a) => !sent.has(a.crossingId));
    return { sent, plan, assignment: new Map(analysis.assignment.map((a) => [a.crossingId, a])) };
  }, [analysis]);
  const checkpointNames = useMemo(() => new Map(checkpoints.map((c) => [c.id, c.name])), [checkpoints]);
  const callsign = (unitId: string) => units.get(unitId)?.callsign ?? unitId;

  const run = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await request();
      cordon.refresh();
    } catch (err) {
      setActionError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const sendPlan = () =>
    derived && run(() => api.requests['cordon.sendPlan']({ alertId: alert.id, assignments: derived.plan.map(({ unitId, crossingId }) => ({ unitId, crossingId })) }));
  const activate = (checkpointId: string) => run(() => api.requests['cordon.activateCheckpoint']({ alertId: alert.id, checkpointId }));

  return (
    <section className="panel cordon-panel" data-testid="cordon-panel" data-alert-id={alert.id} aria-label={t('cordon.title')}>
      <header className="panel-header">
        <h2>{t('cordon.title')}</h2>
        {analysis ? (
          <span className="panel-count" data-testid="cordon-timing" data-total-ms={analysis.timings.totalMs}>
            {t('cordon.elapsed', { time: mmss(analysis.elapsedSeconds) })} · {t('cordon.analysisTime', { ms: Math.round(analysis.timings.totalMs) })}
          </span>
        ) : null}
        <button type="button" className="cordon-close" onClick={cordon.close} aria-label={t('cordon.close')}>
          ×
        </button>
      </header>
      <div className="cordon-options">
        <label>
          {t('cordon.profile')}{' '}
          <select data-testid="cordon-profile" value={cordon.profile} onChange={(e) => cordon.setProfile(e.target.value as SuspectProfile)}>
            {PROFILES.map((p) => (
              <option key={p} value={p}>
                {t(`cordon.suspect.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cordon.lead')}{' '}
          <input
            data-testid="cordon-lead"
            type="number"
            min={0}
            max={60}
            step={1}
            value={cordon.leadSeconds / 60}
            onChange={(e) => {
              const minutes = Number(e.target.value);
              if (Number.isFinite(minutes)) cordon.setLeadSeconds(Math.min(60, Math.max(0, minutes)) * 60);
            }}
          />
        </label>
      </div>
      {cordon.error ? <p className="form-error" data-testid="cordon-error">{cordon.error}</p> : null}
      {!analysis || !derived ? (
        <p className="panel-hint">{t('cordon.loading')}</p>
      ) : (
        <>
          {analysis.warnings.map((w) => (
            <p key={w} className="panel-hint cordon-warning">
              {w}
            </p>
          ))}
          <div className="alert-actions">
            <button type="button" className="primary" data-testid="cordon-send-plan" disabled={!operator || busy || derived.plan.length === 0} onClick={() => void sendPlan()}>
              {t('cordon.sendPlan', { count: derived.plan.length })}
            </button>
            {!operator ? <span className="panel-hint">{t('cordon.signIn')}</span> : null}
          </div>
          {actionError ? <p className="form-error" data-testid="cordon-action-error">{actionError}</p> : null}
          {analysis.counts.map((counts) => (
            <CordonRing
              key={counts.ring}
              counts={counts}
              name={t(`cordon.ringName.${counts.ring}`)}
              crossings={analysis.crossings.filter((c) => c.ring === counts.ring)}
              assignment={derived.assignment}
              sent={derived.sent}
              activeCheckpointIds={analysis.activeCheckpointIds}
              callsign={callsign}
              checkpointName={(id) => checkpointNames.get(id) ?? id}
              onActivate={operator && !busy ? (id) => void activate(id) : null}
            />
          ))}
        </>
      )}
    </section>
  );
}
