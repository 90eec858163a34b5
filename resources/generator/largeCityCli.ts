/**
 * `npm run city:generate -- --cameras 65000 --units 500 --out DIR`: writes the large synthetic
 * city pack (largeCity.ts) to DIR, with the demo scenario re-targeted at it (scenario.json). Without flags the generator writes the demo city as before.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serialize } from './pack';
import { generateLargeCity, LARGE_GRID_HALF_M, LARGE_GRID_SPACING_M } from './largeCity';

const positiveInt = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive whole number, got "${text}"`);
  return n;
};

/** The drill scenario written beside the pack: `npm run gateway -- --pack DIR --scenario DIR/scenario.json`. */
export const SCENARIO_FILE = 'scenario.json';

/** Returns false when there are no flags (the caller then writes the demo city). */
export async function runLargeCityCli(argv: readonly string[]): Promise<boolean> {
  if (argv.length === 0) return false;
  const { values } = parseArgs({
    args: [...argv],
    options: {
      cameras: { type: 'string' },
      units: { type: 'string' },
      out: { type: 'string' },
      'grid-half': { type: 'string' },
      'grid-spacing': { type: 'string' },
    },
    strict: true,
  });
  if (!values.out)
    throw new Error(
      '--out DIR is required with --cameras/--units (the demo pack in resources/ is never overwritten by a large city)',
    );
  const started = performance.now();
  const city = generateLargeCity({
    cameras: positiveInt('cameras', values.cameras, 65_000),
    units: positiveInt('units', values.units, 500),
    gridHalfM: positiveInt('grid-half', values['grid-half'], LARGE_GRID_HALF_M),
    gridSpacingM: positiveInt('grid-spacing', values['grid-spacing'], LARGE_GRID_SPACING_M),
  });
  const out = path.resolve(values.out);
  await mkdir(out, { recursive: true });
  let total = 0;
  for (const [name, text] of Object.entries(serialize(city.files))) {
    await writeFile(path.join(out, name), text, 'utf8');
    total += Buffer.byteLength(text, 'utf8');
  }
  await writeFile(path.join(out, SCENARIO_FILE), `${JSON.stringify(city.scenario, null, 1)}\n`, 'utf8');
  const s = city.stats;
  console.log(
    `large city → ${out}: ${s.roadFeatures} road features (${s.gridStreets} grid streets), ${s.cameras} cameras, ${s.units} units, ${(total / 1024 / 1024).toFixed(1)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return true;
}
