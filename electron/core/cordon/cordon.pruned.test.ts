/**
 * The pruned police searches (policeEtas.ts) change nothing but time: on the demo city, whole
 * analyses (police times, best units, statuses, assignments, routes) equal those of the reference
 * per-unit searches (race.ts, unitEtaMatrix) field for field, over random incidents, suspect
 * profiles, elapsed times, leads and unit placements (moved, parked, some unavailable, some
 * stacked on one spot so that equally fast units must break ties as before).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCordon } from '../../../tests/unit/cordonSetup';
import type { Router } from '../../../node/routing';
import { prng } from '../../../tests/unit/routingGraphs';
import type { CityPack } from '../../../shared/citypack/schema';
import { analyseCordon, type CordonInput, type CordonUnit } from './analyse';
import { routeSources } from './routes';
import { prunedEtaMatrix } from './policeEtas';
import { unitEtaMatrix } from './race';
import type { CordonAnalysis } from './types';

let pack: CityPack;
let router: Router;
let home: CordonUnit[];

beforeAll(async () => {
  ({ pack, router, home } = await loadDemoCordon());
});

const withoutTimings = (a: CordonAnalysis) => ({ ...a, timings: null });

describe('pruned police searches', () => {
  it('give the same analyses as the reference per-unit searches on random cases', () => {
    const rnd = prng(23);
    const [cx, cy] = pack.manifest.center;
    let compared = 0;
    let assigned = 0;
    let ties = 0;
    const keptBefore = routeSources.kept;
    for (let i = 0; i < 24; i++) {
      const spread = i % 4 === 3 ? 0.3 : 0.11; // some incidents far out, near rings 2/3
      const incident = { lng: cx + (rnd() - 0.5) * spread, lat: cy + (rnd() - 0.5) * spread * 0.8 };
      const stackAt = home[Math.floor(rnd() * home.length)]!;
      const units = home.map((u, k) => {
        const r = rnd();
        if (i % 3 === 0 && k % 5 === 0) return { ...u, lng: stackAt.lng, lat: stackAt.lat }; // equally fast units
        if (r < 0.1) return { ...u, available: false };
        if (r < 0.3) return u; // parked
        return { ...u, lng: u.lng + (rnd() - 0.5) * 0.08, lat: u.lat + (rnd() - 0.5) * 0.06 };
      });
      const input: CordonInput = {
        router,
        boundaries: pack.boundaries.features,
        districts: pack.districts.features,
        checkpoints: pack.checkpoints,
        roads: pack.roads.features,
        incident,
        elapsedSeconds: [0, 300, 600, 1800][i % 4]!,
        suspectProfile: (['car', 'motorbike', 'foot', 'ebike'] as const)[i % 4]!,
        units,
        options: { ring1: { mode: 'isochrone', leadSeconds: [0, 300, 600][i % 3]! } },
      };
      const reference = analyseCordon({ ...input, unitSearches: 'fresh', policeSearch: 'reference' });
      const pruned = analyseCordon({ ...input, unitSearches: 'fresh', policeSearch: 'pruned' });
      const prunedMemo = analyseCordon({ ...input, unitSearches: 'memo', policeSearch: 'pruned' });
      const prunedMemoAgain = analyseCordon({ ...input, unitSearches: 'memo', policeSearch: 'pruned' }); // parked units now kept
      expect(withoutTimings(pruned)).toEqual(withoutTimings(reference));
      expect(withoutTimings(prunedMemo)).toEqual(withoutTimings(reference));
      expect(withoutTimings(prunedMemoAgain)).toEqual(withoutTimings(reference));
      compared += reference.crossings.length;
      assigned += reference.assignment.length;
      if (i % 3 === 0)
        ties += reference.crossings.filter(
          (c) => c.bestUnitId !== null && units.some((u, k) => k % 5 === 0 && u.id === c.bestUnitId),
        ).length;
    }
    // The cases exercise what they should: many crossings, assignments, stacked best units.
    expect(compared).toBeGreaterThan(1000);
    expect(assigned).toBeGreaterThan(10);
    expect(ties).toBeGreaterThan(0);
    expect(routeSources.kept - keptBefore).toBeGreaterThan(10); // routes read off the pruned searches
  }, 120_000);

  it("reach a point along the unit's own piece when neither end is within the horizon", () => {
    const g = router.graph;
    let piece = 0;
    for (let p = 1; p < g.pieceCount; p++) if (g.pieceLength[p]! > g.pieceLength[piece]!) piece = p;
    const length = router.index.shapeCum[g.geomOffset[piece + 1]! - 1]!;
    const at = router.index.slice(piece, length / 2, length / 2)[0]!;
    const unit = { id: 'u', type: 'car' as const, lng: at[0], lat: at[1] };
    const points = [{ piece, offset: length / 2 + 20, length }];
    const horizon = 10; // seconds: 20 m along the piece, not its ends
    const ref = unitEtaMatrix(router, [unit], points, horizon);
    expect(ref[0]![0]!).toBeLessThan(horizon);
    expect(prunedEtaMatrix(router, [unit], points, [horizon], horizon)[0]![0]).toBe(ref[0]![0]);
  });
});
