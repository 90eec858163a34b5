import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { Alert } from '../../../../shared/domain/alert';
import type { Translate } from '../../i18n/memoTranslate';
import { AlertRow } from './AlertRow';

/** A row's height before it is measured (badges, address, owner: three lines), and the space between rows. */
const ROW_ESTIMATE_PX = 66;
const ROW_GAP_PX = 4;
/** Rows mounted beyond each edge of the view: keyboard steps and short scrolls find them ready. */
const OVERSCAN_ROWS = 8;

/**
 * Keeps the row the officer is reading in place when alerts are inserted or removed above it
 * (a new urgent call sorts to the top): the scroll position follows that row's new place. At
 * the very top nothing is held, so new rows appear where the officer looks. Native scroll
 * anchoring does not apply to a virtualised list's positioned rows.
 */
function useHoldReadingRow(
  virtualizer: Virtualizer<HTMLDivElement, HTMLLIElement>,
  alerts: readonly Alert[],
) {
  const held = useRef<{ id: string; within: number } | null>(null);
  useLayoutEffect(() => {
    const h = held.current;
    const offset = virtualizer.scrollOffset ?? 0;
    if (h && offset > 0) {
      const index = alerts.findIndex((a) => a.id === h.id);
      const start = index >= 0 ? virtualizer.measurementsCache[index]?.start : undefined;
      if (start !== undefined && start + h.within !== offset) virtualizer.scrollToOffset(start + h.within);
    }
  }, [alerts, virtualizer]);
  // After each render: the first row in view now is the one to hold through the next change.
  useEffect(() => {
    const offset = virtualizer.scrollOffset ?? 0;
    const first = virtualizer.getVirtualItems().find((item) => item.end > offset);
    const alert = first ? alerts[first.index] : undefined;
    held.current = first && alert ? { id: alert.id, within: offset - first.start } : null;
  });
}

/**
 * The open queue as a virtualised listbox: only the rows in view (and a few beyond) are in the
 * page. At 100 alerts/s the queue holds thousands of rows, and laying out and reconciling every
 * one per feed batch held the renderer's main thread past the 250 ms alert-to-screen target
 * (bench/alertToScreen.ts). The selected row is scrolled into view when the selection moves.
 */
export function AlertList({
  alerts,
  selectedId,
  unseen,
  onSelect,
  label,
  t,
}: {
  alerts: readonly Alert[];
  selectedId: string | null;
  unseen: ReadonlySet<string>;
  onSelect: (id: string) => void;
  label: string;
  t: Translate;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The compiler cannot memoise around the virtualizer; nothing here relies on it (rows are memo()).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count: alerts.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: useCallback((index: number) => alerts[index]!.id, [alerts]),
    gap: ROW_GAP_PX,
    overscan: OVERSCAN_ROWS,
  });
  useHoldReadingRow(virtualizer, alerts);
  const selectedIndex = selectedId === null ? -1 : alerts.findIndex((a) => a.id === selectedId);
  const selectedIndexRef = useRef(selectedIndex);
  selectedIndexRef.current = selectedIndex;
  useEffect(() => {
    // On a new selection only: a selected row moving as alerts arrive must not pull the view along.
    if (selectedIndexRef.current >= 0) virtualizer.scrollToIndex(selectedIndexRef.current, { align: 'auto' });
  }, [selectedId, virtualizer]);

  return (
    <div ref={scrollRef} className="alert-list-scroll" data-testid="alert-list">
      <ul
        role="listbox"
        aria-label={label}
        className="alert-list"
        style={{ height: `${virtualizer.getTotalSize()}px` }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const alert = alerts[item.index]!;
          return (
            <AlertRow
              key={item.key}
              alert={alert}
              index={item.index}
              setSize={alerts.length}
              selected={alert.id === selectedId}
              unseen={unseen.has(alert.id)}
              onSelect={onSelect}
              t={t}
              start={item.start}
              measureRef={virtualizer.measureElement}
            />
          );
        })}
      </ul>
    </div>
  );
}
