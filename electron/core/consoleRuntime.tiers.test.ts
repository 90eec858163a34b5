/**
 * The tier badge the officer sees and the verdict stored at arrival come from one tier function.
 * A real console runtime on a data folder with a non-default tiers.json, fed by an in-process
 * gateway: the target stored for the dispatched unit is the one its ranking showed. (Before,
 * the arrival was judged on the default table: a patrol car got 180 s here instead of 240 s.)
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_UNITS, waitFor } from '../../tests/unit/gatewayFixtures';
import { runtimeFixtures } from '../../tests/unit/runtimeFixtures';
import { DEFAULT_TIER_CONFIG, evaluateTier } from '../../node/routing/index';

const fixtures = runtimeFixtures();

/** Every unit 4 min, no fallback: the default table would give a patrol car 3 min. */
const TIERS = { version: 1, rules: [{ id: 'all-4min', targetSeconds: 240 }], fallbackSeconds: null };
const CAR = FIXTURE_UNITS[0]!;

describe('tier verdict at arrival', () => {
  it('stores the target the ranking showed, from the data folder’s tiers.json', async () => {
    const f = fixtures.fixture('tier-agree-');
    const gateway = await fixtures.gateway(f);
    const dataDir = path.join(f.root, 'console');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'tiers.json'), JSON.stringify(TIERS));
    const runtime = await fixtures.runtime({ dataDir, packDir: f.packDir, gatewayUrl: gateway.url });

    // Far enough from the car's patrol (~600 m) that it cannot arrive by itself during the test.
    const alert = {
      id: '110-TIER-1',
      source: '110',
      category: 'robbery',
      priority: 1,
      reportedAt: '2026-11-20T20:00:05+08:00',
      caller: { phone: '13800000000' },
      address: '测试路',
      description: 'tier',
    };
    gateway.inject('alert', { ...alert, location: { lng: 112.856, lat: 35.496, crs: 'WGS84' } });
    await waitFor(() => runtime.repository.alerts.get(alert.id) !== null, 5000, 'alert stored');
    await waitFor(
      () => runtime.repository.units.list().find((u) => u.id === CAR)?.position != null,
      5000,
      'car position',
    );

    const nearby = await runtime.handlers['alerts.nearby']({
      alertId: alert.id,
      cameraLimit: 1,
      unitLimit: 5,
    });
    const car = nearby.units.find((u) => u.unit.id === CAR);
    expect(car?.tier).toMatchObject({ ruleId: 'all-4min', targetSeconds: 240 });
    // The default table disagrees: this is the case the arrival used to get wrong.
    expect(
      evaluateTier(DEFAULT_TIER_CONFIG, { type: 'car' }, { priority: 1, source: '110' }, null).targetSeconds,
    ).toBe(180);

    await runtime.handlers['operator.signIn']({ username: 'duty', password: 'demo-1234' });
    await runtime.handlers['alerts.act']({ alertId: alert.id, action: { type: 'dispatch', unitIds: [CAR] } });
    await runtime.handlers['alerts.act']({ alertId: alert.id, action: { type: 'arrive', unitId: CAR } });
    const [record] = (await runtime.handlers['alerts.history']({ alertId: alert.id })).dispatches;
    expect(record).toMatchObject({ unitId: CAR, tierTargetSeconds: car!.tier!.targetSeconds });
    expect(record!.tierMet).toBe(record!.responseSeconds! <= 240);
  }, 30_000);
});
