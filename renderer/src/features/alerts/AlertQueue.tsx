import { memo, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../shared/domain/alert';
import { useConsoleState, useConsoleStore } from '../../app/ConsoleContext';
import { useNow } from '../../shared-ui/useNow';
import { useScrollIntoView } from '../../shared-ui/useScrollIntoView';
import { useVisible } from '../../shared-ui/useVisible';
import { useMemoTranslate, type Translate } from '../../i18n/memoTranslate';
import { TransferredList, useTransferredCases } from '../dispatch';
import { useQueueKeyboard } from './useQueueKeyboard';
import { useCommand } from '../keyboard';
import { AlertOwner } from '../seats';

/** Seconds since the report as the row shows them: exact under two minutes, then whole minutes. */
function shownAgeSeconds(reportedAt: string, now: number): number {
  const seconds = Math.max(0, Math.round((now - Date.parse(reportedAt)) / 1000));
  return seconds < 120 ? seconds : Math.floor(seconds / 60) * 60;
}

/**
 * The row's age. Only rows on screen tick: at 100 alerts/s the queue holds thousands of rows
 * under two minutes old, and re-rendering each of them every second held the renderer's main
 * thread (bench/alertToScreen.ts).
 */
function AlertAge({ reportedAt, t }: { reportedAt: string; t: Translate }) {
  const [ref, visible] = useVisible<HTMLSpanElement>();
  const seconds = shownAgeSeconds(reportedAt, useNow(1000, visible));
  return (
    <span className="alert-age" ref={ref}>
      {seconds < 120
        ? t('queue.ageSeconds', { seconds })
        : t('queue.age', { minutes: Math.floor(seconds / 60) })}
    </span>
  );
}

/**
 * One queue row, memoised: a new alert renders its own row only (the age ticks by itself). With
 * thousands of rows at 100 alerts/s, re-rendering every row per feed batch held the renderer's
 * main thread (bench/alertToScreen.ts).
 */
const AlertRow = memo(function AlertRow({
  alert,
  selected,
  unseen,
  onSelect,
  t,
}: {
  alert: Alert;
  selected: boolean;
  unseen: boolean;
  onSelect: (id: string) => void;
  /** The queue's: one translation hook for the list, not three per row (mounting rows at 100/s). */
  t: Translate;
}) {
  const ref = useScrollIntoView<HTMLLIElement>(selected);
  return (
    <li
      ref={ref}
      role="option"
      aria-selected={selected}
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-priority={alert.priority}
      className={`alert-item priority-${alert.priority}${selected ? ' selected' : ''}${unseen && alert.priority === 1 ? ' flash' : ''}`}
      onClick={() => onSelect(alert.id)}
    >
      <span className={`source-badge source-${alert.source}`}>{t(`source.${alert.source}`)}</span>
      <span className={`priority-badge priority-${alert.priority}`}>{t(`priority.${alert.priority}`)}</span>
      <span className="alert-category">{t(`category.${alert.category}`)}</span>
      {unseen ? <span className="new-badge">{t('queue.new')}</span> : null}
      <AlertAge reportedAt={alert.reportedAt} t={t} />
      <span className="alert-address">{alert.address}</span>
      <AlertOwner alert={alert} t={t} />
    </li>
  );
});

type QueueView = 'open' | 'transferred';

/**
 * The priority queue of open alerts (priority first, then longest waiting), and the transferred
 * cases awaiting feedback in a second tab (key T); keyboard-first in both.
 */
export function AlertQueue() {
  const { t } = useTranslation();
  const store = useConsoleStore();
  const alerts = useConsoleState((s) => s.openQueue);
  const selectedId = useConsoleState((s) => s.selectedAlertId);
  const unseen = useConsoleState((s) => s.unseenAlertIds);
  const [view, setView] = useState<QueueView>('open');
  const transferred = useTransferredCases();
  const shown = useMemo(
    () => (view === 'open' ? alerts : transferred.map((c) => c.alert)),
    [view, alerts, transferred],
  );
  // A transferred case is not in the session's open-alert snapshot: put it in the store to show its detail.
  const select = (id: string | null) => {
    const c = id ? transferred.find((x) => x.alert.id === id) : undefined;
    if (c) store.upsertAlerts([c.alert]);
    store.selectAlert(id);
  };
  useQueueKeyboard(shown, selectedId, select);
  useCommand('queue.toggleTransferred', () => setView((v) => (v === 'open' ? 'transferred' : 'open')));
  const overdue = transferred.filter((c) => c.overdue).length;
  const rowT = useMemoTranslate(t);
  const selectRow = useCallback((id: string) => store.selectAlert(id), [store]);

  return (
    <section className="panel alert-queue" data-testid="alert-queue" aria-label={t('queue.title')}>
      <header className="panel-header">
        <h2>{t('queue.title')}</h2>
        <span className="panel-count">{t('queue.count', { count: alerts.length })}</span>
      </header>
      <div role="tablist" className="queue-tabs">
        <button
          type="button"
          role="tab"
          aria-selected={view === 'open'}
          data-testid="queue-tab-open"
          onClick={() => setView('open')}
        >
          {t('dispatch.desk.openTab')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={view === 'transferred'}
          data-testid="queue-tab-transferred"
          onClick={() => setView('transferred')}
        >
          {t('dispatch.desk.transferredTab')} {transferred.length}
          {overdue ? (
            <span className="overdue-badge">{t('dispatch.desk.overdueCount', { count: overdue })}</span>
          ) : null}
          <kbd>T</kbd>
        </button>
      </div>
      <p className="panel-hint">{t('queue.hint')}</p>
      {view === 'transferred' ? (
        <TransferredList cases={transferred} selectedId={selectedId} onSelect={select} />
      ) : alerts.length === 0 ? (
        <p className="panel-empty">{t('queue.empty')}</p>
      ) : (
        <ul role="listbox" aria-label={t('queue.title')} className="alert-list">
          {alerts.map((alert) => (
            <AlertRow
              key={alert.id}
              alert={alert}
              selected={alert.id === selectedId}
              unseen={unseen.has(alert.id)}
              onSelect={selectRow}
              t={rowT}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
