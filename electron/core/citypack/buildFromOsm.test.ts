import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCityPackFromOsm, packIdFromFile } from './buildFromOsm';
import { loadCityPack } from '../../../node/citypack/loadCityPack';
import { loadPackGraph } from '../../../node/routing/pack';
import { buildGraph } from '../../../node/routing/graphBuild';
import { roadsToRawNetwork } from '../../../node/routing/packImport';
import { pointInGeometry } from '../../../shared/domain/geo';
import { Router } from '../../../node/routing/router';
import { coverage } from '../../../node/routing/coverage';
import { FLAG_OUTSIDE } from '../../../node/routing/graph';
import { rankUnits } from '../../../node/routing/rank';
import { sharedDataFile } from '../../../tests/unit/sharedData';
import { startRoutingService } from '../routing/routingService';
import type { Unit } from '../../../shared/domain/unit';
import type { Alert } from '../../../shared/domain/alert';

const MONACO = sharedDataFile('osm', 'monaco.osm.pbf');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'osm-pack-'));

describe('city pack from an OSM extract (Monaco)', () => {
  it('builds a pack that the city-pack loader and the routing loader accept', async () => {
    const dir = path.join(tmp(), 'monaco');
    const stages = new Set<string>();
    const res = buildCityPackFromOsm({ osmFile: MONACO, outDir: dir, progress: (s) => stages.add(s) });
    expect(res.boundaryFrom).toBe('hull');
    expect([...stages]).toEqual(expect.arrayContaining(['decode', 'scc', 'pack']));

    const pack = await loadCityPack(dir);
    expect(pack.manifest).toMatchObject({ id: 'monaco', synthetic: false, adcode: '000000' });
    expect(pack.roads.features.length).toBe(res.roads);
    expect(pack.roads.features.length).toBeGreaterThan(1000);
    expect(pack.roads.features.some((f) => f.properties.name === 'Boulevard Albert 1er')).toBe(true);
    expect(pack.roads.features.some((f) => f.properties.oneway)).toBe(true);
    expect(pack.units).toEqual([]);
    const city = pack.boundaries.features.filter((f) => f.properties.level === 'city' && f.properties.own);
    expect(city).toHaveLength(1);

    // The routing graph loads from the built files, and every kept road node is inside the boundary.
    const { graph, from } = loadPackGraph(dir);
    expect(from).toBe('cache');
    expect(graph.nodeCount).toBe(res.routing.nodes);
    const [w, s, e, n] = pack.manifest.bbox;
    for (let v = 0; v < graph.nodeCount; v += 17) {
      expect(
        graph.nodeLng[v]! >= w && graph.nodeLng[v]! <= e && graph.nodeLat[v]! >= s && graph.nodeLat[v]! <= n,
      ).toBe(true);
      expect(pointInGeometry(graph.nodeLng[v]!, graph.nodeLat[v]!, city[0]!.geometry)).toBe(true);
    }
    // roads.geojson follows the pack topology rule: rebuilt from the GeoJSON it routes like the OSM graph.
    const fromGeojson = buildGraph(roadsToRawNetwork(pack.roads.features, 'roads.geojson'));
    expect(Math.abs(fromGeojson.nodeCount - graph.nodeCount) / graph.nodeCount).toBeLessThan(0.02);
    const casino = { lng: 7.4283, lat: 43.7393 };
    const palace = { lng: 7.4202, lat: 43.7313 };
    const a = rankUnits(new Router(graph), palace, [{ id: 'u', type: 'car', ...casino }]).results[0]!;
    const b = rankUnits(new Router(fromGeojson), palace, [{ id: 'u', type: 'car', ...casino }]).results[0]!;
    expect(a.status).toBe('ok');
    expect(b.metres!).toBeCloseTo(a.metres!, -1);

    // The console's routing service starts on it and ranks units placed by the centre.
    const at = '2025-01-01T08:00:00.000Z';
    const unit: Unit = {
      id: 'U1',
      callsign: 'C1',
      type: 'car',
      districtId: 'none',
      home: casino,
      status: 'available',
      position: { unitId: 'U1', ...casino, heading: 0, speed: 0, at },
    };
    const svc = startRoutingService({
      packDir: dir,
      dataDir: tmp(),
      pack,
      units: () => [unit],
      onCoverage: () => {},
    });
    const alert = {
      id: 'A1',
      source: '110',
      category: 'robbery',
      priority: 1,
      reportedAt: at,
      location: { ...palace, crs: 'WGS84' },
      address: '',
      caller: { phone: '1' },
      description: '',
      position: palace,
      status: 'received',
      receivedAt: at,
      seq: 1,
    } as Alert;
    expect(svc.load.from).toBe('cache');
    const ranked = svc.rankNearby(alert, [unit], 5);
    expect(ranked.units[0]!.etaSeconds!).toBeCloseTo(a.seconds!, 3);
    expect(ranked.bestRoute!.length).toBeGreaterThan(2);
    expect(svc.coverage().tiers.length).toBeGreaterThan(0);
    svc.close();
  });

  it('uses a given boundary as the city and keeps the roads beyond it, flagged outside', async () => {
    const dir = tmp();
    const ring = [
      [7.41, 43.725],
      [7.43, 43.725],
      [7.43, 43.74],
      [7.41, 43.74],
      [7.41, 43.725],
    ];
    const inBox = ([x, y]: number[]) => x! >= 7.41 && x! <= 7.43 && y! >= 43.725 && y! <= 43.74;
    const res = buildCityPackFromOsm({
      osmFile: MONACO,
      outDir: dir,
      boundary: { type: 'MultiPolygon', coordinates: [[ring as [number, number][]]] },
      id: 'monaco-core',
      name: '摩纳哥',
      adcode: '990100',
    });
    expect(res).toMatchObject({
      boundaryFrom: 'file',
      marginKm: 30,
      ring3: false,
      counties: 0,
      provinces: 0,
    });
    const pack = await loadCityPack(dir);
    expect(pack.manifest).toMatchObject({ id: 'monaco-core', name: { zh: '摩纳哥' }, adcode: '990100' });
    // The initial view is the city box even though the roads run on beyond it.
    expect(pack.manifest.center).toEqual([7.42, 43.7325]);
    const outside = pack.roads.features.filter((f) => f.properties.outside);
    expect(outside.length).toBe(res.outsideRoads);
    expect(outside.length).toBeGreaterThan(100);
    // An outside road lies wholly beyond the city; an inside one has a vertex in it (a road that
    // crosses the boundary is split at its first vertex beyond, the crossing going with the inside part).
    for (const f of outside) expect(f.geometry.coordinates.some(inBox)).toBe(false);
    for (const f of pack.roads.features)
      if (!f.properties.outside) expect(f.geometry.coordinates.some(inBox)).toBe(true);
    // The routing graph carries the flag: the coverage counts the city's roads only.
    const { graph } = loadPackGraph(dir);
    let outsidePieces = 0;
    for (let p = 0; p < graph.pieceCount; p++) if (graph.pieceFlags[p]! & FLAG_OUTSIDE) outsidePieces++;
    expect(outsidePieces).toBeGreaterThan(100);
    const cov = coverage(new Router(graph), [{ id: 'u', type: 'car', lng: 7.4283, lat: 43.7393 }]);
    let inCityMetres = 0;
    for (let p = 0; p < graph.pieceCount; p++)
      if (!(graph.pieceFlags[p]! & FLAG_OUTSIDE)) inCityMetres += graph.pieceLength[p]!;
    expect(cov.totalMetres).toBeCloseTo(inCityMetres, 0);
  });

  it('refuses a boundary the loader would reject, before writing anything', () => {
    const dir = path.join(tmp(), 'bad');
    const ring = [
      [7.41, 43.725],
      [7.43, 43.725],
      [7.41, 43.725],
    ];
    expect(() =>
      buildCityPackFromOsm({
        osmFile: MONACO,
        outDir: dir,
        boundary: { type: 'MultiPolygon', coordinates: [[ring as [number, number][]]] },
      }),
    ).toThrow(/boundaries\.geojson would not load/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('refuses a file that is not a PBF, or a boundary without roads, naming the file', () => {
    const root = tmp();
    const bad = path.join(root, 'not-osm.pbf');
    writeFileSync(bad, '{"type":"FeatureCollection","features":[]}');
    expect(() => buildCityPackFromOsm({ osmFile: bad, outDir: path.join(root, 'out') })).toThrow(
      /not-osm\.pbf: not a valid \.osm\.pbf file/,
    );
    const far = [
      [0, 0],
      [0.01, 0],
      [0.01, 0.01],
      [0, 0.01],
      [0, 0],
    ];
    expect(() =>
      buildCityPackFromOsm({
        osmFile: MONACO,
        outDir: path.join(root, 'out'),
        boundary: { type: 'MultiPolygon', coordinates: [[far as [number, number][]]] },
      }),
    ).toThrow(/no drivable roads in .*monaco\.osm\.pbf/);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('derives pack ids from file names', () => {
    expect(packIdFromFile('/x/Columbus-Ohio.osm.pbf')).toBe('columbus-ohio');
    expect(packIdFromFile('helsinki_center.pbf')).toBe('helsinki-center');
  });
});
