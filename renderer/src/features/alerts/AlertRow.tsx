import { memo } from 'react';
import type { Alert } from '../../../../shared/domain/alert';
import { useNow } from '../../shared-ui/useNow';
import type { Translate } from '../../i18n/memoTranslate';
import { AlertOwner } from '../seats';

/**
 * A queue row's height, fixed: three lines (badges and age, address, owner), each kept to one line
 * by the stylesheet. The virtualised list places rows by it without measuring them: measuring
 * each new row forced a layout of the page in every commit (~75 ms in the first two seconds at 10
 * alerts/s, bench/alertToScreen.ts).
 */
export const QUEUE_ROW_HEIGHT_PX = 68;

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
 * Placed by the list (`start` px from its top), announced as item `index + 1` of
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
}) {
  return (
    <li
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-priority={alert.priority}
      className={`alert-item priority-${alert.priority}${selected ? ' selected' : ''}${unseen && alert.priority === 1 ? ' flash' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: QUEUE_ROW_HEIGHT_PX }}
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
