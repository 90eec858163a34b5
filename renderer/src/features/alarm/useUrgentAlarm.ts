import { useEffect, useRef, useState } from 'react';
import { useConsoleState } from '../../app/ConsoleContext';
import { createAlarmTone, type AlarmTone } from './alarmTone';

/** How often the alarm repeats while an urgent 110 alert is still unseen. */
const REPEAT_MS = 8_000;

export type AlarmState = 'idle' | 'sounding' | 'muted' | 'blocked';

/**
 * Sounds while any urgent (priority 1) 110 alert has not been looked at, until it is selected
 * or the alarm is muted in settings. "blocked" means the browser wants one click first.
 */
export function useUrgentAlarm(): { state: AlarmState; unlock: () => void } {
  const toneRef = useRef<AlarmTone | null>(null);
  const [state, setState] = useState<AlarmState>('idle');
  const alerts = useConsoleState((s) => s.alerts);
  const unseen = useConsoleState((s) => s.unseenAlertIds);
  const muted = useConsoleState((s) => s.settings?.alarmMuted ?? false);
  const volume = useConsoleState((s) => s.settings?.alarmVolume ?? 0.7);

  let urgentUnseen = 0;
  for (const id of unseen) {
    const alert = alerts.get(id);
    if (alert && alert.priority === 1 && alert.source === '110' && alert.status === 'received')
      urgentUnseen++;
  }

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
