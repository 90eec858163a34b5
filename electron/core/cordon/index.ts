/**
 * Three-ring containment cordon (三层查控圈) — pure Node. See docs/cordon.md.
 *
 *   const analysis = analyseCordon({ router, boundaries, checkpoints, roads, incident, elapsedSeconds,
 *                                    suspectProfile: 'car', units, options });
 */
export { analyseCordon, type CordonInput, type CordonUnit } from './analyse';
export { assignUnits, type AssignProblem } from './assign';
export * from './types';
export { createCordonService } from './cordonService';
export { packUnitTypes, queueCordonWarmUp, warmCordonCaches } from './warmUp';
export { cordonPackOf, type CordonPack } from './cordonPack';
export { inProcessAnalyser, type CordonAnalyser } from './cordonAnalyser';
export {
  startCordonWorker,
  type CordonWorkerAnalyser,
  type CordonWorkerOptions,
  type CordonWorkerState,
} from './cordonWorker';
export type { CordonRequest } from './cordonWorkerProtocol';
