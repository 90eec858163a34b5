/** `eta --pack DIR --from FILE.csv --to FILE.csv [--profile car]`: travel-time matrix as JSON. */
import { readFileSync } from 'node:fs';
import { loadPackGraph, Router, rankUnits, PROFILE_IDS, type ProfileId } from '../../../node/routing';
import { optionalOption, requireOption, UsageError } from '../args';
import type { CliCommand } from './types';

/** `lng,lat` rows (WGS84); a first row that is not numeric is taken as a header. */
export function readPointsCsv(file: string): { lng: number; lat: number }[] {
  const rows = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
  const out: { lng: number; lat: number }[] = [];
  rows.forEach((line, i) => {
    const [a, b] = line.split(/[,;\t]/).map((x) => Number(x.trim()));
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      if (i === 0) return; // header
      throw new UsageError(`${file}:${i + 1}: expected "lng,lat", got "${line}"`);
    }
    if (Math.abs(a!) > 180 || Math.abs(b!) > 90)
      throw new UsageError(`${file}:${i + 1}: coordinates out of range`);
    out.push({ lng: a!, lat: b! });
  });
  return out;
}

export const etaCommand: CliCommand = {
  path: ['eta'],
  usage: 'eta --pack DIR --from FILE.csv --to FILE.csv [--profile car|ebike|foot|special]',
  summary: 'road travel-time matrix from each --from point to each --to point (JSON on stdout)',
  async run(args, io) {
    const profile = (optionalOption(args, 'profile') ?? 'car') as ProfileId;
    if (!PROFILE_IDS.includes(profile))
      throw new UsageError(`unknown profile "${profile}" (${PROFILE_IDS.join(', ')})`);
    const from = readPointsCsv(requireOption(args, 'from'));
    const to = readPointsCsv(requireOption(args, 'to'));
    const t0 = performance.now();
    const { graph } = loadPackGraph(requireOption(args, 'pack'));
    const router = new Router(graph);
    const loadMs = performance.now() - t0;
    const t1 = performance.now();
    const units = from.map((p, i) => ({ id: String(i), type: profile, ...p }));
    const seconds: (number | null)[][] = from.map(() => []);
    const metres: (number | null)[][] = from.map(() => []);
    // One reverse search per destination serves every origin (units → alert direction).
    for (const dest of to) {
      const { results } = rankUnits(router, dest, units, { routes: 0, maxSeconds: 6 * 3600 });
      for (const r of results) {
        const i = Number(r.unitId);
        seconds[i]!.push(r.seconds === null ? null : Math.round(r.seconds * 10) / 10);
        metres[i]!.push(r.metres === null ? null : Math.round(r.metres));
      }
    }
    const queryMs = performance.now() - t1;
    io.stdout(
      JSON.stringify({
        profile,
        seconds,
        metres,
        loadMs: Math.round(loadMs * 10) / 10,
        queryMs: Math.round(queryMs * 10) / 10,
      }) + '\n',
    );
    return 0;
  },
};
