/**
 * The cordon's first analysis on a pack pays for what depends on the pack alone: rings 2 and 3
 * and their crossings, the road-name index, the metric frame and the suspect weights (cached per
 * router / pack in staticRings.ts, crossings.ts, race.ts), the grid of piece cells that lets ring 1
 * and the crossings skip most of the graph (pieceCells.ts), the police tables of rings 2/3
 * (staticEtas.ts) and the renumbered graph of the police searches (localGraph.ts). Running one analysis at the city centre right after the pack loads moves that
 * cost off the officer's first cordon. It runs where the analyses run (cordonAnalyser.ts): in the
 * cordon's worker thread, whose Router keeps those caches, or in-process as the fallback.
 */
import type { CityPack } from '../../../shared/citypack/schema';
import type { Router } from '../../../node/routing';
import type { UnitType } from '../../../shared/domain/unit';
import { analyseCordon } from './analyse';
import { cordonPackOf, type CordonPack } from './cordonPack';
import { edgeWeights, localGraph } from './localGraph';

/** The unit types of a pack's fleet, one per police-table weighting to build. */
export const packUnitTypes = (pack: CityPack): UnitType[] => [...new Set(pack.units.map((u) => u.type))];

/**
 * One throw-away analysis at the pack's centre with one unit of each of `types` (default: every
 * type of the fleet); returns its time in ms, or null if it failed. `queueCordonWarmUp` runs it
 * with no types first, then once per type as separate tasks, so no single turn holds the host for
 * all the tables (several seconds on a 500-unit large city) when it runs in-process.
 */
export function warmCordonCaches(
  router: Router,
  from: CityPack | CordonPack,
  types?: readonly UnitType[],
): number | null {
  const pack = 'manifest' in from ? cordonPackOf(from) : from;
  const started = performance.now();
  try {
    // The police searches' renumbered graph and its weights in edge order (localGraph.ts).
    const lg = localGraph(router.graph);
    for (const w of new Set(Object.values(router.weights)))
      for (const reverse of [false, true]) edgeWeights(lg, w, reverse);
    const [lng, lat] = pack.center;
    analyseCordon({
      router,
      boundaries: pack.boundaries,
      districts: pack.districts,
      checkpoints: pack.checkpoints,
      roads: pack.roads,
      incident: { lng, lat },
      elapsedSeconds: 600,
      // One unit per type: builds the police tables of rings 2/3 (staticEtas.ts) for every profile.
      units: (types ?? pack.unitTypes).map((type) => ({
        id: `warm-${type}`,
        type,
        lng,
        lat,
        available: true,
      })),
      policeSearch: 'tables',
    });
  } catch {
    // A pack the cordon cannot analyse at its centre is reported when an officer asks; not here.
    return null;
  }
  return performance.now() - started;
}

/**
 * Queues the warm-up as separate tasks: the rings first, then the police tables one unit type per
 * task (staticEtas.ts), so no single turn holds the host for all of them when they run in-process;
 * with the worker, each task only posts its step. `onDone` is told once every step has finished
 * (failed ones included), with the steps' count and the time since the first one started.
 */
export function queueCordonWarmUp(
  add: (task: () => void) => void,
  warm: (types: readonly UnitType[]) => Promise<unknown>,
  unitTypes: readonly UnitType[],
  onDone: (steps: number, ms: number) => void = () => {},
): void {
  const steps = [[], ...unitTypes.map((t) => [t])];
  let left = steps.length;
  let started = 0;
  for (const types of steps)
    add(() => {
      started ||= performance.now();
      // A failed step is logged by the analyser; the officer's first cordon pays for it instead.
      void warm(types)
        .catch(() => {})
        .then(() => {
          if (--left === 0) onDone(steps.length, performance.now() - started);
        });
    });
}
