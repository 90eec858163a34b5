/**
 * The three rings from real boundary files (tests/unit/sharedData): cn-atlas Jincheng (WGS84) as
 * ring 2, the DataV Jincheng counties (GCJ-02) as ring 1's counties, and for ring 3 either the
 * cn-atlas Shanxi + Henan provinces (WGS84) or DataV's Shanxi and Henan prefecture files (GCJ-02),
 * grouped into their provinces. The roads are a small hand-made set radiating from the centre
 * (no OSM extract covers Jincheng); the checks on what the pack build refuses come last.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedDataFile } from '../../../tests/unit/sharedData';
import { haversineMeters } from '../../../shared/domain/geo';
import { fromWgs84 } from '../../../shared/domain/coords';
import {
  countiesFromFile,
  cityFromFile,
  provincesFromFiles,
  readBoundaryFile,
  type BoundaryFile,
} from './boundaryFiles';
import { buildCityPack, type RoadSource } from './buildFromOsm';
import { loadCityPack } from '../../../node/citypack/loadCityPack';
import { splitWays, type OsmWayAttributes } from '../../../node/routing/osmImport';
import { loadPackGraph } from '../../../node/routing/pack';
import { Router } from '../../../node/routing/router';
import { analyseCordon } from '../cordon/analyse';
import { runCli } from '../../cli/main';

type P = [number, number];
const file = (name: string, crs: BoundaryFile['crs']): BoundaryFile => ({
  file: sharedDataFile('boundaries', name),
  crs,
});
const CITY = file('jincheng_140500.cnatlas.geojson', 'WGS84');
const COUNTIES = file('datav_140500_jincheng_counties.gcj02.geojson', 'GCJ02');
const PROVINCES = file('shanxi_henan_provinces.cnatlas.geojson', 'WGS84');
const PREFECTURES = [
  file('datav_140000_shanxi_prefectures.gcj02.geojson', 'GCJ02'),
  file('datav_410000_henan_prefectures.gcj02.geojson', 'GCJ02'),
];
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'jc-pack-'));
const vertices = (polys: { geometry: { coordinates: unknown } }[]): P[] =>
  polys.flatMap((p) => (p.geometry.coordinates as P[][][]).flat(2) as unknown as P[]);
const metres = (a: P, b: P) => haversineMeters({ lng: a[0], lat: a[1] }, { lng: b[0], lat: b[1] });

/** Straight roads from the centre with ~1 km vertices; E runs 100 km into Henan, beyond any margin. */
const CENTRE: P = [112.851, 35.4976];
const ENDS: Record<string, { to: P; cls: OsmWayAttributes['cls'] }> = {
  S: { to: [112.9, 34.95], cls: 'trunk' },
  E: { to: [113.95, 35.35], cls: 'motorway_link' },
  N: { to: [112.95, 36.35], cls: 'primary' },
  W: { to: [111.75, 35.55], cls: 'secondary' },
};
const radial: RoadSource = {
  name: 'jincheng-radial',
  read(area) {
    const lng: number[] = [];
    const lat: number[] = [];
    const ways = Object.entries(ENDS).map(([name, { to, cls }]) => {
      const n = Math.ceil(metres(CENTRE, to) / 1000);
      const nodes: number[] = [];
      for (let i = 0; i <= n; i++) {
        // One shared centre node, so the four roads meet.
        if (i === 0 && lng.length) {
          nodes.push(0);
          continue;
        }
        nodes.push(lng.length);
        lng.push(CENTRE[0] + ((to[0] - CENTRE[0]) * i) / n);
        lat.push(CENTRE[1] + ((to[1] - CENTRE[1]) * i) / n);
      }
      return { nodes, a: { cls, oneway: 0 as const, roundabout: false, maxspeed: 0 }, name };
    });
    const L = Float64Array.from(lng);
    const B = Float64Array.from(lat);
    return { lng: L, lat: B, ways: splitWays(L, B, ways, area), source: 'jincheng-radial' };
  },
};

