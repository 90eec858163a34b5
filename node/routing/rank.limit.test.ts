/**
 * A limited ranking (`limit`: the console's six nearest units) gives exactly the first `limit`
 * results of the full ranking (same units, order, seconds, metres, status and routes), whether
 * the short first search settles it or the search has to run again to the full horizon. On the
 * demo city's roads with its fleet and a few hundred extra units of every type, at random
 * alerts, with first horizons short enough that both branches run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PACK_RELATIVE, loadCityPack } from '../citypack/loadCityPack';
import { loadPackGraph } from './pack';
import { Router } from './router';
import { rankUnits, type RankUnit } from './rank';
import { prng } from '../../tests/unit/routingGraphs';
import type { UnitType } from '../../shared/domain/unit';

const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'rank-limit-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('rankUnits with a limit', () => {
  it('equals the head of the full ranking, on the short first search and on the fallback', async () => {
    const packDir = path.resolve(DEMO_PACK_RELATIVE);
    const pack = await loadCityPack(packDir);
    const router = new Router(loadPackGraph(packDir, { cacheDir }).graph);
    const rnd = prng(7);
    const [cx, cy] = pack.manifest.center;
    const types: UnitType[] = ['car', 'ebike', 'foot', 'special'];
    const units: RankUnit[] = [
      ...pack.units.map((u) => ({ id: u.id, type: u.type, lng: u.home.lng, lat: u.home.lat })),
      ...Array.from({ length: 300 }, (_, i) => ({
        id: `x${i}`,
        type: types[i % types.length]!,
        lng: cx + (rnd() - 0.5) * 0.12,
        lat: cy + (rnd() - 0.5) * 0.1,
      })),
    ];
    const branches = { quick: 0, fallback: 0 };
    for (let n = 0; n < 60; n++) {
      const alert = { lng: cx + (rnd() - 0.5) * 0.12, lat: cy + (rnd() - 0.5) * 0.1 };
      const some = units.filter(() => rnd() < 0.5);
      const limit = 1 + Math.floor(rnd() * 8);
      const firstHorizonSeconds = [30, 60, 120, 300][n % 4]!;
      const full = rankUnits(router, alert, some, { routes: 2 });
      const limited = rankUnits(router, alert, some, { routes: 2, limit, firstHorizonSeconds });
      expect(limited.results).toEqual(full.results.slice(0, limit));
      const quick = rankUnits(router, alert, some, { routes: 2, maxSeconds: firstHorizonSeconds });
      if (limited.settled === quick.settled) branches.quick++;
      else branches.fallback++;
    }
    // Both ways to the answer were taken (a test of one branch only could hide the other's fault).
    expect(branches.quick).toBeGreaterThan(5);
    expect(branches.fallback).toBeGreaterThan(5);
  });
});
