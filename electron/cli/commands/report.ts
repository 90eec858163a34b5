/**
 * `report --data-dir DIR --from DATE --to DATE --format html|pdf|xlsx --out FILE`: the statistics
 * report (docs/statistics.md) of a console data folder for local days FROM..TO inclusive, as the
 * view exports it. Opening the folder brings its schema up to date (the statistics summary).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, openDatabase } from '../../core/db/database';
import { StatsService, writeStatsReport } from '../../core/stats';
import { StatsReportFormatSchema } from '../../../shared/contract/statsContract';
import { requireOption, UsageError } from '../args';
import type { CliCommand } from './types';

export const reportCommand: CliCommand = {
  path: ['report'],
  usage: 'report --data-dir DIR --from YYYY-MM-DD --to YYYY-MM-DD --format html|pdf|xlsx --out FILE',
  summary:
    'statistics report (1-3-5 compliance, response and handling times, 12345 closure) of a console data folder for local days FROM..TO; PDF through headless Chromium',
  async run(args, io) {
    const dataDir = path.resolve(requireOption(args, 'data-dir'));
    const from = requireOption(args, 'from');
    const to = requireOption(args, 'to');
    const format = StatsReportFormatSchema.safeParse(requireOption(args, 'format'));
    if (!format.success) throw new UsageError('--format must be html, pdf or xlsx');
    const out = path.resolve(requireOption(args, 'out'));
    for (const [name, value] of [
      ['from', from],
      ['to', to],
    ])
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value!))
        throw new UsageError(`--${name} must be a date YYYY-MM-DD, got "${value}"`);
    if (from > to) throw new UsageError('--from must not be after --to');
    if (!existsSync(path.join(dataDir, DATABASE_FILE))) throw new Error(`no console database in ${dataDir}`);
    const db = openDatabase(dataDir);
    try {
      const result = new StatsService(db).query({ period: { kind: 'custom', from, to } });
      const file = await writeStatsReport(result, format.data, out);
      io.stdout(JSON.stringify({ file, period: result.period, kpis: result.kpis }) + '\n');
      return 0;
    } finally {
      db.close();
    }
  },
};
