import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { Camera } from '../../../shared/domain/camera';
import { fromWgs84 } from '../../../shared/domain/coords';
import { runCli } from '../../cli/main';
import { importInventory } from './importToPack';
import { DEMO_INVENTORY_DIR, demoCameraId, tempDemoPack, type TempPack } from './testPack';

let tp: TempPack;
afterEach(() => tp?.cleanup());

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
  };
}

/** n cameras on a grid around the demo centre, in GCJ-02 like a web-map-based video platform exports them. */
function cameraRows(n: number): { truth: { id: string; lng: number; lat: number }[]; rows: string[][] } {
  const truth: { id: string; lng: number; lat: number }[] = [];
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const wgs = {
      lng: Math.round((112.7 + (i % 100) * 0.003) * 1e6) / 1e6,
      lat: Math.round((35.4 + Math.floor(i / 100) * 0.003) * 1e6) / 1e6,
    };
    const g = fromWgs84(wgs, 'GCJ02');
    const id = demoCameraId(i + 1);
    truth.push({ id, ...wgs });
    rows.push([
      id,
      `测试点位${i + 1}`,
      i % 5 === 0 ? '球机' : '枪机',
      '二类',
      g.lng.toFixed(7),
      g.lat.toFixed(7),
      i % 5 === 0 ? '' : String(i % 360),
      i % 5 === 0 ? '' : '70',
      '120',
      '在线',
    ]);
  }
  return { truth, rows };
}
const CAMERA_HEADERS = [
  '国标编码',
  '名称',
  '类型',
  '点位类别',
  '经度',
  '纬度',
  '朝向',
  '视角',
  '可视距离',
  '在线状态',
];

