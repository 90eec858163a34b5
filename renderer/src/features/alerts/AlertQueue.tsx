import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleState, useConsoleStore } from '../../app/ConsoleContext';
import { useMemoTranslate } from '../../i18n/memoTranslate';
import { TransferredList, useTransferredCases } from '../dispatch';
import { useQueueKeyboard } from './useQueueKeyboard';
import { useCommand } from '../keyboard';
import { AlertList } from './AlertList';

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
        <span className="panel-count" data-testid="queue-count" data-count={alerts.length}>
          {t('queue.count', { count: alerts.length })}
        </span>
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
        <AlertList
          alerts={alerts}
          selectedId={selectedId}
          unseen={unseen}
          onSelect={selectRow}
          label={t('queue.title')}
          t={rowT}
        />
      )}
    </section>
  );
}
