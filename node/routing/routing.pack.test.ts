/** City-pack importer on a small hand-made fixture (the demo pack is generated elsewhere). */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPackGraph } from './pack';
import { Router } from './router';
import { rankUnits } from './rank';
import { parseRoads } from './packImport';

// A 3×2 block grid near Xi'an (~110 m spacing): a two-way main street, a one-way back street
// (eastbound) and two connecting side streets — small enough to reason about by hand.
const X = [108.94, 108.9412, 108.9424];
const Y = [34.26, 34.261];
const road = (id: string, coords: [number, number][], cls: string, oneway = false, maxspeed?: number) => ({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates: coords },
  properties: { id, class: cls, name: id, oneway, ...(maxspeed ? { maxspeed } : {}) },
});
const ROADS = {
  type: 'FeatureCollection',
  features: [
    road(
      'main',
      [
        [X[0]!, Y[0]!],
        [X[1]!, Y[0]!],
        [X[2]!, Y[0]!],
      ],
      'primary',
      false,
      50,
    ),
    road(
      'back',
      [
        [X[0]!, Y[1]!],
        [X[1]!, Y[1]!],
        [X[2]!, Y[1]!],
      ],
      'residential',
      true,
    ),
    road(
      'west',
      [
        [X[0]!, Y[0]!],
        [X[0]!, Y[1]!],
      ],
      'tertiary',
    ),
    road(
      'east',
      [
        [X[2]!, Y[0]!],
        [X[2]!, Y[1]!],
      ],
      'tertiary',
    ),
  ],
};

function writePack(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'routing-pack-'));
  const manifest = {
    format: 'dispatch-city-pack',
    version: 1,
    id: 'fixture',
    name: { zh: '测试', en: 'Fixture' },
    synthetic: true,
    attribution: 'test',
    adcode: '610100',
    center: [X[1], Y[0]],
    zoom: 15,
    bbox: [X[0], Y[0], X[2], Y[1]],
    files: {
      roads: 'roads.geojson',
      boundaries: 'b.json',
      districts: 'd.json',
      places: 'p.json',
      units: 'u.json',
      cameras: 'c.json',
      checkpoints: 'k.json',
    },
  };
  writeFileSync(path.join(dir, 'pack.json'), JSON.stringify(manifest));
  writeFileSync(path.join(dir, 'roads.geojson'), JSON.stringify(ROADS));
  return dir;
}

describe('city pack roads.geojson import', () => {
  it('builds, caches and reloads the graph', () => {
    const dir = writePack();
    const cacheDir = path.join(dir, 'cache');
    const first = loadPackGraph(dir, { cacheDir });
    expect(first.from).toBe('built');
    expect(first.graph.nodeCount).toBe(4); // the four corners; mid-street vertices are shape points
    const again = loadPackGraph(dir, { cacheDir });
    expect(again.from).toBe('cache');
    expect(Array.from(again.graph.edgeTarget)).toEqual(Array.from(first.graph.edgeTarget));
  });

  it('respects the one-way back street for cars but not for foot patrols', () => {
    const { graph } = loadPackGraph(writePack(), {
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'routing-pc-')),
    });
    const router = new Router(graph);
    const west = { lng: X[0]! + 0.0003, lat: Y[1]! };
    const east = { lng: X[2]! - 0.0003, lat: Y[1]! };
    const withFlow = rankUnits(router, east, [{ id: 'c', type: 'car', ...west }]).results[0]!;
    const against = rankUnits(router, west, [{ id: 'c', type: 'car', ...east }]).results[0]!;
    expect(withFlow.metres!).toBeLessThan(200);
    expect(against.metres!).toBeGreaterThan(400); // round the block via main street
    const foot = rankUnits(router, west, [{ id: 'f', type: 'foot', ...east }]).results[0]!;
    expect(foot.metres!).toBeLessThan(200);
  });

  it('names the road class covering most of the way of each routed unit (ETA calibration)', () => {
    const { graph } = loadPackGraph(writePack(), {
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'routing-pc-')),
    });
    const router = new Router(graph);
    const alongBack = rankUnits(router, { lng: X[2]! - 0.0003, lat: Y[1]! }, [
      { id: 'c', type: 'car', lng: X[0]! + 0.0003, lat: Y[1]! },
    ]).results[0]!;
    expect(alongBack.roadClass).toBe('residential');
    // From the back street's west end down the side street and along the whole main street.
    const alongMain = rankUnits(router, { lng: X[2]! - 0.0001, lat: Y[0]! }, [
      { id: 'c', type: 'car', lng: X[0]!, lat: Y[1]! - 0.0009 },
    ]).results[0]!;
    expect(alongMain.roadClass).toBe('primary');
    const unrouted = rankUnits(
      router,
      { lng: X[1]!, lat: Y[0]! },
      [{ id: 'c', type: 'car', lng: X[0]!, lat: Y[0]! }],
      {
        routes: 0,
      },
    ).results[0]!;
    expect(unrouted.roadClass).toBeUndefined();
  });

  it('rejects a malformed roads collection with a readable message', () => {
    expect(() =>
      parseRoads({ type: 'FeatureCollection', features: [{ type: 'Feature' }] }, 'roads.geojson'),
    ).toThrow(/roads.geojson: invalid/);
  });
});
