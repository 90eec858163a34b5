/**
 * The police-search memo (race.ts, UnitSearchMemo) changes nothing but time: on the demo city,
 * analyses with the memo — cold, warm (units have not moved), after some units moved, over a
 * small budget that evicts — equal fresh analyses field for field (timings aside).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCordon } from '../../../tests/unit/cordonSetup';
import type { Router } from '../../../node/routing';
import { prng } from '../../../tests/unit/routingGraphs';
import type { CityPack } from '../../../shared/citypack/schema';
import { analyseCordon, type CordonInput, type CordonUnit } from './analyse';
import { unitEtaMatrix } from './race';
import { UnitSearchMemo, unitSearchMemo } from './unitSearchMemo';
import type { CordonAnalysis, SuspectProfile } from './types';

let pack: CityPack;
let router: Router;
let home: CordonUnit[];

beforeAll(async () => {
  ({ pack, router, home } = await loadDemoCordon());
});

const input = (
  lng: number,
  lat: number,
  units: CordonUnit[],
  suspectProfile: SuspectProfile,
  unitSearches: 'memo' | 'fresh',
): CordonInput => ({
  router,
  boundaries: pack.boundaries.features,
  districts: pack.districts.features,
  checkpoints: pack.checkpoints,
  roads: pack.roads.features,
  incident: { lng, lat },
  elapsedSeconds: 600,
  suspectProfile,
  units,
  unitSearches,
});
const withoutTimings = (a: CordonAnalysis) => ({ ...a, timings: null });

describe('police search memo', () => {
  it('gives the same analyses as fresh searches: cold, warm, and with moved units', () => {
    const rnd = prng(5);
    const [cx, cy] = pack.manifest.center;
    let units = home;
    for (let i = 0; i < 8; i++) {
      const lng = cx + (rnd() - 0.5) * 0.11;
      const lat = cy + (rnd() - 0.5) * 0.09;
      const profile = (['car', 'motorbike', 'foot'] as const)[i % 3]!;
      if (i === 4)
        units = home.map((u, k) => (k % 3 === 0 ? { ...u, lng: u.lng + 0.002, lat: u.lat - 0.001 } : u)); // a third moved
      const fresh = analyseCordon(input(lng, lat, units, profile, 'fresh'));
      const memo = analyseCordon(input(lng, lat, units, profile, 'memo'));
      const again = analyseCordon(input(lng, lat, units, profile, 'memo'));
      expect(withoutTimings(memo)).toEqual(withoutTimings(fresh));
      expect(withoutTimings(again)).toEqual(withoutTimings(fresh));
      expect(fresh.crossings.length).toBeGreaterThan(20);
    }
    // Units at home and the moved ones: one entry per distinct (type, position).
    expect(unitSearchMemo(router).size).toBeLessThanOrEqual(home.length * 2);
  });

  it('ETA matrices are bitwise those of target-stopped searches, also when a small budget evicts', () => {
    const a = analyseCordon(input(112.85, 35.5, home, 'car', 'fresh'));
    const points = a.crossings.map((c) => {
      const len = router.index.shapeCum[router.graph.geomOffset[c.piece + 1]! - 1]!;
      return { piece: c.piece, offset: len / 3, length: len };
    });
    const fresh = unitEtaMatrix(router, home, points, 6 * 3600);
    const tiny = new UnitSearchMemo(router, router.graph.nodeCount * 8 * 5); // room for 5 units
    for (let round = 0; round < 2; round++)
      expect(unitEtaMatrix(router, home, points, 6 * 3600, tiny)).toEqual(fresh);
    expect(tiny.size).toBe(5);
    expect(fresh.some((row) => row.some((x) => Number.isFinite(x)))).toBe(true);
  });
});
