import { useEffect, useRef, useState } from 'react';
import { useConsoleState } from '../../app/ConsoleContext';
import type { ConsoleState } from '../../app/consoleStore';
import { createAlarmTone, type AlarmTone } from './alarmTone';

/** How often the alarm repeats while an urgent 110 alert is still unseen. */
const REPEAT_MS = 8_000;

export type AlarmState = 'idle' | 'sounding' | 'muted' | 'blocked';

/**
 * How many urgent (priority 1) 110 alerts nobody has looked at yet, counted once per change of
 * the alerts or of what was seen: the store is read on every change and every render, and the
 * count (a number) re-renders the alarm only when it changes; a scan per read went over thousands
 * of unseen alerts at 100 alerts/s and re-rendered the status bar's alarm with each batch.
 */
const countUrgentUnseen = (() => {
  let last: { alerts: ConsoleState['alerts']; unseen: ConsoleState['unseenAlertIds']; count: number } | null =
    null;
  return (state: ConsoleState): number => {
    if (last && last.alerts === state.alerts && last.unseen === state.unseenAlertIds) return last.count;
    let count = 0;
    for (const id of state.unseenAlertIds) {
      const alert = state.alerts.get(id);
      if (alert && alert.priority === 1 && alert.source === '110' && alert.status === 'received') count++;
    }
    last = { alerts: state.alerts, unseen: state.unseenAlertIds, count };
    return count;
  };
})();

/**
 * Sounds while any urgent (priority 1) 110 alert has not been looked at, until it is selected
 * or the alarm is muted in settings. "blocked" means the browser wants one click first.
 */
export function useUrgentAlarm(): { state: AlarmState; unlock: () => void } {
  const toneRef = useRef<AlarmTone | null>(null);
  const [state, setState] = useState<AlarmState>('idle');
  const urgentUnseen = useConsoleState(countUrgentUnseen);
  const muted = useConsoleState((s) => s.settings?.alarmMuted ?? false);
  const volume = useConsoleState((s) => s.settings?.alarmVolume ?? 0.7);

  useEffect(() => {
    toneRef.current = createAlarmTone();
    return () => toneRef.current?.dispose();
  }, []);

  useEffect(() => {
    if (urgentUnseen === 0) {
      setState('idle');
      return;
    }
    if (muted) {
      setState('muted');
      return;
    }
    let cancelled = false;
    const ring = async () => {
      const played = (await toneRef.current?.play(volume)) ?? false;
      if (!cancelled) setState(played ? 'sounding' : 'blocked');
    };
    void ring();
    const timer = setInterval(() => void ring(), REPEAT_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [urgentUnseen, muted, volume]);

  return { state, unlock: () => void toneRef.current?.unlock() };
}
