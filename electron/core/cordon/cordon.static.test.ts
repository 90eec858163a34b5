/**
 * The large-fleet police path (the default when the unit-search memo cannot hold the fleet) (policeSearch 'tables': rings 2/3 from reverse tables built once per
 * pack, staticEtas.ts; ring 1 pruned with bounds from the units near it, policeBounds.ts) gives the
 * same analyses as the reference per-unit searches: the same gaps, statuses, police times, best
 * units and assignments, on the demo city with its own fleet and with a fleet of ~500 units.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCordon } from '../../../tests/unit/cordonSetup';
import type { Router } from '../../../node/routing';
import { prng } from '../../../tests/unit/routingGraphs';
import type { CityPack } from '../../../shared/citypack/schema';
import { analyseCordon, type CordonInput, type CordonUnit } from './analyse';
import type { CordonAnalysis } from './types';

let pack: CityPack;
let router: Router;
let home: CordonUnit[];

beforeAll(async () => {
  ({ pack, router, home } = await loadDemoCordon());
});

const withoutTimings = (a: CordonAnalysis) => ({ ...a, timings: null });
const gaps = (a: CordonAnalysis) => a.crossings.filter((c) => !c.covered).map((c) => [c.id, c.status]);

function input(rnd: () => number, i: number, units: CordonUnit[]): CordonInput {
  const [cx, cy] = pack.manifest.center;
  const spread = i % 4 === 3 ? 0.3 : 0.11; // some incidents far out, near rings 2/3
  return {
    router,
    boundaries: pack.boundaries.features,
    districts: pack.districts.features,
    checkpoints: pack.checkpoints,
    roads: pack.roads.features,
    incident: { lng: cx + (rnd() - 0.5) * spread, lat: cy + (rnd() - 0.5) * spread * 0.8 },
    elapsedSeconds: [0, 300, 600, 1200][i % 4]!,
    suspectProfile: (['car', 'motorbike', 'foot', 'ebike'] as const)[i % 4]!,
    units,
    options: { ring1: { mode: 'isochrone', leadSeconds: [0, 300, 600][i % 3]! } },
  };
}

describe('police tables for large fleets', () => {
  it('give the same analyses as the reference on random cases (demo fleet, some moved)', () => {
    const rnd = prng(41);
    let ringTwoThree = 0;
    for (let i = 0; i < 16; i++) {
      const units = home.map((u) =>
        rnd() < 0.5 ? u : { ...u, lng: u.lng + (rnd() - 0.5) * 0.08, lat: u.lat + (rnd() - 0.5) * 0.06 },
      );
      const inp = input(rnd, i, units);
      const reference = analyseCordon({ ...inp, unitSearches: 'fresh', policeSearch: 'reference' });
      const tables = analyseCordon({ ...inp, unitSearches: 'fresh', policeSearch: 'tables' });
      expect(gaps(tables)).toEqual(gaps(reference));
      expect(withoutTimings(tables)).toEqual(withoutTimings(reference));
      ringTwoThree += reference.crossings.filter((c) => c.ring !== 1 && c.policeSeconds !== null).length;
    }
    expect(ringTwoThree).toBeGreaterThan(50); // the tables were read
  }, 120_000);

  it('give the same analyses with ~500 units (tables, and pruned with local bounds)', () => {
    const rnd = prng(42);
    const fleet: CordonUnit[] = [];
    for (let k = 0; k < 12; k++)
      for (const u of home)
        fleet.push({
          ...u,
          id: `${u.id}-${k}`,
          lng: u.lng + (rnd() - 0.5) * 0.1,
          lat: u.lat + (rnd() - 0.5) * 0.08,
        });
    expect(fleet.length).toBeGreaterThan(400);
    let assigned = 0;
    for (let i = 0; i < 6; i++) {
      const inp = input(rnd, i, fleet);
      const reference = analyseCordon({ ...inp, unitSearches: 'fresh', policeSearch: 'reference' });
      for (const policeSearch of ['tables', 'pruned'] as const) {
        const fast = analyseCordon({ ...inp, unitSearches: 'fresh', policeSearch });
        expect(gaps(fast)).toEqual(gaps(reference));
        expect(withoutTimings(fast)).toEqual(withoutTimings(reference));
      }
      assigned += reference.assignment.length;
    }
    expect(assigned).toBeGreaterThan(5);
  }, 240_000);
});
