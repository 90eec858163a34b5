import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftSummary as Summary } from '../../../../shared/contract/dispatchContract';
import { useConsoleApi, useConsoleStore } from '../../app/ConsoleContext';
import { LeadingThrottle } from '../../../../shared/timing/leadingThrottle';

const RELOAD_MS = 1000;

/** Today's shift (alerts received since local midnight): work by state, median first-arrival response time and 1-3-5 compliance. */
export function ShiftSummary() {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const store = useConsoleStore();
  const [summary, setSummary] = useState<Summary | null>(null);
  const reload = useRef<() => void>(() => undefined);
  useEffect(() => {
    let cancelled = false;
    const load = () => {
      reloads.ranNow();
      void api.requests['shift.summary']().then(
        (s) => !cancelled && setSummary(s),
        () => undefined,
      );
    };
    // At most one query per RELOAD_MS however fast alerts arrive (100/s in bench/alertToScreen.ts:
    // one query per alert loaded the host's database on the feed's path), the last change included.
    const reloads = new LeadingThrottle(load, RELOAD_MS, { nextTurn: true, timers: globalThis });
    reload.current = () => reloads.request();
    load();
    const timer = setInterval(load, 10_000);
    const off = api.subscribe['alerts.historyChanged'](() => reload.current());
    return () => {
      cancelled = true;
      clearInterval(timer);
      reloads.cancel();
      off();
    };
  }, [api]);
  // A new alert changes the counts: reload then, without rendering the summary for every batch
  // of alerts (its text only changes when the host's summary does).
  useEffect(() => {
    let size = store.getState().alerts.size;
    return store.subscribe(() => {
      const next = store.getState().alerts.size;
      if (next !== size) reload.current();
      size = next;
    });
  }, [store]);
  if (!summary) return null;
  const c = summary.countsByStatus;
  const open = (c.received ?? 0) + (c.acknowledged ?? 0);
  const moving = (c.dispatched ?? 0) + (c.en_route ?? 0) + (c.on_scene ?? 0);
  return (
    <div className="shift-summary" data-testid="shift-summary">
      <span>{t('shift.waiting', { count: open })}</span>
      <span>{t('shift.active', { count: moving })}</span>
      <span>{t('shift.done', { count: (c.resolved ?? 0) + (c.closed ?? 0) })}</span>
      <span data-testid="shift-transferred">
        {t('dispatch.desk.shiftTransferred', { count: c.transferred ?? 0 })}
      </span>
      <span data-testid="shift-cancelled">
        {t('dispatch.desk.shiftCancelled', { count: c.cancelled ?? 0 })}
      </span>
      <span data-testid="shift-merged">{t('dispatch.desk.shiftMerged', { count: c.merged ?? 0 })}</span>
      <span data-testid="shift-median">
        {t('shift.median')}{' '}
        {summary.medianResponseSeconds !== null ? `${Math.round(summary.medianResponseSeconds)} s` : '—'}
      </span>
      <span data-testid="shift-compliance">
        {t('shift.compliance')}{' '}
        {summary.tierMetShare !== null ? `${Math.round(summary.tierMetShare * 100)}%` : '—'}
      </span>
      {summary.overdueTransfers ? (
        <span className="warn" data-testid="shift-overdue">
          {t('shift.overdue', { count: summary.overdueTransfers })}
        </span>
      ) : null}
      {/* Written down at handover, the head anchors the audit log: `audit verify --anchor HASH`. */}
      <span
        className="audit-head"
        data-testid="shift-audit-head"
        data-hash={summary.auditHead.hash}
        title={`${t('shift.auditHead')} #${summary.auditHead.seq} ${summary.auditHead.hash}`}
      >
        {t('shift.auditHead')} {summary.auditHead.hash.slice(0, 8)}
      </span>
      {summary.outbox.pending || summary.outbox.sent ? (
        <span className="warn">
          {t('shift.outbox', { count: (summary.outbox.pending ?? 0) + (summary.outbox.sent ?? 0) })}
        </span>
      ) : null}
    </div>
  );
}
