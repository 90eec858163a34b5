/**
 * Inventory import at command-centre scale: 100,000 cameras in a GCJ-02 CSV with Chinese headers
 * (the size of a prefecture's Sharp Eyes device list) into a copy of the demo pack, then the same
 * file again (all unchanged), and 20,000 rows as XLSX. `npx tsx bench/inventoryImport.ts` or bench/main.ts.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { fromWgs84 } from '../shared/domain/coords';
import { importInventory } from '../electron/core/inventory/importToPack';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEADERS = [
  '设备编码',
  '名称',
  '类型',
  '点位类别',
  '经度',
  '纬度',
  '朝向',
  '视角',
  '可视距离',
  '视频流',
  '在线状态',
];

function rows(n: number): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (let i = 0; i < n; i++) {
    const g = fromWgs84(
      { lng: 112.3 + (i % 400) * 0.0025, lat: 35.1 + Math.floor(i / 400) * 0.0028 },
      'GCJ02',
    );
    const county = String(1 + (i % 6)).padStart(2, '0');
    out.push([
      `1499${county}${String(1 + (i % 9)).padStart(2, '0')}001325${String(i).padStart(6, '0')}`,
      `点位${i}`,
      i % 7 === 0 ? '球机' : '枪机',
      '二类',
      g.lng.toFixed(7),
      g.lat.toFixed(7),
      i % 7 === 0 ? '' : i % 360,
      i % 7 === 0 ? '' : 70,
      120,
      i % 50 === 0 ? `/streams/${i}/index.m3u8` : '',
      '在线',
    ]);
  }
  return out;
}

export async function runInventoryImportBench(log: (line: string) => void = console.log): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  try {
    const pack = path.join(dir, 'pack');
    cpSync(path.join(ROOT, 'resources', 'city', 'demo'), pack, { recursive: true });
    const n = 100_000;
    const csv = path.join(dir, 'cameras.csv');
    writeFileSync(csv, Papa.unparse({ fields: HEADERS, data: rows(n) }));
    log(`# inventory import: ${n.toLocaleString('en')} cameras, GCJ-02 CSV with Chinese headers`);
    let t = performance.now();
    const first = await importInventory({ kind: 'cameras', packDir: pack, file: csv, crs: 'GCJ02' });
    const firstMs = performance.now() - t;
    if (!first.written || first.imported !== n)
      throw new Error(`expected ${n} imported, got ${first.imported} (${first.errors[0]?.reason ?? ''})`);
    log(
      `first import     ${firstMs.toFixed(0).padStart(6)} ms  (${Math.round(n / (firstMs / 1000)).toLocaleString('en')} rows/s; added ${first.summary!.added})`,
    );
    t = performance.now();
    const again = await importInventory({ kind: 'cameras', packDir: pack, file: csv, crs: 'GCJ02' });
    const againMs = performance.now() - t;
    log(`re-import        ${againMs.toFixed(0).padStart(6)} ms  (unchanged ${again.summary!.unchanged})`);

    const m = 20_000;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('cameras');
    sheet.addRow(HEADERS);
    for (const r of rows(m)) sheet.addRow(r);
    const xlsx = path.join(dir, 'cameras.xlsx');
    await book.xlsx.writeFile(xlsx);
    t = performance.now();
    const x = await importInventory({
      kind: 'cameras',
      packDir: pack,
      file: xlsx,
      crs: 'GCJ02',
      dryRun: true,
    });
    const xMs = performance.now() - t;
    log(
      `XLSX ${m.toLocaleString('en')} rows ${xMs.toFixed(0).padStart(6)} ms  (${Math.round(m / (xMs / 1000)).toLocaleString('en')} rows/s; dry run, ${x.imported} rows valid)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runInventoryImportBench();
