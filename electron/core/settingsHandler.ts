import type { RequestHandlers, Settings } from '../../shared/contract/api';
import type { EventSink } from '../../shared/contract/bridge';
import { guardSeatControl, type SeatGuardDeps } from './seatGuard';
import { settingsChanges, type SettingsStore } from './settingsStore';

/**
 * `settings.update`: stores the patch, audits what changed and tells the renderer. The language
 * is the reader's; the alarm is the seat's: muting it is a decision someone answers for, so an
 * alarm change is a seat control.
 */
export function settingsUpdateHandler(
  settings: SettingsStore,
  seat: SeatGuardDeps,
  emit: EventSink,
): RequestHandlers['settings.update'] {
  return async (patch) => {
    const alarmChange = patch.alarmMuted !== undefined || patch.alarmVolume !== undefined;
    const apply = async (): Promise<Settings> => {
      const before = settings.get();
      const next = settings.update(patch);
      const changes = settingsChanges(before, patch);
      if (changes) seat.auditSeatAction(seat.operatorName(), 'settings.update', 'settings', changes);
      emit('settings.changed', next);
      return next;
    };
    return alarmChange ? guardSeatControl(seat, 'alarm', apply, null)() : apply();
  };
}
