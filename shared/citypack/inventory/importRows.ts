/**
 * The import path every inventory takes (CLI import, the demo generator, tests): map the table's
 * columns, turn each row into a pack record or errors, refuse duplicate ids. Pure; the file
 * reading, error report and atomic write live in electron/core/inventory.
 */
import { INVENTORY_COLUMNS, type InventoryKind, mapColumns } from './columns';
import { type InventoryContext, type InventoryRecord, RECORD_BUILDERS, recordId } from './records';
import { RowReader, type RowError } from './rowReader';

/** A parsed CSV/XLSX sheet (or GeoJSON features as rows): cells as text. */
export interface InventoryTable {
  headers: string[];
  /** `row` is the spreadsheet row number (header = 1). */
  rows: { row: number; cells: string[] }[];
}

export interface ImportRowsResult {
  records: InventoryRecord[];
  errors: RowError[];
  /** Rows with at least one error. */
  badRows: number;
  /** Ids named by bad rows: a re-import with --skip-bad keeps their current record instead of removing it. */
  badRowIds: Set<string>;
  /** Headers neither recognised nor mapped. */
  ignoredColumns: string[];
  /** Required fields without a column: nothing could be read. */
  missingColumns: string[];
}

export function importRows(
  kind: InventoryKind,
  table: InventoryTable,
  ctx: InventoryContext,
  overrides: ReadonlyMap<string, string> = new Map(),
  progress?: (done: number, total: number) => void,
): ImportRowsResult {
  const mapping = mapColumns(kind, table.headers, overrides);
  if (mapping.missing.length > 0) {
    const errors = mapping.missing.map((field) => ({
      row: 1,
      column: field,
      value: '',
      reason: `no column for required field "${field}"; recognised headers: ${INVENTORY_COLUMNS[kind].find((s) => s.field === field)!.headers.join(' / ')}; or --map 列名=${field}`,
    }));
    return {
      records: [],
      errors,
      badRows: 0,
      badRowIds: new Set(),
      ignoredColumns: mapping.ignored,
      missingColumns: mapping.missing,
    };
  }
  const build = RECORD_BUILDERS[kind];
  const reader = new RowReader(table.headers, mapping.byField);
  const records: InventoryRecord[] = [];
  const errors: RowError[] = [];
  const badRowIds = new Set<string>();
  const firstRowOf = new Map<string, number>();
  let badRows = 0;
  const step = Math.max(1, Math.floor(table.rows.length / 20));
  table.rows.forEach(({ row, cells }, i) => {
    if (progress && i % step === 0) progress(i, table.rows.length);
    if (cells.every((c) => c.trim() === '')) return;
    reader.reset(row, cells);
    const rec = build(reader, ctx);
    const id = reader.raw('id');
    const seen = id ? firstRowOf.get(id) : undefined;
    if (rec && seen !== undefined) reader.fail('id', `duplicate id (first on row ${seen})`);
    if (rec && reader.ok) {
      records.push(rec);
      firstRowOf.set(recordId(rec), row);
    } else {
      badRows++;
      errors.push(...reader.errors);
      if (id) badRowIds.add(id);
    }
  });
  progress?.(table.rows.length, table.rows.length);
  return { records, errors, badRows, badRowIds, ignoredColumns: mapping.ignored, missingColumns: [] };
}
