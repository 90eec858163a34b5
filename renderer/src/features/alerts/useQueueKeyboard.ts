import type { Alert } from '../../../../shared/domain/alert';
import { useCommand, useKeyContext } from '../keyboard';

/**
 * Keyboard triage anywhere in the window (keys bound in the shortcut registry): ↓/J next,
 * ↑/K previous, Home first, Esc clear.
 */
export function useQueueKeyboard(
  alerts: readonly Alert[],
  selectedId: string | null,
  select: (id: string | null) => void,
): void {
  useKeyContext('alertSelected', selectedId !== null);
  const index = alerts.findIndex((a) => a.id === selectedId);
  const move = (to: number) => {
    const target = alerts[Math.max(0, Math.min(alerts.length - 1, to))];
    if (target) select(target.id);
  };
  useCommand('queue.next', () => move(index + 1));
  useCommand('queue.previous', () => move(index < 0 ? 0 : index - 1));
  useCommand('queue.first', () => move(0));
  useCommand('queue.clear', () => select(null));
}
