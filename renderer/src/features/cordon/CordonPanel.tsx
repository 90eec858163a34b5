import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../shared/domain/alert';
import type { Camera } from '../../../../shared/domain/camera';
import type { Checkpoint } from '../../../../shared/domain/checkpoint';
import type { Crossing } from '../../../../shared/cordon/schema';
import { crossingBayonetIds } from '../../../../shared/cordon/bayonets';
import { useConsoleApi, useConsoleState, useConsoleStore } from '../../app/ConsoleContext';
import { useOperator } from '../operator';
import { useCommand } from '../keyboard';
import { CordonRing, mmss } from './CordonRing';
import type { GapActions } from './CordonGap';
import { CordonOptions } from './CordonOptions';
import type { CordonState } from './useCordon';

/** "三层查控圈" in the alert's action area; key Q toggles the panel. */
export function CordonButton({ cordon }: { cordon: CordonState }) {
  const { t } = useTranslation();
  const { toggle } = cordon;
  useCommand('cordon.toggle', toggle);
  return (
    <button
      type="button"
      className={cordon.open ? 'active' : ''}
      aria-pressed={cordon.open}
      data-testid="cordon-open"
      onClick={toggle}
    >
      {t('cordon.open')} <kbd>Q</kbd>
    </button>
  );
}

/**
 * The cordon of the selected alert: per ring the checkpoint coverage and the gaps (suspect time
 * against the best police time, the recommended unit), the recommended plan sent in one action or
 * one unit to one gap, checkpoints to activate, and each crossing's bayonet cameras on the video
 * wall. The per-incident settings (suspect profile, ring 1, ring 3, cover distance) are above.
 */
export function CordonPanel({
  alert,
  cordon,
  checkpoints,
  cameras,
}: {
  alert: Alert;
  cordon: CordonState;
  checkpoints: readonly Checkpoint[];
  cameras: readonly Camera[];
}) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const store = useConsoleStore();
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
  const send = (assignments: { unitId: string; crossingId: string }[]) =>
    run(() => api.requests['cordon.sendPlan']({ alertId: alert.id, assignments }));
  const sendPlan = () =>
    derived && void send(derived.plan.map(({ unitId, crossingId }) => ({ unitId, crossingId })));
  const activate = (checkpointId: string) =>
    run(() => api.requests['cordon.activateCheckpoint']({ alertId: alert.id, checkpointId }));

  const sentUnits = new Set(analysis?.reinforcements.map((r) => r.unitId) ?? []);
  const availableUnitIds = [...units.values()]
    .filter((u) => u.status === 'available' && u.position !== null && !sentUnits.has(u.id))
    .sort((a, b) => a.callsign.localeCompare(b.callsign))
    .map((u) => u.id);
  const actions: GapActions = {
    callsign,
    checkpointName: (id) => checkpointNames.get(id) ?? id,
    availableUnitIds,
    bayonets: (c: Crossing) => crossingBayonetIds(c, checkpoints, cameras),
    onVideo: (c, ids) => store.showCameras(ids, { lng: c.lng, lat: c.lat }),
    onSend: operator && !busy ? (c, unitId) => void send([{ unitId, crossingId: c.id }]) : null,
  };

  return (
    <section
      className="panel cordon-panel"
      data-testid="cordon-panel"
      data-alert-id={alert.id}
      aria-label={t('cordon.title')}
    >
      <header className="panel-header">
        <h2>{t('cordon.title')}</h2>
        {analysis ? (
          <span className="panel-count" data-testid="cordon-timing" data-total-ms={analysis.timings.totalMs}>
            {t('cordon.elapsed', { time: mmss(analysis.elapsedSeconds) })} ·{' '}
            {t('cordon.analysisTime', { ms: Math.round(analysis.timings.totalMs) })}
          </span>
        ) : null}
        <button type="button" className="cordon-close" onClick={cordon.close} aria-label={t('cordon.close')}>
          ×
        </button>
      </header>
      <CordonOptions cordon={cordon} />
      {cordon.error ? (
        <p className="form-error" data-testid="cordon-error">
          {cordon.error}
        </p>
      ) : null}
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
            <button
              type="button"
              className="primary"
              data-testid="cordon-send-plan"
              disabled={!operator || busy || derived.plan.length === 0}
              onClick={sendPlan}
            >
              {t('cordon.sendPlan', { count: derived.plan.length })}
            </button>
            {!operator ? <span className="panel-hint">{t('cordon.signIn')}</span> : null}
          </div>
          {actionError ? (
            <p className="form-error" data-testid="cordon-action-error">
              {actionError}
            </p>
          ) : null}
          {analysis.counts.map((counts) => (
            <CordonRing
              key={counts.ring}
              counts={counts}
              name={t(`cordon.ringName.${counts.ring}`)}
              ring={analysis.rings.find((r) => r.ring === counts.ring)}
              crossings={analysis.crossings.filter((c) => c.ring === counts.ring)}
              assignment={derived.assignment}
              sent={derived.sent}
              activeCheckpointIds={analysis.activeCheckpointIds}
              actions={actions}
              onActivate={operator && !busy ? (id) => void activate(id) : null}
            />
          ))}
        </>
      )}
    </section>
  );
}
