/**
 * The renderer's pack arrives in two parts (issue 16, first usable map on the large city): the
 * pack without its road network at start, the roads once the map is drawn.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PACK_RELATIVE, loadCityPack } from '../../node/citypack/loadCityPack';
import { ConsolePackSchema, RoadCollectionSchema, type CityPack } from '../../shared/citypack/schema';
import { requestContract } from '../../shared/contract/api';
import { fromConsolePackWire } from '../../shared/citypack/consolePackWire';
import { createConsoleHandlers } from './consoleHandlers';

let demo: CityPack;
let handlers: ReturnType<typeof createConsoleHandlers>;
beforeAll(async () => {
  demo = await loadCityPack(path.resolve(DEMO_PACK_RELATIVE));
  handlers = createConsoleHandlers({ pack: demo } as unknown as Parameters<typeof createConsoleHandlers>[0]);
});

describe('city.pack and city.roads', () => {
  it('city.pack is the pack without its roads, its cameras as a table, valid against the contract', async () => {
    const wire = await handlers['city.pack']();
    expect(wire).not.toHaveProperty('roads');
    expect(wire).not.toHaveProperty('cameras');
    expect(requestContract['city.pack'].result.safeParse(wire).success).toBe(true);
    expect(ConsolePackSchema.safeParse(demo).data).not.toHaveProperty('roads');
    // What the renderer makes of it is the pack without its roads, cameras included.
    const { roads: _roads, ...withoutRoads } = demo;
    expect(fromConsolePackWire(wire)).toEqual(withoutRoads);
    // Built once: a second renderer gets the same object.
    expect(await handlers['city.pack']()).toBe(wire);
  });

  it('city.roads is the road network, valid against the contract', async () => {
    const roads = await handlers['city.roads']();
    expect(roads.features.length).toBe(demo.roads.features.length);
    expect(roads.features.length).toBeGreaterThan(0);
    expect(RoadCollectionSchema.safeParse(roads).success).toBe(true);
  });
});
