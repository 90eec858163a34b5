/**
 * The caches kept between analyses (suspect searches per incident, police searches per parked
 * unit, projected shapes, crossing merge grid) change nothing but time: on the demo city, the same
 * alert analysed again and again — later elapsed times, units moved, another suspect profile —
 * equals an analysis that keeps nothing ('fresh'), field for field (timings aside).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCityPack, DEMO_PACK_RELATIVE } from '../../../node/citypack/loadCityPack';
import { loadPackGraph } from '../../../node/routing';
import { Router } from '../../../node/routing';
import type { CityPack } from '../../../shared/citypack/schema';
import { analyseCordon, type CordonUnit } from './analyse';
import { cachedSuspectReach } from './race';
import type { CordonAnalysis, SuspectProfile } from './types';

const DIR = path.resolve(DEMO_PACK_RELATIVE);
let pack: CityPack;
let router: Router;
let home: CordonUnit[];

beforeAll(async () => {
  pack = await loadCityPack(DIR);
  router = new Router(loadPackGraph(DIR).graph);
  home = pack.units.map((u) => ({
    id: u.id,
    type: u.type,
    lng: u.home.lng,
    lat: u.home.lat,
    available: true,
  }));
});

const run = (
  elapsedSeconds: number,
  units: CordonUnit[],
  suspectProfile: SuspectProfile,
  unitSearches: 'memo' | 'fresh',
): CordonAnalysis => {
  const [lng, lat] = pack.manifest.center;
  const a = analyseCordon({
    router,
    boundaries: pack.boundaries.features,
    districts: pack.districts.features,
    checkpoints: pack.checkpoints,
    roads: pack.roads.features,
    incident: { lng: lng + 0.01, lat: lat - 0.005 },
    elapsedSeconds,
    suspectProfile,
    units,
    unitSearches,
  });
  return { ...a, timings: null as unknown as CordonAnalysis['timings'] };
};

describe('cordon caches', () => {
  it('a re-analysed alert equals an uncached analysis at every step', () => {
    const steps: [number, SuspectProfile, (u: CordonUnit, k: number) => CordonUnit][] = [
      [0, 'car', (u) => u],
      [300, 'car', (u) => u],
      [300, 'car', (u) => u], // the same request again: everything from the caches
      [600, 'car', (u, k) => (k % 2 ? { ...u, lng: u.lng + 0.001 } : u)],
      [1200, 'foot', (u, k) => (k % 3 ? u : { ...u, available: false })],
      [1200, 'car', (u) => u],
    ];
    let crossings = 0;
    for (const [elapsed, profile, move] of steps) {
      const units = home.map(move);
      const cached = run(elapsed, units, profile, 'memo');
      expect(cached).toEqual(run(elapsed, units, profile, 'fresh'));
      crossings += cached.crossings.length;
    }
    expect(crossings).toBeGreaterThan(50);
  });

  it('keeps one suspect search per incident and returns it again', () => {
    const at = { lng: pack.manifest.center[0], lat: pack.manifest.center[1] };
    const a = cachedSuspectReach(router, at, 'car', 6 * 3600);
    expect(a).not.toBeNull();
    expect(cachedSuspectReach(router, at, 'car', 6 * 3600)).toBe(a);
    expect(cachedSuspectReach(router, at, 'foot', 6 * 3600)).not.toBe(a);
  });
});
