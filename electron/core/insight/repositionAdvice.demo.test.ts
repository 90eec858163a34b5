/**
 * Repositioning on the demo city (resources/city/demo): demand around the city's places, every
 * unit at its post, a few of them busy. The advice must raise the demand-weighted 3-minute
 * coverage and leave the busy units where they are.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCityPack, DEMO_PACK_RELATIVE } from '../../../node/citypack/loadCityPack';
import { loadPackGraph } from '../../../node/routing';
import { Router } from '../../../node/routing';
import type { CityPack } from '../../../shared/citypack/schema';
import type { Unit } from '../../../shared/domain/unit';
import { mulberry32 } from '../../../shared/random';
import { adviseRepositioning, demandCells, type DemandPoint } from './repositionAdvice';
import { weightedCoverage } from './reposition';

const DIR = path.resolve(DEMO_PACK_RELATIVE);
let pack: CityPack;
let router: Router;

function demand(): DemandPoint[] {
  const r = mulberry32(15);
  const per: Record<string, number> = { city: 120, county_town: 30, town: 8, landmark: 6 };
  const spread: Record<string, number> = { city: 0.02, county_town: 0.01, town: 0.005, landmark: 0.004 };
  return pack.places.features.flatMap((f) =>
    Array.from({ length: per[f.properties.kind]! }, () => ({
      lng: f.geometry.coordinates[0] + (r() - 0.5) * 2 * spread[f.properties.kind]!,
      lat: f.geometry.coordinates[1] + (r() - 0.5) * 2 * spread[f.properties.kind]!,
    })),
  );
}

const BUSY = new Set(['U07', 'U12', 'U20']);
const units = (): Unit[] =>
  pack.units.map((u) => ({
    ...u,
    status: BUSY.has(u.id) ? 'on_scene' : 'available',
    position: {
      unitId: u.id,
      lng: u.home.lng,
      lat: u.home.lat,
      heading: 0,
      speed: 0,
      at: '2026-11-20T11:00:00Z',
    },
  }));

beforeAll(async () => {
  pack = await loadCityPack(DIR);
  router = new Router(loadPackGraph(DIR).graph);
});

describe('repositioning advice on the demo city', () => {
  it('raises demand-weighted 3-minute coverage over the current positions and moves no busy unit', () => {
    const cells = demandCells(demand());
    const posts = pack.units.map((u) => ({ lng: u.home.lng, lat: u.home.lat, label: u.callsign }));
    const advice = adviseRepositioning({ router, cells, units: units(), posts, maxMoves: 3 });
    // Figures for the report.
    console.info(
      `demo reposition: ${cells.length} cells, before ${(advice.before * 100).toFixed(1)} %, after ${(advice.after * 100).toFixed(1)} %, moves ${advice.moves.map((m) => `${m.callsign}→${m.toLabel} +${(m.gain * 100).toFixed(1)}`).join('; ')}`,
    );
    expect(advice.moves.length).toBeGreaterThan(0);
    expect(advice.moves.length).toBeLessThanOrEqual(3);
    expect(advice.after).toBeGreaterThan(advice.before);
    for (const m of advice.moves) expect(BUSY.has(m.unitId)).toBe(false);
    expect(advice.idleUnits).toBe(pack.units.length - BUSY.size);
  });

  it('counts a busy unit standing in the busiest cell as no coverage at all', () => {
    const cells = demandCells(demand()).slice(0, 5);
    const c = cells[0]!;
    const one: Unit[] = [
      {
        ...pack.units[0]!,
        status: 'on_scene',
        position: {
          unitId: pack.units[0]!.id,
          lng: c.lng,
          lat: c.lat,
          heading: 0,
          speed: 0,
          at: '2026-11-20T11:00:00Z',
        },
      },
    ];
    const advice = adviseRepositioning({ router, cells, units: one, posts: [], maxMoves: 3 });
    expect(advice).toMatchObject({ before: 0, after: 0, moves: [], idleUnits: 0 });
    expect(weightedCoverage([1], [])).toBe(0);
  });
});
