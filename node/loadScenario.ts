import { readFile } from 'node:fs/promises';
import type { CityPack } from '../shared/citypack/schema';
import type { Scenario } from '../shared/protocol/scenario';
import { parseScenario, ScenarioError } from '../shared/scenario/scenarioFile';

/** Reads a scenario file and checks it against the city pack (shared/scenario/scenarioFile.ts). */
export async function loadScenario(file: string, pack: CityPack): Promise<Scenario> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ScenarioError(file, [`cannot read JSON (${(err as Error).message})`]);
  }
  return parseScenario(raw, pack, file);
}
