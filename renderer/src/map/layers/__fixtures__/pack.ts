/** A tiny hand-made city pack for unit tests (and the manual harness): schema-valid, WGS84. */
import type { CityPack } from '../../../../../shared/citypack/schema';
import type { Alert } from '../../../../../shared/domain/alert';
import type { Unit } from '../../../../../shared/domain/unit';

const C: [number, number] = [112.85, 35.49];
const box = (lng: number, lat: number, d: number): [number, number][][] => [
  [
    [lng - d, lat - d],
    [lng + d, lat - d],
    [lng + d, lat + d],
    [lng - d, lat + d],
    [lng - d, lat - d],
  ],
];

export const FIXTURE_PACK: CityPack = {
  manifest: {
    format: 'dispatch-city-pack',
    version: 1,
    id: 'fixture',
    name: { zh: '测试市', en: 'Fixture City' },
    synthetic: true,
    attribution: 'Fixture',
    adcode: '140500',
    center: C,
    zoom: 11,
    bbox: [112.6, 35.3, 113.1, 35.7],
    files: {
      roads: 'r',
      boundaries: 'b',
      districts: 'd',
      places: 'p',
      units: 'u',
      cameras: 'c',
      checkpoints: 'k',
    },
  },
  roads: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [112.7, 35.49],
            [113.0, 35.49],
          ],
        },
        properties: { id: 'r1', class: 'motorway', name: '', ref: 'G55', oneway: false },
      },
      {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [112.85, 35.35],
            [112.85, 35.65],
          ],
        },
        properties: { id: 'r2', class: 'primary', name: '泽州路', nameEn: 'Zezhou Road', oneway: false },
      },
      {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [112.8, 35.47],
            [112.9, 35.47],
          ],
        },
        properties: { id: 'r3', class: 'residential', name: '凤台街', oneway: true },
      },
    ],
  },
  boundaries: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: box(112.85, 35.6, 0.4) },
        properties: { id: 'p-sx', level: 'province', name: '山西省', nameEn: 'Shanxi', own: true },
      },
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: box(112.85, 34.8, 0.4) },
        properties: { id: 'p-ha', level: 'province', name: '河南省', nameEn: 'Henan', own: false },
      },
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: box(112.85, 35.49, 0.2) },
        properties: { id: 'c1', level: 'city', name: '测试市', nameEn: 'Fixture City', own: true },
      },
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: box(112.8, 35.49, 0.08) },
        properties: { id: 'k1', level: 'county', name: '城区', nameEn: 'Urban District', own: true },
      },
    ],
  },
  districts: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: box(112.84, 35.48, 0.03) },
        properties: { id: 'd1', name: '一号巡区', nameEn: 'Patrol District 1', countyId: 'k1' },
      },
    ],
  },
  places: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: C },
        properties: { name: '测试市', nameEn: 'Fixture City', kind: 'city' },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [112.9, 35.52] },
        properties: { name: '北石店镇', nameEn: 'Beishidian', kind: 'town' },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [112.86, 35.5] },
        properties: { name: '火车站', nameEn: 'Railway Station', kind: 'landmark' },
      },
    ],
  },
  units: [{ id: 'u1', callsign: '巡01', type: 'car', districtId: 'd1', home: { lng: 112.84, lat: 35.48 } }],
  cameras: [
    {
      id: '14050200001310000001',
      name: '泽州路口',
      kind: 'gun',
      class: 1,
      lng: 112.851,
      lat: 35.491,
      heading: 90,
      fov: 60,
      range: 80,
      streams: [],
      online: true,
    },
    {
      id: '14050200001320000002',
      name: '广场球机',
      kind: 'dome',
      class: 2,
      lng: 112.852,
      lat: 35.489,
      heading: null,
      fov: null,
      range: 120,
      streams: [],
      online: false,
    },
    {
      id: '14050200051310000003',
      name: '卡口',
      kind: 'anpr',
      class: 1,
      lng: 112.99,
      lat: 35.49,
      heading: 270,
      fov: 40,
      range: 60,
      streams: [],
      online: true,
    },
  ],
  checkpoints: [
    {
      id: 'cp1',
      name: '晋豫省界检查站',
      level: 'provincial',
      lng: 112.85,
      lat: 35.2,
      road: 'G55',
      cameraIds: ['14050200051310000003'],
    },
    { id: 'cp2', name: '东出口卡口', level: 'city', lng: 113.05, lat: 35.49, road: 'G55', cameraIds: [] },
    {
      id: 'cp3',
      name: '凤台街查控点',
      level: 'district',
      lng: 112.86,
      lat: 35.47,
      road: '凤台街',
      cameraIds: [],
    },
  ],
};

export const NOW = Date.parse('2026-11-23T08:00:00+08:00');
const iso = (msAgo: number): string => new Date(NOW - msAgo).toISOString();

export function alert(
  id: string,
  priority: 1 | 2 | 3 | 4,
  status: Alert['status'],
  lng = 112.85,
  lat = 35.49,
): Alert {
  return {
    id,
    source: '110',
    category: 'robbery',
    priority,
    reportedAt: iso(120_000),
    location: { lng, lat, crs: 'WGS84' },
    address: '泽州路 1 号',
    caller: { phone: '13800000000' },
    description: '',
    position: { lng, lat },
    status,
    receivedAt: iso(110_000),
    seq: 1,
  };
}

export function unit(id: string, status: Unit['status'], msAgo: number | null, heading = 45): Unit {
  return {
    id,
    callsign: `巡${id}`,
    type: 'car',
    districtId: 'd1',
    home: { lng: 112.84, lat: 35.48 },
    status,
    position:
      msAgo === null ? null : { unitId: id, lng: 112.845, lat: 35.485, heading, speed: 8, at: iso(msAgo) },
  };
}
