import { describe, expect, it } from 'vitest';
import { zhCN } from '../../i18n/zh-CN';
import { en } from '../../i18n/en';
import { formatDuration, tierBadgeText, type Translate } from './etaFormat';

/** A minimal `t` over the real string tables. */
const translator =
  (table: object): Translate =>
  (key, params = {}) => {
    const template = key
      .split('.')
      .reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], table) as string;
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name]));
  };
const zh = translator(zhCN);
const eng = translator(en);

describe('ETA and tier texts', () => {
  it('formats durations in minutes and seconds', () => {
    expect(formatDuration(zh, 155.4)).toBe('2分35秒');
    expect(formatDuration(eng, 155.4)).toBe('2 min 35 s');
    expect(formatDuration(zh, 44.6)).toBe('45秒');
    expect(formatDuration(eng, 0)).toBe('0 s');
  });
  it('states whether a unit meets its tier target, and by how much it misses', () => {
    const met = { ruleId: 'patrol-car-3min', targetSeconds: 180, met: true, marginSeconds: 20 };
    const missed = { ruleId: 'patrol-car-3min', targetSeconds: 180, met: false, marginSeconds: -70 };
    expect(tierBadgeText(zh, met)).toBe('3分钟达标');
    expect(tierBadgeText(eng, met)).toBe('meets 3 min');
    expect(tierBadgeText(zh, missed)).toBe('超时 1分10秒');
    expect(tierBadgeText(eng, missed)).toBe('misses by 1 min 10 s');
    expect(tierBadgeText(zh, { ...missed, marginSeconds: null })).toBe('未达3分钟');
    expect(tierBadgeText(zh, null)).toBeNull();
  });
});