describe('boundary files: conversion', () => {
  it('converts GCJ-02 to within a few metres of the published WGS84 conversion', () => {
    for (const [gcj, wgs] of [
      [
        'datav_140500_jincheng_counties.gcj02.geojson',
        'datav_140500_jincheng_counties.wgs84-from-gcj02.geojson',
      ],
      [
        'datav_140000_shanxi_prefectures.gcj02.geojson',
        'datav_140000_shanxi_prefectures.wgs84-from-gcj02.geojson',
      ],
    ]) {
      const a = vertices(readBoundaryFile(file(gcj!, 'GCJ02')));
      const b = vertices(readBoundaryFile(file(wgs!, 'WGS84')));
      const raw = vertices(readBoundaryFile(file(gcj!, 'WGS84')));
      expect(a.length).toBe(b.length);
      expect(a.length).toBeGreaterThan(1000);
      const d = a.map((p, i) => metres(p, b[i]!));
      expect(Math.max(...d)).toBeLessThan(3);
      // …where taking GCJ-02 as WGS84 would be off by hundreds of metres.
      expect(Math.min(...raw.map((p, i) => metres(p, b[i]!)))).toBeGreaterThan(300);
    }
  });

  it('reads BD-09 and takes CGCS2000 as WGS84', () => {
    const dir = tmp();
    const city = readBoundaryFile(CITY);
    const ring = (city[0]!.geometry.coordinates as P[][][])[0]![0]!;
    const bd = ring.map(([lng, lat]) => fromWgs84({ lng, lat }, 'BD09')).map((p) => [p.lng, p.lat]);
    bd[bd.length - 1] = bd[0]!;
    writeFileSync(path.join(dir, 'bd.geojson'), JSON.stringify({ type: 'Polygon', coordinates: [bd] }));
    const back = vertices(readBoundaryFile({ file: path.join(dir, 'bd.geojson'), crs: 'BD09' }));
    expect(Math.max(...back.map((p, i) => metres(p, ring[i]!)))).toBeLessThan(3);
    expect(vertices(readBoundaryFile({ ...CITY, crs: 'CGCS2000' }))).toEqual(vertices(city));
  });
});

describe('boundary files: the three rings of Jincheng', () => {
  const city = cityFromFile(CITY, '140500');
  const counties = countiesFromFile(COUNTIES, city.geometry);

  it('takes the counties with their codes and names, and finds the own province among the given ones', () => {
    expect(city.name).toBe('晋城市');
    expect(
      counties.map((c) => [c.properties.id, c.properties.name, c.properties.level, c.properties.own]),
    ).toEqual([
      ['140502', '城区', 'county', true],
      ['140521', '沁水县', 'county', true],
      ['140522', '阳城县', 'county', true],
      ['140524', '陵川县', 'county', true],
      ['140525', '泽州县', 'county', true],
      ['140581', '高平市', 'county', true],
    ]);
    const p = provincesFromFiles([PROVINCES], city.geometry);
    expect(p.map((f) => [f.properties.id, f.properties.name, f.properties.nameEn, f.properties.own])).toEqual(
      [
        ['140000', '山西省', 'Shanxi', true],
        ['410000', '河南省', 'Henan', false],
      ],
    );
    // DataV prefecture downloads: grouped into their provinces by the parent code.
    const q = provincesFromFiles(PREFECTURES, city.geometry);
    expect(q.map((f) => [f.properties.id, f.properties.own, f.geometry.coordinates.length])).toEqual([
      ['140000', true, 11],
      ['410000', false, 25],
    ]);
  });

  for (const [label, provinces] of [
    ['cn-atlas provinces (WGS84)', [PROVINCES]],
    ['DataV prefectures (GCJ-02)', PREFECTURES],
  ] as const) {
    it(`builds a pack with all three rings: ${label}`, async () => {
      const dir = tmp();
      const boundaries = [...counties, ...provincesFromFiles(provinces, city.geometry)];
      const res = buildCityPack(radial, {
        outDir: dir,
        boundary: city.geometry,
        cityName: { zh: city.name!, en: 'Jincheng' },
        boundaries,
        adcode: '140500',
        id: 'jincheng',
      });
      expect(res).toMatchObject({ ring3: true, counties: 6, provinces: 2, marginKm: 30 });
      const pack = await loadCityPack(dir);
      expect(pack.manifest.name).toEqual({ zh: '晋城市', en: 'Jincheng' });
      expect(pack.boundaries.features.map((f) => f.properties.level)).toEqual([
        'city',
        ...Array(6).fill('county'),
        'province',
        'province',
      ]);
      // The roads run on beyond the city, flagged, and stop within the margin beyond the rings.
      expect(res.outsideRoads).toBeGreaterThanOrEqual(4);
      const east = Math.max(...pack.roads.features.flatMap((f) => f.geometry.coordinates.map((c) => c[0])));
      expect(east).toBeLessThan(113.95);
      expect(east).toBeGreaterThan(113.3);

      const router = new Router(loadPackGraph(dir).graph);
      const a = analyseCordon({
        router,
        boundaries: pack.boundaries.features,
        roads: pack.roads.features,
        checkpoints: [],
        incident: { lng: CENTRE[0], lat: CENTRE[1] },
        elapsedSeconds: 0,
        units: [],
        options: { ring1: { mode: 'boundary', id: '140502' }, routes: false },
      });
      expect(a.warnings).toEqual([]);
      expect(a.rings.map((r) => r.ring)).toEqual([1, 2, 3]);
      const names = (ring: number) =>
        [...new Set(a.crossings.filter((c) => c.ring === ring).map((c) => c.roadName))].sort();
      expect(names(1)).toEqual(['E', 'N', 'S', 'W']);
      expect(names(2)).toEqual(['E', 'N', 'S', 'W']);
      // Ring 3 is the Henan border: the south and east roads only.
      expect(names(3)).toEqual(['E', 'S']);
    });
  }
});

