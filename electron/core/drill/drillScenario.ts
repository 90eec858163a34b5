import type { CityPack } from '../../../shared/citypack/schema';
import type { DrillInfo } from '../../../shared/contract/drillContract';
import type { Scenario } from '../../../shared/protocol/scenario';
import { loadScenario } from '../../../node/loadScenario';

/**
 * The scenario a drill is scored against, validated like the gateway does; null outside a drill
 * or without a file. A drill scored against another scenario's file is refused.
 */
export async function loadDrillScenario(
  drill: DrillInfo | null | undefined,
  file: string | null | undefined,
  pack: CityPack,
): Promise<Scenario | null> {
  if (!drill || !file) return null;
  const scenario = await loadScenario(file, pack);
  if (scenario.id !== drill.scenarioId)
    throw new Error(`${file} is scenario "${scenario.id}", not the drill "${drill.scenarioId}"`);
  return scenario;
}
