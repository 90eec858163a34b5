import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { memoTranslate } from './memoTranslate';
import { zhCN } from './zh-CN';
import { en } from './en';

async function instance(lng: string) {
  const i = i18next.createInstance();
  await i.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
  return i;
}

describe('memoTranslate', () => {
  it('gives what t gives, for plain keys and for values, and calls t once per key and values', async () => {
    const i = await instance('en');
    let calls = 0;
    const counted = ((...args: Parameters<typeof i.t>) => {
      calls++;
      return i.t(...args);
    }) as typeof i.t;
    const tr = memoTranslate(counted);
    for (const round of [1, 2]) {
      expect(tr('source.110')).toBe(i.t('source.110'));
      expect(tr('queue.ageSeconds', { seconds: 5 })).toBe(i.t('queue.ageSeconds', { seconds: 5 }));
      expect(tr('queue.ageSeconds', { seconds: 6 })).toBe(i.t('queue.ageSeconds', { seconds: 6 }));
      expect(calls).toBe(3);
      expect(round).toBeGreaterThan(0);
    }
    expect(tr('queue.ageSeconds', { seconds: 6 })).toContain('6');
  });

  it('a new t (another language) is a new cache', async () => {
    const zh = memoTranslate((await instance('zh-CN')).t);
    const enT = memoTranslate((await instance('en')).t);
    expect(zh('queue.new')).not.toBe(enT('queue.new'));
  });
});
