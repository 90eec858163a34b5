import type { HostInfo } from '../../../../shared/contract/api';
import { useConsoleState } from '../../app/ConsoleContext';

/** The drill this console runs, or null for live work. */
export const useDrill = () => useConsoleState((s) => s.host?.drill ?? null);

/** Frames every console window (main, wall) in the drill colour; call once at boot. */
export function markDrillWindow(host: HostInfo | null): void {
  if (!host?.drill) return;
  document.documentElement.classList.add('drill-mode');
  document.documentElement.dataset.drill = host.drill.scenarioId;
}

export const formatScenarioTime = (seconds: number): string => {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