describe('import cameras', () => {
  it('5,000 cameras in GCJ-02 with three broken rows: the report names exactly those rows, nothing is written', async () => {
    tp = tempDemoPack();
    const { rows } = cameraRows(5000);
    rows[41]![0] = '1499010100132500004'; // 19 digits → spreadsheet row 43
    rows[2999]![5] = '39.9'; // Beijing's latitude → outside the pack (row 3001)
    rows[4499]![2] = '红外'; // unknown kind (row 4501)
    const file = path.join(tp.dir, 'cameras.csv');
    writeFileSync(file, Papa.unparse({ fields: CAMERA_HEADERS, data: rows }));
    const before = readFileSync(path.join(tp.pack, 'cameras.json'), 'utf8');
    const manifestBefore = readFileSync(path.join(tp.pack, 'pack.json'), 'utf8');
    const r = io();
    expect(
      await runCli(['import', 'cameras', '--pack', tp.pack, '--file', file, '--crs', 'gcj02'], r.io),
    ).toBe(1);

    const report = Papa.parse<string[]>(
      readFileSync(path.join(tp.dir, 'cameras.errors.csv'), 'utf8').replace(/^\uFEFF/, ''),
      { skipEmptyLines: true },
    ).data;
    expect(report[0]).toEqual(['row', 'column', 'value', 'reason']);
    expect(report.slice(1).map(([row, column]) => [row, column])).toEqual([
      ['43', '国标编码'],
      ['3001', '经度'],
      ['4501', '类型'],
    ]);
    expect(report[1]![3]).toMatch(/20 digits/);
    expect(report[2]![3]).toMatch(/outside the pack's extent/);
    expect(report[3]![3]).toMatch(/unknown value/);
    expect(readFileSync(path.join(tp.pack, 'cameras.json'), 'utf8')).toBe(before);
    expect(readFileSync(path.join(tp.pack, 'pack.json'), 'utf8')).toBe(manifestBefore);
    expect(r.err.join('')).toMatch(/nothing written/);

    // --skip-bad imports the rest; the file replaces the inventory (the demo's cameras are removed).
    const s = io();
    expect(
      await runCli(
        ['import', 'cameras', '--pack', tp.pack, '--file', file, '--crs', 'gcj02', '--skip-bad'],
        s.io,
      ),
    ).toBe(0);
    expect(JSON.parse(s.out.join(''))).toMatchObject({
      imported: 4997,
      badRows: 3,
      added: 4997,
      removed: 3664,
      changed: 0,
      unchanged: 0,
      written: true,
    });
    expect(tp.read<Camera[]>('cameras.json')).toHaveLength(4997);
    expect(tp.read<{ provenance: { cameras: unknown } }>('pack.json').provenance.cameras).toMatchObject({
      source: 'cameras.csv',
      tool: 'import',
      count: 4997,
      crs: 'GCJ02',
      skipped: 3,
    });
  });

  it('checks GB/T 28181 structure, device type and the administrative prefix against the pack adcode', async () => {
    tp = tempDemoPack();
    const { rows } = cameraRows(4);
    rows[0]![0] = '99990101001325000001'; // province 99
    rows[1]![0] = '14990101001185000002'; // type 118 = NVR
    rows[2]![0] = '14050101001325000003'; // Jincheng, not this pack's city
    const file = path.join(tp.dir, 'cams.csv');
    writeFileSync(file, Papa.unparse({ fields: CAMERA_HEADERS, data: rows }));
    const out = await importInventory({ kind: 'cameras', packDir: tp.pack, file, crs: 'GCJ02' });
    expect(
      out.errors.map((e) => [e.row, e.reason.match(/province code|NVR|not in the pack's area/)?.[0]]),
    ).toEqual([
      [2, 'province code'],
      [3, 'NVR'],
      [4, "not in the pack's area"],
    ]);
    expect(out.written).toBe(false);
  });

  it('re-importing changes only what changed, with exact summary counts', async () => {
    tp = tempDemoPack();
    const demoCsv = path.join(DEMO_INVENTORY_DIR, 'cameras.csv');
    const same = await importInventory({
      kind: 'cameras',
      packDir: tp.pack,
      file: demoCsv,
      crs: 'GCJ02',
      dryRun: true,
    });
    expect(same.summary).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 3664, kept: 0 });

    const parsed = Papa.parse<string[]>(readFileSync(demoCsv, 'utf8'), { skipEmptyLines: true }).data;
    const [header, ...rows] = parsed;
    rows[10]![1] = '改名点位A';
    rows[20]![10] = rows[20]![10] === '在线' ? '离线' : '在线';
    rows.splice(100, 3);
    rows.push([
      demoCameraId(999_001),
      '新增点位',
      '枪机',
      '一类',
      '112.8562',
      '35.4987',
      '90',
      '60',
      '100',
      '',
      '在线',
    ]);
    const file = path.join(tp.dir, 'cameras-v2.csv');
    writeFileSync(file, Papa.unparse({ fields: header!, data: rows }));
    const out = await importInventory({ kind: 'cameras', packDir: tp.pack, file, crs: 'GCJ02' });
    expect(out.summary).toEqual({ added: 1, changed: 2, removed: 3, unchanged: 3664 - 5, kept: 0 });
    const cams = tp.read<Camera[]>('cameras.json');
    expect(cams).toHaveLength(3662);
    expect(cams.find((c) => c.id === demoCameraId(999_001))).toMatchObject({
      kind: 'gun',
      class: 1,
      heading: 90,
      fov: 60,
    });
    const again = await importInventory({ kind: 'cameras', packDir: tp.pack, file, crs: 'GCJ02' });
    expect(again.summary).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 3662, kept: 0 });
  });

  it('refuses cameras on a pack without adcode until --adcode is given, then saves it', async () => {
    tp = tempDemoPack();
    const manifest = tp.read<Record<string, unknown>>('pack.json');
    writeFileSync(path.join(tp.pack, 'pack.json'), JSON.stringify({ ...manifest, adcode: '000000' }));
    const file = path.join(tp.dir, 'c.csv');
    writeFileSync(file, Papa.unparse({ fields: CAMERA_HEADERS, data: cameraRows(3).rows }));
    await expect(importInventory({ kind: 'cameras', packDir: tp.pack, file, crs: 'GCJ02' })).rejects.toThrow(
      /--adcode/,
    );
    const out = await importInventory({
      kind: 'cameras',
      packDir: tp.pack,
      file,
      crs: 'GCJ02',
      adcode: '149900',
    });
    expect(out.written).toBe(true);
    expect(tp.read<{ adcode: string }>('pack.json').adcode).toBe('149900');
  });

  it('answers usage mistakes with exit 2 and the reason', async () => {
    tp = tempDemoPack();
    for (const [argv, reason] of [
      [
        ['import', 'roads', '--pack', tp.pack, '--file', 'x.csv'],
        /import what\? one of cameras, units, checkpoints, districts/,
      ],
      [
        ['import', 'cameras', '--pack', tp.pack, '--file', 'x.csv', '--crs', 'utm'],
        /--crs must be one of wgs84, gcj02, bd09, cgcs2000/,
      ],
      [
        ['import', 'cameras', '--pack', tp.pack, '--file', 'x.csv', '--map', '名称'],
        /--map expects 列名=field/,
      ],
      [['import', 'cameras', '--pack', tp.pack], /missing --file/],
    ] as const) {
      const r = io();
      expect(await runCli([...argv], r.io)).toBe(2);
      expect(r.err.join('')).toMatch(reason);
    }
  });
});
