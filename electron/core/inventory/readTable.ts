/**
 * Reads an inventory file into a table of text cells: CSV (UTF-8, or GBK as Excel writes it on a
 * Chinese Windows), XLSX (first worksheet) or GeoJSON (districts: one row per feature).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { InventoryTable } from '../../../shared/citypack/inventory/importRows';

export type TableFormat = 'csv' | 'xlsx' | 'geojson';

export function tableFormatOf(file: string): TableFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  throw new Error(`${file}: unknown inventory format "${ext}" (expected .csv, .xlsx or .geojson)`);
}

/**
 * Text of a CSV: UTF-8 when it has a BOM or decodes cleanly, otherwise GB18030 (a superset of
 * GBK), which is what "Save as CSV" produces in a Chinese-locale Excel.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
  }
}

export function parseCsv(text: string): InventoryTable {
  // One line ending throughout: papaparse detects the first one it sees, and a file edited on two
  // systems (CRLF rows, one LF at the end) would otherwise leave a stray quote in the last cell.
  const parsed = Papa.parse<string[]>(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text, {
    skipEmptyLines: false,
    newline: '\n',
  });
  const [headers = [], ...rest] = parsed.data;
  return { headers: headers.map((h) => h.trim()), rows: rest.map((cells, i) => ({ row: i + 2, cells })) };
}

/** Excel keeps 15 significant digits: a 20-digit id typed into a number cell has already lost its tail. */
const EXCEL_EXACT_LIMIT = 1e15;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    return Math.abs(value) >= EXCEL_EXACT_LIMIT && Number.isInteger(value)
      ? `${value} (stored by Excel as a number and rounded: format the column as text)`
      : String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

async function readXlsx(file: string): Promise<InventoryTable> {
  // Loaded on first use (as the statistics report does): not every start pays for exceljs.
  const { default: ExcelJSModule } = await import('exceljs');
  const book = new ExcelJSModule.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error(`${file}: the workbook has no worksheet`);
  const headerRow = sheet.getRow(1);
  const width = headerRow.cellCount;
  const headers = Array.from({ length: width }, (_, i) => cellText(headerRow.getCell(i + 1).value).trim());
  const rows: InventoryTable['rows'] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    rows.push({ row: n, cells: Array.from({ length: width }, (_, i) => cellText(r.getCell(i + 1).value)) });
  });
  return { headers, rows };
}

/** GeoJSON features as rows: the properties' keys are the headers, plus `geometry` (as GeoJSON text). */
function geojsonTable(text: string, file: string): InventoryTable {
  const json = JSON.parse(text) as {
    type?: string;
    features?: { properties?: Record<string, unknown> | null; geometry?: unknown }[];
  };
  if (json.type !== 'FeatureCollection' || !Array.isArray(json.features))
    throw new Error(`${file}: expected a GeoJSON FeatureCollection`);
  const keys = [...new Set(json.features.flatMap((f) => Object.keys(f.properties ?? {})))];
  const headers = [...keys, 'geometry'];
  const rows = json.features.map((f, i) => ({
    row: i + 1,
    cells: [
      ...keys.map((k) =>
        f.properties?.[k] === undefined || f.properties?.[k] === null ? '' : String(f.properties[k]),
      ),
      f.geometry ? JSON.stringify(f.geometry) : '',
    ],
  }));
  return { headers, rows };
}

export interface ReadTableResult {
  table: InventoryTable;
  format: TableFormat;
  encoding?: 'utf-8' | 'gbk';
}

export async function readInventoryTable(file: string): Promise<ReadTableResult> {
  const format = tableFormatOf(file);
  if (format === 'xlsx') return { table: await readXlsx(file), format };
  const { text, encoding } = decodeText(await readFile(file));
  return { table: format === 'csv' ? parseCsv(text) : geojsonTable(text, file), format, encoding };
}
