import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Alert } from '../../../../shared/domain/alert';
import type { Translate } from '../../i18n/memoTranslate';
import { AlertRow, QUEUE_ROW_HEIGHT_PX } from './AlertRow';

/** The space between rows; a row and its gap make one step of the list. */
const ROW_GAP_PX = 4;
const ROW_STEP_PX = QUEUE_ROW_HEIGHT_PX + ROW_GAP_PX;
/** Rows mounted beyond each edge of the view: keyboard steps and short scrolls find them ready. */
const OVERSCAN_ROWS = 8;

/** The rows to mount for a view of `height` px scrolled to `top`: [first, end). */
export function rowWindow(top: number, height: number, count: number): [number, number] {
  const first = Math.max(0, Math.floor(top / ROW_STEP_PX) - OVERSCAN_ROWS);
  const end = Math.min(count, Math.ceil((top + height) / ROW_STEP_PX) + OVERSCAN_ROWS);
  return [first, Math.max(first, end)];
}

/** The scroll position that brings row `index` fully into a view, or `top` if it is in it already. */
export function scrollToShow(index: number, top: number, height: number): number {
  const start = index * ROW_STEP_PX;
  if (start < top) return start;
  if (start + QUEUE_ROW_HEIGHT_PX > top + height) return start + QUEUE_ROW_HEIGHT_PX - height;
  return top;
}

/**
 * The open queue as a virtualised listbox: only the rows in view (and a few beyond) are in the
 * page. At 100 alerts/s the queue holds thousands of rows, and laying out and reconciling every
 * one per feed batch held the renderer's main thread past the 250 ms alert-to-screen target
 * (bench/alertToScreen.ts). Rows have one height, so the window is arithmetic: a library's
 * per-row bookkeeping, rebuilt for every row whenever a row was inserted at the top, cost the
 * renderer ~1.2 s a minute at 100 alerts/s on the large city.
 *
 * The selected row is scrolled into view when the selection moves; the row being read stays in
 * place when alerts are inserted or removed above it (native scroll anchoring does not reach
 * positioned rows). At the very top nothing is held, so new rows appear where the officer looks.
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
  const [view, setView] = useState({ top: 0, height: 0 });
  useLayoutEffect(() => {
    const el = scrollRef.current!;
    const read = () => setView({ top: el.scrollTop, height: el.clientHeight });
    read();
    let frame = 0;
    const onScroll = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          read();
        });
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);

  // The row being read: the first in view, and how far the view is into it.
  const held = useRef<{ id: string; within: number } | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current!;
    const h = held.current;
    if (h && el.scrollTop > 0) {
      const index = alerts.findIndex((a) => a.id === h.id);
      if (index >= 0 && index * ROW_STEP_PX + h.within !== el.scrollTop) {
        el.scrollTop = index * ROW_STEP_PX + h.within;
        setView({ top: el.scrollTop, height: el.clientHeight });
      }
    }
  }, [alerts]);
  useEffect(() => {
    const first = Math.floor(view.top / ROW_STEP_PX);
    const alert = view.top > 0 ? alerts[first] : undefined;
    held.current = alert ? { id: alert.id, within: view.top - first * ROW_STEP_PX } : null;
  });

  const alertsRef = useRef(alerts);
  useLayoutEffect(() => {
    alertsRef.current = alerts;
  });
  useLayoutEffect(() => {
    // On a new selection only: a selected row moving as alerts arrive must not pull the view along.
    const el = scrollRef.current!;
    const index = selectedId === null ? -1 : alertsRef.current.findIndex((a) => a.id === selectedId);
    if (index < 0) return;
    const top = scrollToShow(index, el.scrollTop, el.clientHeight);
    if (top !== el.scrollTop) {
      el.scrollTop = top;
      setView({ top: el.scrollTop, height: el.clientHeight });
    }
  }, [selectedId]);

  const [first, end] = rowWindow(view.top, view.height, alerts.length);
  const rows = [];
  for (let index = first; index < end; index++) {
    const alert = alerts[index]!;
    rows.push(
      <AlertRow
        key={alert.id}
        alert={alert}
        index={index}
        setSize={alerts.length}
        selected={alert.id === selectedId}
        unseen={unseen.has(alert.id)}
        onSelect={onSelect}
        t={t}
        start={index * ROW_STEP_PX}
      />,
    );
  }
  return (
    <div ref={scrollRef} className="alert-list-scroll" data-testid="alert-list">
      <ul
        role="listbox"
        aria-label={label}
        className="alert-list"
        style={{ height: Math.max(0, alerts.length * ROW_STEP_PX - ROW_GAP_PX) }}
      >
        {rows}
      </ul>
    </div>
  );
}
