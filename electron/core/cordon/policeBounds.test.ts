/**
 * A slower weighting's units may prune with the potential of a faster one only where that one is
 * nowhere slower (policeEtas.ts, potentialLenders). Here a foot patrol walks against a one-way
 * street to a foot suspect's exit, which a car reaches only by a 60 km detour: the car's times are
 * no lower bounds of the walker's, and borrowing its potential would prune the walker's path.
 *
 *     S road: one-way, south → O    its ring-1 crossing is an exit on foot only (walked against it);
 *                                    a side road joins it inside the ring, so the walker passes O
 *     W road: O → west               the suspect starts next to its crossing, where a car waits
 *     inner loop at O                F, a foot patrol, stands on it
 *     loop: W road's end → 60 km round → the S road's south end (keeps S strongly connected)
 */
import { describe, expect, it } from 'vitest';
import { analyseCordon, type CordonUnit } from './analyse';
import { TOWN_ORIGIN, TOWN_SQUARE, townAt, townRoad, townRouter } from '../../../tests/unit/cordonSetup';
import { fasterEverywhere } from './policeBounds';
import type { CordonAnalysis } from './types';

const O = TOWN_ORIGIN;
const at = townAt;
const road = townRoad;
const ROADS = {
  type: 'FeatureCollection',
  features: [
    road('S', [at(0, -0.02), at(0, -0.004), O], true),
    road('SPUR', [at(0, -0.004), at(0.004, -0.004)]), // a junction on S: the walker must pass O
    road('W', [O, at(-0.02, 0)]),
    road('INNER', [O, at(0.005, 0), at(0.005, 0.005), at(0, 0.005), O]),
    road('LOOP', [at(-0.02, 0), at(-0.2, 0), at(-0.2, -0.2), at(0, -0.2), at(0, -0.02)]),
  ],
};
const SQUARE = TOWN_SQUARE;
const router = townRouter(ROADS.features, 'lender-fixture');
const F: CordonUnit = { id: 'F', type: 'foot', lng: O[0] + 0.005, lat: O[1] + 0.0025, available: true };
const C: CordonUnit = { id: 'C', type: 'car', lng: O[0] - 0.01, lat: O[1], available: true };
const E: CordonUnit = { id: 'E', type: 'ebike', lng: O[0] - 0.2, lat: O[1] - 0.1, available: true };

const run = (policeSearch: 'pruned' | 'reference'): CordonAnalysis =>
  analyseCordon({
    router,
    boundaries: [],
    checkpoints: [],
    incident: { lng: O[0] - 0.009, lat: O[1] },
    elapsedSeconds: 0,
    suspectProfile: 'foot',
    units: [C, E, F],
    options: { rings: [1], ring1: { mode: 'polygon', geometry: SQUARE } },
    unitSearches: 'fresh',
    policeSearch,
  });

describe('borrowed pruning potentials', () => {
  it('a car is nowhere slower than an e-bike on these roads, but not than a walker on the one-way', () => {
    const w = router.weights;
    expect(fasterEverywhere(w.car, w.ebike)).toBe(true);
    expect(fasterEverywhere(w.car, w.foot)).toBe(false);
    expect(fasterEverywhere(w.ebike, w.car)).toBe(false);
  });

  it('the walker against the one-way street keeps its exact time to the exit', () => {
    const pruned = run('pruned');
    expect({ ...pruned, timings: null }).toEqual({ ...run('reference'), timings: null });
    const s = pruned.crossings.find((c) => c.lat < O[1])!;
    expect(s.bestUnitId).toBe('F');
    // 278 m up and 460 m along the inner loop, then 1,112 m down the S road at 5 km/h; the car
    // needs the 60 km loop. Only the walker beats the suspect (830 m + 1,112 m on foot) there.
    expect(s.policeSeconds!).toBeCloseTo((278 + 460 + 1112) / (5 / 3.6), -1);
    expect(s.status).toBe('interceptable');
  });
});
