import type { NearbyUnit } from '../../../../shared/contract/routingContract';

/** The subset of i18next's `t` these helpers need (keeps them testable without React). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** "2分35秒" / "2 min 35 s"; under a minute "45秒" / "45 s". Rounded to whole seconds. */
export function formatDuration(t: Translate, seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m === 0 ? t('units.sec', { s }) : t('units.minSec', { m, s });
}

/** A tier target: whole minutes as "3分钟" / "3 min", anything else as a duration. */
export function formatTarget(t: Translate, seconds: number): string {
  return seconds % 60 === 0 ? t('units.minutes', { m: seconds / 60 }) : formatDuration(t, seconds);
}

/** Badge text for a unit's 1-3-5 verdict, or null when no target applies. */
export function tierBadgeText(t: Translate, tier: NearbyUnit['tier']): string | null {
  if (!tier) return null;
  const target = formatTarget(t, tier.targetSeconds);
  if (tier.met) return t('units.tierMet', { target });
  if (tier.marginSeconds === null) return t('units.tierUnreachable', { target });
  return t('units.tierMissed', { over: formatDuration(t, -tier.marginSeconds) });
}
