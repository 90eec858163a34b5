import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsStore, settingsChanges } from './settingsStore';
import type { MetaRepository } from './db/metaRepository';

describe('settingsChanges (what the audit log records for settings.update)', () => {
  it('records only the values that change, with what they replace', () => {
    expect(settingsChanges(DEFAULT_SETTINGS, { alarmMuted: true, locale: 'zh-CN' })).toEqual({
      changed: { alarmMuted: true },
      before: { alarmMuted: false },
    });
    expect(settingsChanges(DEFAULT_SETTINGS, { alarmVolume: 0.7 })).toBeNull();
    expect(settingsChanges(DEFAULT_SETTINGS, {})).toBeNull();
  });
});

describe('SettingsStore (the wall on its own screen)', () => {
  const store = (stored: string | null) => {
    const meta = {
      value: stored,
      get: () => meta.value,
      set: (_k: string, v: string) => void (meta.value = v),
    };
    return new SettingsStore(meta as unknown as MetaRepository);
  };

  it("settings stored before the wall's display, layout and tour interval existed read with their defaults", () => {
    expect(store(JSON.stringify({ locale: 'en', alarmMuted: true, alarmVolume: 0.5 })).get()).toEqual({
      locale: 'en',
      alarmMuted: true,
      alarmVolume: 0.5,
      wallDisplay: null,
      wallLayout: 9,
      tourSeconds: 10,
    });
  });

  it('remembers the display and layout, and refuses a layout the wall does not have', () => {
    const s = store(null);
    s.update({ wallDisplay: '2', wallLayout: 16, tourSeconds: 30 });
    expect(s.get()).toMatchObject({ wallDisplay: '2', wallLayout: 16, tourSeconds: 30 });
    expect(() => s.update({ wallLayout: 6 as never })).toThrow();
    expect(() => s.update({ tourSeconds: 1 })).toThrow();
    expect(s.get().wallLayout).toBe(16);
  });
});
