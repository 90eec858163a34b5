// One setup for the cordon tests on the demo city: the pack, a Router on its road graph and the
// units standing at their home posts (electron/core/cordon/*.test.ts).
import path from 'node:path';
import { DEMO_PACK_RELATIVE, loadCityPack } from '../../node/citypack/loadCityPack';
import { loadPackGraph, Router } from '../../node/routing';
import type { CityPack } from '../../shared/citypack/schema';
import type { CordonInput, CordonUnit } from '../../electron/core/cordon/analyse';

export const DEMO_DIR = path.resolve(DEMO_PACK_RELATIVE);

export interface DemoCordon {
  pack: CityPack;
  router: Router;
  /** Every pack unit, available, at its home post. */
  home: CordonUnit[];
  /** A cordon input on the demo city for an incident `elapsedSeconds` ago, with the home units. */
  input(incident: { lng: number; lat: number }, elapsedSeconds: number): CordonInput;
}

export async function loadDemoCordon(): Promise<DemoCordon> {
  const pack = await loadCityPack(DEMO_DIR);
  const router = new Router(loadPackGraph(DEMO_DIR).graph);
  const home: CordonUnit[] = pack.units.map((u) => ({
    id: u.id,
    type: u.type,
    lng: u.home.lng,
    lat: u.home.lat,
    available: true,
  }));
  return {
    pack,
    router,
    home,
    input: (incident, elapsedSeconds) => ({
      router,
      boundaries: pack.boundaries.features,
      districts: pack.districts.features,
      checkpoints: pack.checkpoints,
      roads: pack.roads.features,
      incident,
      elapsedSeconds,
      units: home.map((u) => ({ ...u })),
    }),
  };
}
