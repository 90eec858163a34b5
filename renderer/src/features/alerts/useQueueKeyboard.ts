import { useEffect, useRef } from 'react';
import type { Alert } from '../../../../shared/domain/alert';

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Keyboard triage anywhere in the window: ↓/J next, ↑/K previous, Home first, Esc clear.
 * Ignored while typing in a field.
 */
export function useQueueKeyboard(
  alerts: readonly Alert[],
  selectedId: string | null,
  select: (id: string | null) => void,
): void {
  const latest = useRef({ alerts, selectedId, select });
  useEffect(() => {
    latest.current = { alerts, selectedId, select };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const { alerts: list, selectedId: current, select: choose } = latest.current;
      const index = list.findIndex((a) => a.id === current);
      const move = (to: number) => {
        const target = list[Math.max(0, Math.min(list.length - 1, to))];
        if (target) choose(target.id);
        event.preventDefault();
      };
      switch (event.key) {
        case 'ArrowDown':
        case 'j':
          move(index + 1);
          break;
        case 'ArrowUp':
        case 'k':
          move(index < 0 ? 0 : index - 1);
          break;
        case 'Home':
          move(0);
          break;
        case 'Escape':
          choose(null);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** A single-letter key (outside text fields, no modifiers) that switches the queue's view. */
export function useViewToggleKey(key: string, toggle: () => void): void {
  const latest = useRef(toggle);
  useEffect(() => {
    latest.current = toggle;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== key || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey)
        return;
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key]);
}
