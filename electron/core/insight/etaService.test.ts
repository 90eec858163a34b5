import { afterEach, describe, expect, it } from 'vitest';
import { dispatchHarness } from '../../../tests/unit/dispatchHarness';
import { createEtaService, etaSamples, SPEED_FACTORS_KEY } from './etaService';
import type { SpeedFactors } from '../../../shared/contract/insightContract';

const ID = '110-20261120-0001';
let harness: Awaited<ReturnType<typeof dispatchHarness>>;
afterEach(() => harness?.close());

const fakeRouting = (initial: SpeedFactors = {}) => {
  let f = initial;
  const calls: SpeedFactors[] = [];
  return { calls, speedFactors: () => f, setSpeedFactors: (n: SpeedFactors) => (calls.push(n), (f = n)) };
};

describe('ETA calibration on stored dispatches', () => {
  it('keeps the ETA predicted at assignment, the unit type and the road class with each dispatch, and compares it with the arrival', async () => {
    harness = await dispatchHarness({
      predictEta: (unit) => (unit.id === 'U01' ? { etaSeconds: 100, roadClass: 'primary' } : null),
    });
    const { service, feed, repo } = harness;
    const scene = repo.alerts.get(ID)!.position;
    service.act(ID, { type: 'dispatch', unitIds: ['U01', 'U02'] });
    const rows = repo.db
      .prepare('SELECT unit_id, predicted_eta_seconds, unit_type, road_class FROM dispatches ORDER BY id')
      .all();
    expect(rows).toEqual([
      { unit_id: 'U01', predicted_eta_seconds: 100, unit_type: 'car', road_class: 'primary' },
      { unit_id: 'U02', predicted_eta_seconds: null, unit_type: 'car', road_class: null },
    ]);
    const fix = {
      unitId: 'U01',
      lng: scene.lng,
      lat: scene.lat,
      heading: 0,
      speed: 1,
      at: '2026-11-20T11:02:10.000Z',
    };
    feed('unit.position', [fix]);
    service.onPositions([fix]);
    // Sent 11:00:10, arrived 11:02:10: 120 s against a predicted 100 s.
    const samples = etaSamples(repo.db, Date.parse('2026-11-19T00:00:00Z'));
    expect(samples).toEqual([
      { unitType: 'car', hour: 19, roadClass: 'primary', predictedSeconds: 100, actualSeconds: 120 },
    ]);
    // A dispatch stored before the road class was recorded (migration 15): class unknown.
    repo.db
      .prepare(
        `INSERT INTO dispatches (alert_id, unit_id, dispatched_at, arrived_at, predicted_eta_seconds, unit_type)
         VALUES (?, 'U02', '2026-11-20T11:00:10.000Z', '2026-11-20T11:03:40.000Z', 300, 'car')`,
      )
      .run(ID);
    const eta = createEtaService({
      db: repo.db,
      meta: repo.meta,
      routing: fakeRouting(),
      now: () => Date.parse('2026-11-21T00:00:00Z'),
    });
    const report = eta.report(7);
    expect(report.byUnitType).toEqual([
      {
        unitType: 'car',
        n: 2,
        biasSeconds: -35,
        maeSeconds: 55,
        ratio: 0.95,
        currentFactor: 1,
        proposedFactor: null,
      },
    ]);
    expect(report.byHour).toEqual([{ hour: 19, n: 2, biasSeconds: -35, maeSeconds: 55, ratio: 0.95 }]);
    // 120 s against 100 s on a primary road; 210 s against 300 s on an unknown one.
    expect(report.byRoadClass).toEqual([
      { roadClass: 'primary', n: 1, biasSeconds: 20, maeSeconds: 20, ratio: 1.2 },
      { roadClass: 'unknown', n: 1, biasSeconds: -90, maeSeconds: 90, ratio: 0.7 },
    ]);
  });

  it('stores accepted factors in the settings and applies them to the routing, now and at the next start', async () => {
    harness = await dispatchHarness();
    const routing = fakeRouting();
    const eta = createEtaService({ db: harness.repo.db, meta: harness.repo.meta, routing });
    expect(eta.apply({ car: 0.85 })).toEqual({ before: {}, after: { car: 0.85 } });
    expect(eta.apply({ foot: 0.9 }).after).toEqual({ car: 0.85, foot: 0.9 });
    expect(JSON.parse(harness.repo.meta.get(SPEED_FACTORS_KEY)!)).toEqual({ car: 0.85, foot: 0.9 });
    const restarted = fakeRouting();
    createEtaService({ db: harness.repo.db, meta: harness.repo.meta, routing: restarted });
    expect(restarted.calls).toEqual([{ car: 0.85, foot: 0.9 }]);
    expect(() => eta.apply({ car: 5 })).toThrow();
  });
});
