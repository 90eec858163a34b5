import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calibrate, errorStats, proposeFactor, type EtaSample } from './etaCalibration';
import { calibratedProfiles, DEFAULT_PROFILES, pieceSpeedKmh } from '../../../node/routing';

const s = (
  unitType: EtaSample['unitType'],
  predictedSeconds: number,
  actualSeconds: number,
  hour = 10,
  roadClass = 'primary',
): EtaSample => ({ unitType, hour, roadClass, predictedSeconds, actualSeconds });
const period = { from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' };

describe('ETA calibration', () => {
  it('computes bias, mean absolute error and the median ratio by hand', () => {
    expect(errorStats([s('car', 100, 120), s('car', 200, 180), s('car', 100, 150)])).toEqual({
      n: 3,
      biasSeconds: 16.7,
      maeSeconds: 30,
      ratio: 1.2,
    });
  });

  it('proposes a slower factor when units arrive later than predicted, none below the sample minimum', () => {
    const late = Array.from({ length: 25 }, (_, i) => s('car', 100 + i, (100 + i) * 1.25));
    expect(proposeFactor(late, 1)).toBe(0.8);
    // Relative to the factor in force when the ETAs were made.
    expect(proposeFactor(late, 0.9)).toBe(0.72);
    expect(proposeFactor(late.slice(0, 19), 1)).toBeNull();
  });

  it('groups by unit type and hour, leaves out absurd samples', () => {
    const samples = [
      ...Array.from({ length: 20 }, (_, i) => s('foot', 300, 300, i % 2 ? 8 : 9)),
      s('car', 100, 90),
      s('car', 100, 10_000),
      s('car', 0, 100),
    ];
    const r = calibrate(samples, { foot: 1.1 }, period);
    expect(r.samples).toBe(21);
    expect(r.byUnitType.map((u) => [u.unitType, u.n, u.currentFactor, u.proposedFactor])).toEqual([
      ['car', 1, 1, null],
      ['foot', 20, 1.1, 1.1],
    ]);
    expect(r.byHour.map((h) => [h.hour, h.n])).toEqual([
      [8, 10],
      [9, 10],
      [10, 1],
    ]);
    expect(r.byRoadClass.map((c) => [c.roadClass, c.n])).toEqual([['primary', 21]]);
  });

  it('groups by road class by hand, bigger roads first and the unknown class last', () => {
    const r = calibrate(
      [
        s('car', 100, 150, 10, 'unknown'),
        s('car', 100, 130, 10, 'residential'),
        s('car', 200, 180, 10, 'residential'),
        s('car', 100, 90, 10, 'trunk'),
        s('car', 100, 10_000, 10, 'motorway'), // absurd: left out, so no motorway row
      ],
      {},
      period,
    );
    expect(r.byRoadClass).toEqual([
      { roadClass: 'trunk', n: 1, biasSeconds: -10, maeSeconds: 10, ratio: 0.9 },
      { roadClass: 'residential', n: 2, biasSeconds: 5, maeSeconds: 25, ratio: 1.1 },
      { roadClass: 'unknown', n: 1, biasSeconds: 50, maeSeconds: 50, ratio: 1.5 },
    ]);
  });

  it('property: applying the proposed factor brings the median ratio to 1 (within clamping)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 30, max: 900 }), fc.double({ min: 0.6, max: 1.6, noNaN: true })),
          { minLength: 20, maxLength: 60 },
        ),
        (pairs) => {
          const samples = pairs.map(([p, r]) => s('car', p, p * r));
          const f = proposeFactor(samples, 1)!;
          // New ETA = old ETA / f: the median of actual / new ETA is f × the old median ratio ≈ 1.
          const newRatio = errorStats(
            samples.map((x) => ({ ...x, predictedSeconds: x.predictedSeconds / f })),
          ).ratio;
          expect(Math.abs(newRatio - 1)).toBeLessThan(0.05);
        },
      ),
    );
  });
});

describe('calibrated profiles (one owner of unit speeds)', () => {
  it('scales every speed of a unit type by its factor and leaves the others', () => {
    const p = calibratedProfiles({ ebike: 0.8 });
    expect(pieceSpeedKmh(p.ebike, 'primary', 0)).toBeCloseTo(16, 6);
    expect(pieceSpeedKmh(p.car, 'primary', 0)).toBe(pieceSpeedKmh(DEFAULT_PROFILES.car, 'primary', 0));
    expect(calibratedProfiles({ car: 1 }).car.speedFactor).toBeUndefined();
  });
});
