/** Everything the generator writes, as file contents keyed by path relative to the repository root. */
import { SEED, generateCity, serialize } from './pack';
import { generateScenario } from './scenario';
import { INVENTORY_DIR } from './inventory';

export const CITY_DIR = 'resources/city/demo';
export const SCENARIO_PATH = 'resources/drills/demo-evening.json';

export function generateAll(seed = SEED): Record<string, string> {
  const city = generateCity(seed);
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(serialize(city.files))) out[`${CITY_DIR}/${name}`] = text;
  for (const [name, text] of Object.entries(city.inventoryFiles)) out[`${INVENTORY_DIR}/${name}`] = text;
  out[SCENARIO_PATH] = `${JSON.stringify(generateScenario(city, seed), null, 1)}\n`;
  return out;
}
