import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { useUrgentAlarm } from './useUrgentAlarm';
import { useSeatControl } from '../operator';

/** Alarm state, mute and volume, in the status bar. */
export function AlarmControl() {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const settings = useConsoleState((s) => s.settings);
  const { state, unlock } = useUrgentAlarm();
  const muted = settings?.alarmMuted ?? false;
  // Silencing the urgent alarm is someone's decision: only a signed-in operator may (the host enforces it too).
  const seat = useSeatControl('alarm');
  return (
    <span className={`alarm-control alarm-${state}`} data-testid="alarm" data-state={state}>
      {state === 'blocked' ? (
        <button type="button" onClick={unlock} data-testid="alarm-unlock">
          {t('alarm.enable')}
        </button>
      ) : (
        <span>{t(`alarm.${state}`)}</span>
      )}
      <button
        type="button"
        data-testid="alarm-toggle"
        aria-pressed={muted}
        disabled={!seat.allowed}
        title={seat.hint}
        onClick={() => void api.requests['settings.update']({ alarmMuted: !muted })}
      >
        {muted ? t('alarm.unmute') : t('alarm.mute')}
      </button>
      <input
        type="range"
        min={0}
        max={1}
        step={0.1}
        aria-label={t('alarm.volume')}
        data-testid="alarm-volume"
        disabled={!seat.allowed}
        title={seat.hint}
        value={settings?.alarmVolume ?? 0.7}
        onChange={(e) => void api.requests['settings.update']({ alarmVolume: Number(e.target.value) })}
      />
    </span>
  );
}
