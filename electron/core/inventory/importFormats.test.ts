import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { DistrictFeature } from '../../../shared/citypack/schema';
import type { Camera } from '../../../shared/domain/camera';
import type { Checkpoint } from '../../../shared/domain/checkpoint';
import { fromWgs84 } from '../../../shared/domain/coords';
import { haversineMeters } from '../../../shared/domain/geo';
import type { UnitDefinition } from '../../../shared/domain/unit';
import { runCli } from '../../cli/main';
import { importInventory } from './importToPack';
import { decodeText } from './readTable';
import { demoCameraId, tempDemoPack, type TempPack } from './testPack';

let tp: TempPack;
afterEach(() => tp?.cleanup());

const UNIT_HEADERS = ['编号', '呼号', '类型', '所属派出所', '经度', '纬度'];
/** WGS84 truths spread over the demo city. */
const TRUTH = [
  { lng: 112.85, lat: 35.5 },
  { lng: 112.61234, lat: 35.31234 },
  { lng: 113.10987, lat: 35.80123 },
  { lng: 112.4321, lat: 35.9012 },
];

describe('inventory formats', () => {
  it('imports an XLSX with Chinese headers (ids as text, numbers as numbers)', async () => {
    tp = tempDemoPack();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('设备清单');
    sheet.addRow([
      '设备名称',
      '国标编码',
      '摄像机类型',
      '经度',
      '纬度',
      '方向角',
      '视场角',
      '视频流',
      '在线状态',
      '备注',
    ]);
    sheet.addRow([
      '东关路口枪机',
      demoCameraId(1),
      '枪机',
      112.8561,
      35.4991,
      45,
      70,
      '/streams/a/index.m3u8;/streams/a/live.flv',
      '在线',
      '新装',
    ]);
    sheet.addRow(['东关路口球机', demoCameraId(2), '球机', 112.8562, 35.4992, null, null, '', '离线', '']);
    const file = path.join(tp.dir, '设备清单.xlsx');
    await book.xlsx.writeFile(file);
    const out = await importInventory({ kind: 'cameras', packDir: tp.pack, file, crs: 'WGS84' });
    expect(out.errors).toEqual([]);
    expect(out.ignoredColumns).toEqual(['备注']);
    const cams = tp.read<Camera[]>('cameras.json');
    expect(cams).toHaveLength(2);
    expect(cams[0]).toEqual({
      id: demoCameraId(1),
      name: '东关路口枪机',
      kind: 'gun',
      class: 3,
      lng: 112.8561,
      lat: 35.4991,
      heading: 45,
      fov: 70,
      range: 100,
      streams: [
        { protocol: 'hls', url: '/streams/a/index.m3u8' },
        { protocol: 'flv', url: '/streams/a/live.flv' },
      ],
      online: true,
    });
    expect(cams[1]).toMatchObject({
      kind: 'dome',
      heading: null,
      fov: null,
      range: 200,
      streams: [],
      online: false,
    });
  });

  it('flags a 20-digit id Excel stored as a number (its digits are already lost)', async () => {
    tp = tempDemoPack();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('s');
    sheet.addRow(['名称', '设备编码', '类型', '经度', '纬度']);
    sheet.addRow(['x', Number(demoCameraId(7)), '枪机', 112.85, 35.5]);
    const file = path.join(tp.dir, 'n.xlsx');
    await book.xlsx.writeFile(file);
    const out = await importInventory({ kind: 'cameras', packDir: tp.pack, file, crs: 'WGS84' });
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]!.value).toMatch(/format the column as text/);
  });

  it.each(['GCJ02', 'BD09'] as const)('lands %s unit homes within 2 m of their WGS84 truth', async (crs) => {
    tp = tempDemoPack();
    const rows = TRUTH.map((t, i) => {
      const p = fromWgs84(t, crs);
      return [`T${i}`, `测试${i}车`, '巡逻车', 'D01', String(p.lng), String(p.lat)];
    });
    const file = path.join(tp.dir, 'units.csv');
    writeFileSync(file, Papa.unparse({ fields: UNIT_HEADERS, data: rows }));
    const out = await importInventory({ kind: 'units', packDir: tp.pack, file, crs });
    expect(out.errors).toEqual([]);
    const units = tp.read<UnitDefinition[]>('units.json');
    expect(units).toHaveLength(TRUTH.length);
    units.forEach((u, i) => expect(haversineMeters(u.home, TRUTH[i]!)).toBeLessThan(2));
    // Unconverted, the same numbers would be hundreds of metres off: the conversion really ran.
    expect(
      haversineMeters({ lng: Number(rows[0]![4]), lat: Number(rows[0]![5]) }, TRUTH[0]!),
    ).toBeGreaterThan(100);
  });

  it('reads a GBK CSV (as Excel saves it on a Chinese Windows) and resolves districts by name', async () => {
    tp = tempDemoPack();
    // "编号,呼号,类型,所属巡区,经度,纬度\nG01,快反九车,巡逻车,钟楼巡区,112.86,35.51\n" in GBK.
    const gbk = Buffer.from(
      'b1e0bac52cbaf4bac52cc0e0d0cd2ccbf9caf4d1b2c7f82cbeadb6c82cceb3b6c80a4730312cbfecb7b4bec5b3b52cd1b2c2dfb3b52cd6d3c2a5d1b2c7f82c3131322e38362c33352e35310a',
      'hex',
    );
    expect(decodeText(gbk).encoding).toBe('gbk');
    const file = path.join(tp.dir, 'units-gbk.csv');
    writeFileSync(file, gbk);
    const out = await importInventory({ kind: 'units', packDir: tp.pack, file, crs: 'WGS84' });
    expect(out.errors).toEqual([]);
    expect(tp.read<UnitDefinition[]>('units.json')).toEqual([
      { id: 'G01', callsign: '快反九车', type: 'car', districtId: 'D01', home: { lng: 112.86, lat: 35.51 } },
    ]);
  });

  it('maps unrecognised headers with --map and reports unknown districts and cameras per row', async () => {
    tp = tempDemoPack();
    const file = path.join(tp.dir, 'units.csv');
    writeFileSync(
      file,
      'Unit No,Radio,Kind,Beat,X,Y\nA1,快反1车,car,D01,112.85,35.5\nA2,快反2车,car,D99,112.85,35.5\n',
    );
    const r = { out: [] as string[], err: [] as string[] };
    const cio = { stdout: (t: string) => void r.out.push(t), stderr: (t: string) => void r.err.push(t) };
    const code = await runCli(
      [
        'import',
        'units',
        '--pack',
        tp.pack,
        '--file',
        file,
        '--map',
        'Unit No=id',
        '--map',
        'Radio=callsign,Beat=districtId',
        '--skip-bad',
      ],
      cio,
    );
    expect(code).toBe(0);
    expect(JSON.parse(r.out.join(''))).toMatchObject({
      imported: 1,
      badRows: 1,
      added: 1,
      removed: 39,
      written: true,
    });
    expect(r.err.join('')).toMatch(/row 3, Beat = "D99": no patrol district/);

    const cp = path.join(tp.dir, 'checkpoints.csv');
    writeFileSync(
      cp,
      Papa.unparse({
        fields: ['卡口编号', '卡口名称', '级别', '经度', '纬度', '道路', '关联设备'],
        data: [['CP-X1', '测试卡口', '市界', '112.85', '35.5', 'G207', `${demoCameraId(5)};abc`]],
      }),
    );
    const out = await importInventory({ kind: 'checkpoints', packDir: tp.pack, file: cp, crs: 'WGS84' });
    expect(out.errors.map((e) => [e.row, e.value, e.reason.slice(0, 20)])).toEqual([
      [2, demoCameraId(5), 'no camera with this '],
      [2, 'abc', 'not a 20-digit GB/T '],
    ]);
    expect(tp.read<Checkpoint[]>('checkpoints.json')).toHaveLength(17); // unchanged: nothing written
  });

  it('imports districts from GeoJSON (Chinese property names) and from WKT in a CSV, converting GCJ-02', async () => {
    tp = tempDemoPack();
    const ring = [
      [112.84, 35.49],
      [112.86, 35.49],
      [112.86, 35.51],
      [112.84, 35.51],
      [112.84, 35.49],
    ];
    const gcjRing = ring.map(([lng, lat]) => Object.values(fromWgs84({ lng: lng!, lat: lat! }, 'GCJ02')));
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 巡区编号: 'X1', 巡区名称: '测试巡区', 所属区县: '城区' },
          geometry: { type: 'Polygon', coordinates: [gcjRing] },
        },
      ],
    };
    const gj = path.join(tp.dir, 'districts.geojson');
    writeFileSync(gj, JSON.stringify(fc));
    const a = await importInventory({
      kind: 'districts',
      packDir: tp.pack,
      file: gj,
      crs: 'GCJ02',
      dryRun: true,
    });
    expect(a.errors).toEqual([]);
    expect(a.summary).toEqual({ added: 1, changed: 0, removed: 34, unchanged: 0, kept: 0 });

    const wkt = `POLYGON ((${ring.map((p) => p.join(' ')).join(', ')}))`;
    const csv = path.join(tp.dir, 'districts.csv');
    writeFileSync(
      csv,
      Papa.unparse({
        fields: ['编号', '名称', '区县', 'WKT'],
        data: [
          ['X1', '测试巡区', '149901', wkt],
          ['X2', '坏巡区', '城区', 'POLYGON ((1 2, 3 4))'],
        ],
      }),
    );
    const b = await importInventory({
      kind: 'districts',
      packDir: tp.pack,
      file: csv,
      crs: 'WGS84',
      skipBad: true,
    });
    expect(b.errors.map((e) => [e.row, e.column])).toEqual([[3, 'WKT']]);
    const d = tp.read<{ features: DistrictFeature[] }>('districts.geojson').features;
    expect(d.map((f) => f.properties)).toEqual([
      { id: 'X1', name: '测试巡区', nameEn: '测试巡区', countyId: '149901' },
    ]);
    expect(d[0]!.geometry.coordinates[0]).toEqual(ring);
  });
});
