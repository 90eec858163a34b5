import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsChanges } from './settingsStore';

describe('settingsChanges (what the audit log records for settings.update)', () => {
  it('records only the values that change, with what they replace', () => {
    expect(settingsChanges(DEFAULT_SETTINGS, { alarmMuted: true, locale: 'zh-CN' })).toEqual({ changed: { alarmMuted: true }, before: { alarmMuted: false } });
    expect(settingsChanges(DEFAULT_SETTINGS, { alarmVolume: 0.7 })).toBeNull();
    expect(settingsChanges(DEFAULT_SETTINGS, {})).toBeNull();
  });
});