describe('boundary files: refused before anything is written', () => {
  const build = async (extra: string[]) => {
    const out = path.join(tmp(), 'pack');
    const err: string[] = [];
    const code = await runCli(
      ['pack', 'build', '--osm', sharedDataFile('osm', 'monaco.osm.pbf'), '--out', out, ...extra],
      { stdout: () => {}, stderr: (t) => void err.push(t) },
    );
    return { code, err: err.join(''), written: existsSync(out) };
  };
  const bad = (name: string, json: unknown) => {
    const f = path.join(tmp(), name);
    writeFileSync(f, typeof json === 'string' ? json : JSON.stringify(json));
    return f;
  };
  const square = (x: number, y: number, d = 0.1): P[] => [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ];

  it.each([
    ['not JSON', () => ['--boundary', bad('city.geojson', '{"type":')], /city\.geojson: cannot read GeoJSON/],
    [
      'a border line as provinces',
      () => [
        '--boundary',
        CITY.file,
        '--provinces',
        sharedDataFile('boundaries', 'shanxi_henan_border.cnatlas.geojson'),
      ],
      /shanxi_henan_border\.cnatlas\.geojson: feature 0.*geometry MultiLineString, expected Polygon/,
    ],
    [
      'projected metres',
      () => [
        '--boundary',
        bad('utm.geojson', { type: 'Polygon', coordinates: [square(500000, 3900000, 1000)] }),
      ],
      /utm\.geojson: .*not longitude\/latitude/,
    ],
    [
      'an open ring',
      () => [
        '--boundary',
        bad('open.geojson', {
          type: 'Polygon',
          coordinates: [
            square(112, 35)
              .slice(0, 4)
              .concat([[112.05, 35.05]]),
          ],
        }),
      ],
      /open\.geojson: .*not closed/,
    ],
    [
      'GCJ-02 outside China',
      () => [
        '--boundary',
        bad('monaco.geojson', { type: 'Polygon', coordinates: [square(7.4, 43.7, 0.02)] }),
        '--crs',
        'gcj-02',
      ],
      /monaco\.geojson: .*outside China/,
    ],
    [
      'a declared projected crs',
      () => [
        '--boundary',
        bad('crs.geojson', {
          type: 'Polygon',
          crs: { type: 'name', properties: { name: 'EPSG:4547' } },
          coordinates: [square(112, 35)],
        }),
      ],
      /crs\.geojson: declares crs "EPSG:4547"/,
    ],
    [
      'counties of another city',
      () => [
        '--boundary',
        CITY.file,
        '--counties',
        sharedDataFile('boundaries', 'datav_140000_shanxi_prefectures.gcj02.geojson'),
        '--counties-crs',
        'GCJ02',
      ],
      /shanxi_prefectures\.gcj02\.geojson: feature 0 \(太原市\) lies mostly outside the city/,
    ],
    [
      'provinces without the city',
      () => [
        '--boundary',
        CITY.file,
        '--provinces',
        sharedDataFile('boundaries', 'datav_410000_henan_prefectures.gcj02.geojson'),
        '--crs',
        'GCJ02',
        '--boundary-crs',
        'WGS84',
      ],
      /no province .* contains the city/,
    ],
    ['an unknown crs', () => ['--boundary', CITY.file, '--crs', 'EPSG:3857'], /--crs must be one of/],
  ])('%s', async (_label, args, message) => {
    const r = await build(args());
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
    expect(r.written).toBe(false);
  });
});
