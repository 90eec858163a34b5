/**
 * `drill record --data-dir DIR --from ISO --to ISO --out FILE.json [--id ID] [--pack DIR]`: turns
 * a stretch of a console session into a drill scenario (docs/scenario.md), validated against the
 * city pack before it is written. The database is opened read-only: recording never changes it.
 */
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_FILE } from '../../core/db/database';
import { DEMO_PACK_RELATIVE, loadCityPack } from '../../../node/citypack/loadCityPack';
import { findAppRoot } from '../../../node/paths';
import { recordScenario } from '../../core/drill/scenarioRecorder';
import { checkScenario } from '../../../shared/scenario/scenarioFile';
import { optionalOption, requireOption, UsageError } from '../args';
import type { CliCommand } from './types';

export const drillRecordCommand: CliCommand = {
  path: ['drill', 'record'],
  usage: 'drill record --data-dir DIR --from ISO --to ISO --out FILE.json [--id ID] [--pack DIR]',
  summary:
    'record a stretch of a console session (alerts, unit and camera status, dispatches as expected actions) as a drill scenario',
  async run(args, io) {
    const database = path.resolve(requireOption(args, 'data-dir'), DATABASE_FILE);
    if (!existsSync(database)) throw new UsageError(`no console database at ${database}`);
    const out = path.resolve(requireOption(args, 'out'));
    const from = requireOption(args, 'from');
    const to = requireOption(args, 'to');
    const id = optionalOption(args, 'id') ?? `recorded-${from.slice(0, 19).replace(/[^0-9]/g, '')}`;
    if (!/^[a-z0-9-]+$/.test(id)) throw new UsageError(`--id must be [a-z0-9-]+, got "${id}"`);
    const packDir = path.resolve(
      optionalOption(args, 'pack') ??
        path.join(findAppRoot(path.dirname(fileURLToPath(import.meta.url))), DEMO_PACK_RELATIVE),
    );
    const db = new Database(database, { readonly: true, fileMustExist: true });
    let scenario;
    try {
      scenario = recordScenario(db, { from, to, id });
    } finally {
      db.close();
    }
    // Written only when the drill gateway would load it.
    checkScenario(scenario, await loadCityPack(packDir), out);
    writeFileSync(out, JSON.stringify(scenario, null, 1) + '\n');
    const alerts = scenario.events.filter((e) => e.type === 'alert').length;
    io.stdout(
      JSON.stringify({
        out,
        id,
        events: scenario.events.length,
        alerts,
        expectedDispatches: scenario.expected?.dispatches.length ?? 0,
        durationSec: scenario.durationSec,
      }) + '\n',
    );
    return 0;
  },
};
