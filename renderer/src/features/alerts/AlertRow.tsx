import { memo, type Ref } from 'react';
import type { Alert } from '../../../../shared/domain/alert';
import { useNow } from '../../shared-ui/useNow';
import type { Translate } from '../../i18n/memoTranslate';
import { AlertOwner } from '../seats';

/** Seconds since the report as the row shows them: exact under two minutes, then whole minutes. */
function shownAgeSeconds(reportedAt: string, now: number): number {
  const seconds = Math.max(0, Math.round((now - Date.parse(reportedAt)) / 1000));
  return seconds < 120 ? seconds : Math.floor(seconds / 60) * 60;
}

/** The row's age, ticking by itself: only the rows the virtualised list mounts (those in view) tick. */
function AlertAge({ reportedAt, t }: { reportedAt: string; t: Translate }) {
  const seconds = shownAgeSeconds(reportedAt, useNow(1000));
  return (
    <span className="alert-age">
      {seconds < 120
        ? t('queue.ageSeconds', { seconds })
        : t('queue.age', { minutes: Math.floor(seconds / 60) })}
    </span>
  );
}

/**
 * One queue row, memoised: a new alert renders its own row only (the age ticks by itself).
 * Placed by the list (`start` px from its top, `index` for its measuring), announced as item `index + 1` of
 * `setSize` since only the rows in view exist in the page.
 */
export const AlertRow = memo(function AlertRow({
  alert,
  index,
  setSize,
  selected,
  unseen,
  onSelect,
  t,
  start,
  measureRef,
}: {
  alert: Alert;
  index: number;
  setSize: number;
  selected: boolean;
  unseen: boolean;
  onSelect: (id: string) => void;
  /** The queue's: one translation hook for the list, not three per row (mounting rows at 100/s). */
  t: Translate;
  start: number;
  measureRef: Ref<HTMLLIElement>;
}) {
  return (
    <li
      ref={measureRef}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-index={index}
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-priority={alert.priority}
      className={`alert-item priority-${alert.priority}${selected ? ' selected' : ''}${unseen && alert.priority === 1 ? ' flash' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
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
