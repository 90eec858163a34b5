/**
 * `import cameras|units|checkpoints|districts --pack DIR --file FILE [--crs …] [--map 列名=field …]
 * [--adcode CODE] [--dry-run] [--skip-bad]`: a command centre's inventory export → the pack.
 */
import { INVENTORY_KINDS, type InventoryKind } from '../../../shared/citypack/inventory/columns';
import type { Crs } from '../../../shared/domain/geo';
import { importInventory } from '../../core/inventory/importToPack';
import { optionalOption, requireOption, UsageError } from '../args';
import type { CliCommand } from './types';

const CRS_OPTIONS: Readonly<Record<string, Crs>> = {
  wgs84: 'WGS84',
  gcj02: 'GCJ02',
  bd09: 'BD09',
  cgcs2000: 'CGCS2000',
};
/** Errors echoed on stderr; the full list is in the report file. */
const SHOWN_ERRORS = 10;

function parseMap(values: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of values.flatMap((v) => v.split(','))) {
    const eq = entry.lastIndexOf('=');
    if (eq <= 0 || eq === entry.length - 1) throw new UsageError(`--map expects 列名=field, got "${entry}"`);
    map.set(entry.slice(0, eq).trim(), entry.slice(eq + 1).trim());
  }
  return map;
}

export const importCommand: CliCommand = {
  path: ['import'],
  usage:
    'import cameras|units|checkpoints|districts --pack DIR --file FILE.csv|FILE.xlsx|FILE.geojson [--crs wgs84|gcj02|bd09|cgcs2000] [--map 列名=field …] [--adcode CODE] [--dry-run] [--skip-bad]',
  summary:
    'import an inventory (device list, unit roster, checkpoint register, patrol districts) into a city pack; FILE.errors.csv lists bad rows',
  async run(args, io) {
    const kind = args.positionals[0] as InventoryKind | undefined;
    if (!kind || !INVENTORY_KINDS.includes(kind))
      throw new UsageError(`import what? one of ${INVENTORY_KINDS.join(', ')}`);
    const crsName = (optionalOption(args, 'crs') ?? 'wgs84').toLowerCase();
    const crs = CRS_OPTIONS[crsName];
    if (!crs)
      throw new UsageError(`--crs must be one of ${Object.keys(CRS_OPTIONS).join(', ')}, got "${crsName}"`);
    const adcode = optionalOption(args, 'adcode');
    if (adcode !== undefined && !/^\d{6}$/.test(adcode))
      throw new UsageError(`--adcode must be 6 digits, got "${adcode}"`);
    const t0 = performance.now();
    let shown = '';
    let map: Map<string, string>;
    try {
      map = parseMap(args.repeated.get('map') ?? []);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const out = await importInventory({
      kind,
      packDir: requireOption(args, 'pack'),
      file: requireOption(args, 'file'),
      crs,
      map,
      adcode,
      dryRun: args.options.has('dry-run'),
      skipBad: args.options.has('skip-bad'),
      progress: (stage, done, total) => {
        const line = `${stage} ${total ? 10 * Math.floor((10 * done) / total) : 0}%`;
        if (line !== shown) io.stderr(`[import ${kind}] ${line}\n`);
        shown = line;
      },
    });
    const ms = Math.round(performance.now() - t0);
    if (out.encoding === 'gbk') io.stderr(`[import ${kind}] the file is not UTF-8: read as GBK\n`);
    if (out.ignoredColumns.length)
      io.stderr(
        `[import ${kind}] columns ignored (not recognised; --map 列名=field to use one): ${out.ignoredColumns.join(', ')}\n`,
      );
    for (const e of out.errors.slice(0, SHOWN_ERRORS))
      io.stderr(`  row ${e.row}, ${e.column} = "${e.value}": ${e.reason}\n`);
    if (out.errors.length > SHOWN_ERRORS) io.stderr(`  … ${out.errors.length - SHOWN_ERRORS} more\n`);
    if (out.reportFile)
      io.stderr(`[import ${kind}] ${out.errors.length} errors in ${out.badRows} rows → ${out.reportFile}\n`);
    const s = out.summary;
    const counts = s
      ? `added ${s.added}, changed ${s.changed}, removed ${s.removed}, unchanged ${s.unchanged}${s.kept ? `, kept ${s.kept} (bad rows)` : ''}`
      : 'nothing merged';
    const verdict = out.written
      ? 'written'
      : s
        ? 'dry run, nothing written'
        : out.errors.length
          ? 'nothing written (fix the rows or pass --skip-bad)'
          : 'nothing written';
    io.stdout(
      `${JSON.stringify({ kind, rows: out.rows, imported: out.imported, badRows: out.badRows, ...s, written: out.written, report: out.reportFile, ms })}\n`,
    );
    io.stderr(`[import ${kind}] ${out.rows} rows in ${ms} ms: ${counts}; ${verdict}\n`);
    // Exit 1 when bad rows stopped the import (a script must notice); skipped rows are reported only.
    return out.errors.length > 0 && !(s && args.options.has('skip-bad')) ? 1 : 0;
  },
};
