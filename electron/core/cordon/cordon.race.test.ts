/**
 * The race and the assignment on a hand-made graph with known answers. A plus-shaped road network
 * centred on O, a 2 km × 2.2 km square ring around it, all roads primary (suspect car and police
 * car share one speed, so times compare as distances):
 *
 *            N end                 N crossing: O→1,112 m          (~0.0100° lat)
 *              |   link            E crossing: O→919 m             (~0.0100° lng × 91.9 km)
 *   W ---------O---------E--B--    link from N road (lat +0.008) to E road (lng +0.008), 1,154 m
 *              |                   A on the link's midpoint, B on the E road outside the ring
 *          S (one-way into O)
 */
import { describe, expect, it } from 'vitest';
import { analyseCordon, type CordonUnit } from './analyse';
import { TOWN_ORIGIN, TOWN_SQUARE, townAt, townRoad, townRouter } from '../../../tests/unit/cordonSetup';

const O = TOWN_ORIGIN;
const at = townAt;
const road = townRoad;
const ROADS = {
  type: 'FeatureCollection',
  features: [
    road('N', [O, at(0, 0.008), at(0, 0.02)]),
    road('E', [O, at(0.008, 0), at(0.025, 0)]),
    road('W', [O, at(-0.02, 0)]),
    road('S', [at(0, -0.02), O], true), // one-way, inbound only
    road('SW', [at(-0.02, 0), at(-0.02, -0.02), at(0, -0.02)]), // outside: keeps S strongly connected
    road('L', [at(0, 0.008), at(0.008, 0)]),
  ],
};
const SQUARE = TOWN_SQUARE;
const router = townRouter(ROADS.features, 'race-fixture');
const A: CordonUnit = { id: 'A', type: 'car', lng: O[0] + 0.004, lat: O[1] + 0.004, available: true };
const B: CordonUnit = { id: 'B', type: 'car', lng: O[0] + 0.0188, lat: O[1], available: true };

const run = (units: CordonUnit[], profile: 'car' | 'foot' = 'car', elapsed = 0) =>
  analyseCordon({
    router,
    boundaries: [],
    checkpoints: [],
    roads: ROADS.features as never,
    incident: { lng: O[0], lat: O[1] },
    elapsedSeconds: elapsed,
    suspectProfile: profile,
    units,
    options: { rings: [1], ring1: { mode: 'polygon', geometry: SQUARE } },
  });
const byName = (a: ReturnType<typeof run>) => new Map(a.crossings.map((c) => [c.roadName, c]));

describe('cordon race on a hand-made graph', () => {
  it('finds the three outbound exits; the inbound-only one-way road is no exit for a car', () => {
    const a = run([]);
    expect([...byName(a).keys()].sort()).toEqual(['E路', 'N路', 'W路']);
    expect([...byName(run([], 'foot')).keys()].sort()).toEqual(['E路', 'N路', 'S路', 'W路']); // on foot it is
    const c = byName(a);
    // Suspect car at 60 km/h (50 × 1.2): 919 m east ≈ 55 s, 1,112 m north ≈ 67 s.
    expect(c.get('E路')!.suspectSeconds!).toBeCloseTo(919 / (60 / 3.6), -1);
    expect(c.get('N路')!.suspectSeconds!).toBeCloseTo(1112 / (60 / 3.6), -1);
    expect(a.counts[0]).toMatchObject({ ring: 1, total: 3, covered: 0, gaps: 3, interceptable: 0, lost: 3 });
  });

  it('a gap police reach first is interceptable, one the suspect reaches first is lost', () => {
    const c = byName(run([B]));
    expect(c.get('E路')).toMatchObject({ status: 'interceptable', bestUnitId: 'B' });
    expect(c.get('E路')!.policeSeconds!).toBeLessThan(c.get('E路')!.suspectSeconds!);
    for (const n of ['N路', 'W路']) {
      expect(c.get(n)!.status).toBe('lost');
      expect(c.get(n)!.policeSeconds!).toBeGreaterThan(c.get(n)!.suspectSeconds!);
    }
    // After the suspect's head start the same gap is lost.
    expect(byName(run([B], 'car', 60)).get('E路')!.status).toBe('lost');
  });

  it('matching closes both gaps where greedy nearest-unit closes one', () => {
    const a = run([A, B]);
    const c = byName(a);
    const e = c.get('E路')!;
    const n = c.get('N路')!;
    // A is nearest to E (the most urgent gap), but only A can reach N in time.
    expect(e.bestUnitId).toBe('A');
    expect(e.status).toBe('interceptable');
    expect(n.status).toBe('interceptable');
    expect(n.bestUnitId).toBe('A');
    // Greedy by urgency: E ← A (nearest), then N has no unit left: 1 gap. Matching: 2.
    const got = new Map(a.assignment.map((x) => [x.crossingId, x.unitId]));
    expect(got.get(e.id)).toBe('B');
    expect(got.get(n.id)).toBe('A');
    expect(a.counts[0]!.closed).toBe(2);
    for (const x of a.assignment) {
      expect(x.marginSeconds!).toBeGreaterThan(0);
      expect(x.route!.length).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(a.assignment.map((x) => x.unitId)).size).toBe(a.assignment.length);
  });

  it('unavailable units are ignored; no unit is assigned twice', () => {
    const a = run([{ ...A, available: false }, B]);
    expect(a.assignment.map((x) => x.unitId)).toEqual(['B']);
    const twin = run([A, { ...A, id: 'A2' }, B, { ...B, id: 'B2' }]);
    expect(new Set(twin.assignment.map((x) => x.unitId)).size).toBe(twin.assignment.length);
    expect(new Set(twin.assignment.map((x) => x.crossingId)).size).toBe(twin.assignment.length);
    expect(twin.assignment).toHaveLength(2);
  });
});
