// One setup for the cordon tests on the demo city: the pack, a Router on its road graph and the
// units standing at their home posts (electron/core/cordon/*.test.ts).
import path from 'node:path';
import { DEMO_PACK_RELATIVE, loadCityPack } from '../../node/citypack/loadCityPack';
import { buildGraph, loadPackGraph, parseRoads, Router } from '../../node/routing';
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

/**
 * Hand-made towns for the race tests: primary roads named `<id>路` around an origin O in Xi'an,
 * a Router on them, and ring 1 as the square 0.01° around O.
 */
export const TOWN_ORIGIN: [number, number] = [108.94, 34.26];
export const townAt = (dx: number, dy: number): [number, number] => [
  TOWN_ORIGIN[0] + dx,
  TOWN_ORIGIN[1] + dy,
];
export const townRoad = (id: string, coords: [number, number][], oneway = false) => ({
  type: 'Feature' as const,
  geometry: { type: 'LineString' as const, coordinates: coords },
  properties: { id, class: 'primary', name: `${id}路`, oneway },
});
export const TOWN_SQUARE = {
  type: 'Polygon' as const,
  coordinates: [
    [
      townAt(-0.01, -0.01),
      townAt(0.01, -0.01),
      townAt(0.01, 0.01),
      townAt(-0.01, 0.01),
      townAt(-0.01, -0.01),
    ],
  ],
};
export function townRouter(roads: ReturnType<typeof townRoad>[], name: string): Router {
  return new Router(buildGraph(parseRoads({ type: 'FeatureCollection', features: roads }, name)));
}
