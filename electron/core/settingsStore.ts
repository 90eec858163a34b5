import { SettingsSchema, type Settings } from '../../shared/contract/api';
import type { MetaRepository } from './db/metaRepository';

const SETTINGS_KEY = 'settings';
export const DEFAULT_SETTINGS: Settings = {
  locale: 'zh-CN',
  alarmMuted: false,
  alarmVolume: 0.7,
  wallDisplay: null,
  wallLayout: 9,
  tourSeconds: 10,
};

/** Operator settings persisted in the console database; unreadable values fall back to defaults. */
export class SettingsStore {
  constructor(private readonly meta: MetaRepository) {}

  get(): Settings {
    const raw = this.meta.get(SETTINGS_KEY);
    if (raw === null) return DEFAULT_SETTINGS;
    try {
      const parsed = SettingsSchema.partial().safeParse(JSON.parse(raw));
      return parsed.success ? { ...DEFAULT_SETTINGS, ...parsed.data } : DEFAULT_SETTINGS;
    } catch {
      return DEFAULT_SETTINGS;
    }
  }

  update(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.get(), ...patch });
    this.meta.set(SETTINGS_KEY, JSON.stringify(next));
    return next;
  }
}

/** What a patch actually changes, with the values it replaces (for the audit log); null when nothing changes. */
export function settingsChanges(
  before: Settings,
  patch: Partial<Settings>,
): { changed: Partial<Settings>; before: Partial<Settings> } | null {
  const keys = (Object.keys(patch) as (keyof Settings)[]).filter(
    (k) => patch[k] !== undefined && patch[k] !== before[k],
  );
  if (keys.length === 0) return null;
  return {
    changed: Object.fromEntries(keys.map((k) => [k, patch[k]])),
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
  };
}
