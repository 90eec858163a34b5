/**
 * `import cameras|units|checkpoints|districts`: an inventory file → the pack's layer file.
 * All or nothing: a file with bad rows writes nothing (unless skipBad) and leaves a per-row
 * report FILE.errors.csv beside the input; the layer and pack.json are replaced atomically.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { InventoryKind } from '../../../shared/citypack/inventory/columns';
import { inventoryContext } from '../../../shared/citypack/inventory/context';
import { type ImportSummary, mergeInventory } from '../../../shared/citypack/inventory/diff';
import { importRows } from '../../../shared/citypack/inventory/importRows';
import type { InventoryRecord } from '../../../shared/citypack/inventory/records';
import type { RowError } from '../../../shared/citypack/inventory/rowReader';
import type { PackLayer } from '../../../shared/citypack/provenance';
import {
  BoundaryCollectionSchema,
  CityPackManifestSchema,
  DistrictCollectionSchema,
  type CityPackManifest,
} from '../../../shared/citypack/schema';
import type { Crs } from '../../../shared/domain/geo';
import { writeFileAtomic } from './atomicWrite';
import { readInventoryTable } from './readTable';

export interface ImportOptions {
  kind: InventoryKind;
  packDir: string;
  file: string;
  crs: Crs;
  /** --map: file header → field. */
  map?: ReadonlyMap<string, string>;
  dryRun?: boolean;
  skipBad?: boolean;
  /** Sets the pack's adcode when pack.json has none ("000000", as pack build writes without --adcode). */
  adcode?: string;
  now?: () => Date;
  progress?: (stage: string, done: number, total: number) => void;
}

export interface ImportOutcome {
  rows: number;
  imported: number;
  badRows: number;
  errors: RowError[];
  summary: ImportSummary | null;
  written: boolean;
  /** FILE.errors.csv when there were errors. */
  reportFile: string | null;
  ignoredColumns: string[];
  encoding?: string;
}

export const UNKNOWN_ADCODE = '000000';

function readJsonFile(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** The report beside the input: FILE.errors.csv (UTF-8 with BOM so Excel shows the Chinese). */
export function errorReportPath(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.errors.csv`);
}

function writeReport(file: string, errors: readonly RowError[]): void {
  const csv = Papa.unparse({
    fields: ['row', 'column', 'value', 'reason'],
    data: errors.map((e) => [e.row, e.column, e.value, e.reason]),
  });
  writeFileAtomic(file, `\uFEFF${csv}\n`);
}

function serializeLayer(kind: InventoryKind, records: InventoryRecord[]): string {
  if (kind === 'districts') return `${JSON.stringify({ type: 'FeatureCollection', features: records })}\n`;
  // Small rosters stay readable in a diff; the camera list (often 10⁴–10⁵) is compact.
  return `${kind === 'cameras' ? JSON.stringify(records) : JSON.stringify(records, null, 2)}\n`;
}

function existingLayer(kind: InventoryKind, file: string): InventoryRecord[] {
  if (!existsSync(file)) return [];
  const json = readJsonFile(file);
  if (kind === 'districts') return DistrictCollectionSchema.parse(json).features;
  return json as InventoryRecord[];
}

function resolveAdcode(
  raw: Record<string, unknown>,
  manifest: CityPackManifest,
  opts: ImportOptions,
): string {
  if (opts.adcode === undefined || opts.adcode === manifest.adcode) return manifest.adcode;
  if (manifest.adcode !== UNKNOWN_ADCODE)
    throw new Error(
      `--adcode ${opts.adcode} differs from the pack's adcode ${manifest.adcode}; edit pack.json if the pack's is wrong`,
    );
  raw.adcode = opts.adcode;
  return opts.adcode;
}

export async function importInventory(opts: ImportOptions): Promise<ImportOutcome> {
  const manifestFile = path.join(opts.packDir, 'pack.json');
  const rawManifest = readJsonFile(manifestFile) as Record<string, unknown>;
  const manifest = CityPackManifestSchema.parse(rawManifest);
  const adcode = resolveAdcode(rawManifest, manifest, opts);
  if (opts.kind === 'cameras' && adcode === UNKNOWN_ADCODE)
    throw new Error(
      "the pack has no adcode (pack.json says 000000): pass --adcode CODE, the city's 6-digit code; it is saved in pack.json",
    );
  const layerFile = path.join(opts.packDir, manifest.files[opts.kind]);
  const optional = <T>(file: string, parse: (j: unknown) => T, empty: T): T =>
    existsSync(file) ? parse(readJsonFile(file)) : empty;
  const ctx = inventoryContext(
    {
      manifest: { adcode, bbox: manifest.bbox },
      districts: optional(
        path.join(opts.packDir, manifest.files.districts),
        (j) => DistrictCollectionSchema.parse(j).features,
        [],
      ),
      boundaries: optional(
        path.join(opts.packDir, manifest.files.boundaries),
        (j) => BoundaryCollectionSchema.parse(j).features,
        [],
      ),
      cameras: optional(path.join(opts.packDir, manifest.files.cameras), (j) => j as { id: string }[], []),
    },
    opts.crs,
  );

  opts.progress?.('read', 0, 1);
  const { table, encoding } = await readInventoryTable(opts.file);
  const result = importRows(opts.kind, table, ctx, opts.map, (done, total) =>
    opts.progress?.('check', done, total),
  );
  const reportFile = errorReportPath(opts.file);
  const outcome: ImportOutcome = {
    rows: table.rows.length,
    imported: result.records.length,
    badRows: result.badRows,
    errors: result.errors,
    summary: null,
    written: false,
    reportFile: null,
    ignoredColumns: result.ignoredColumns,
    encoding,
  };
  if (result.errors.length > 0) {
    writeReport(reportFile, result.errors);
    outcome.reportFile = reportFile;
  } else rmSync(reportFile, { force: true }); // a stale report would contradict this clean run
  if ((result.errors.length > 0 && !opts.skipBad) || result.missingColumns.length > 0) return outcome;

  const { merged, summary } = mergeInventory(
    existingLayer(opts.kind, layerFile),
    result.records,
    result.badRowIds,
  );
  outcome.summary = summary;
  if (opts.dryRun) return outcome;
  opts.progress?.('write', 0, 1);
  writeFileAtomic(layerFile, serializeLayer(opts.kind, merged));
  const provenance = (rawManifest.provenance ?? {}) as Record<PackLayer, unknown>;
  provenance[opts.kind] = {
    source: path.basename(opts.file),
    tool: 'import',
    at: (opts.now?.() ?? new Date()).toISOString(),
    count: merged.length,
    crs: opts.crs,
    ...(result.badRows > 0 ? { skipped: result.badRows } : {}),
  };
  rawManifest.provenance = provenance;
  CityPackManifestSchema.parse(rawManifest);
  writeFileAtomic(manifestFile, `${JSON.stringify(rawManifest, null, 2)}\n`);
  outcome.written = true;
  return outcome;
}
