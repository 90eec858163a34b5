import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_CONFIG, evaluateTier, parseTierConfig, ResponseTierConfigSchema } from './tiers';

describe('response tiers', () => {
  it('default config validates against its own schema', () => {
    expect(ResponseTierConfigSchema.safeParse(DEFAULT_TIER_CONFIG).success).toBe(true);
  });

  it('applies unit-type rules: foot at post 1 min, patrol car 3 min, special 5 min', () => {
    const alert = { priority: 3 as const, source: '110' as const };
    expect(evaluateTier(DEFAULT_TIER_CONFIG, { type: 'foot', atPost: true }, alert, 45)).toEqual({
      ruleId: 'post-1min',
      targetSeconds: 60,
      met: true,
      marginSeconds: 15,
    });
    expect(evaluateTier(DEFAULT_TIER_CONFIG, { type: 'car' }, alert, 200)).toMatchObject({
      targetSeconds: 180,
      met: false,
      marginSeconds: -20,
    });
    expect(evaluateTier(DEFAULT_TIER_CONFIG, { type: 'special' }, alert, 290)).toMatchObject({
      targetSeconds: 300,
      met: true,
    });
  });

  it('falls back to the urgent-110 rules by zone, and to no target otherwise', () => {
    const urban = { priority: 1 as const, source: '110' as const, zoneIds: ['d-01', 'urban'] };
    const suburb = { priority: 1 as const, source: '110' as const, zoneIds: ['d-09'] };
    expect(evaluateTier(DEFAULT_TIER_CONFIG, { type: 'foot' }, urban, 280)).toMatchObject({
      ruleId: 'urgent-urban-5min',
      met: true,
    });
    expect(evaluateTier(DEFAULT_TIER_CONFIG, { type: 'ebike' }, suburb, 400)).toMatchObject({
      ruleId: 'urgent-suburb-10min',
      targetSeconds: 600,
      met: true,
    });
    expect(
      evaluateTier(DEFAULT_TIER_CONFIG, { type: 'foot' }, { priority: 3, source: '12345' }, 400),
    ).toEqual({
      ruleId: null,
      targetSeconds: null,
      met: null,
      marginSeconds: null,
    });
  });

  it('treats an unreachable unit as not meeting its target', () => {
    expect(evaluateTier(DEFAULT_TIER_CONFIG, { type: 'car' }, { priority: 2 }, null)).toMatchObject({
      met: false,
      marginSeconds: null,
    });
  });

  it('supports zone- and severity-specific configs, first match wins', () => {
    const cfg = parseTierConfig({
      version: 1,
      rules: [
        { id: 'station', zoneIds: ['railway-station'], targetSeconds: 60 },
        { id: 'p1', priorities: [1], targetSeconds: 180 },
      ],
      fallbackSeconds: 600,
    });
    expect(evaluateTier(cfg, { type: 'car' }, { priority: 1, zoneIds: ['railway-station'] }, 90).ruleId).toBe(
      'station',
    );
    expect(evaluateTier(cfg, { type: 'car' }, { priority: 1 }, 90).ruleId).toBe('p1');
    expect(evaluateTier(cfg, { type: 'car' }, { priority: 4 }, 700)).toMatchObject({
      ruleId: 'fallback',
      met: false,
      marginSeconds: -100,
    });
    expect(() =>
      parseTierConfig({ version: 1, rules: [{ id: 'x', targetSeconds: -1 }], fallbackSeconds: null }),
    ).toThrow();
  });
});
