import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { useUrgentAlarm } from './useUrgentAlarm';

/** Alarm state, mute and volume, in the status bar. */
export function AlarmControl() {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const settings = useConsoleState((s) => s.settings);
  const { state, unlock } = useUrgentAlarm();
  const muted = settings?.alarmMuted ?? false;
  return (
    <span className={`alarm-control alarm-${state}`} data-testid="alarm" data-state={state}>
      {state === 'blocked' ? (
        <button type="button" onClick={unlock} data-testid="alarm-unlock">
          {t('alarm.enable')}
        </button>
      ) : (
        <span>{t(`alarm.${state}`)}</span>
      )}
      <button type="button" data-testid="alarm-toggle" aria-pressed={muted} onClick={() => void api.requests['settings.update']({ alarmMuted: !muted })}>
        {muted ? t('alarm.unmute') : t('alarm.mute')}
      </button>
      <input
        type="range"
        min={0}
        max={1}
        step={0.1}
        aria-label={t('alarm.volume')}
        value={settings?.alarmVolume ?? 0.7}
        onChange={(e) => void api.requests['settings.update']({ alarmVolume: Number(e.target.value) })}
      />
    </span>
  );
}
