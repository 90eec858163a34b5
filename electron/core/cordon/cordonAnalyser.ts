/**
 * Where the cordon's analyses run: `CordonAnalyser` is what the service (cordonService.ts) asks;
 * the worker thread (cordonWorker.ts) is the console's, `inProcessAnalyser` the fallback when the
 * worker cannot run, and the tests'. Both run `runCordonRequest` on their own Router, so one
 * request gives the same analysis either way.
 */
import type { UnitType } from '../../../shared/domain/unit';
import { calibratedProfiles, type Router } from '../../../node/routing';
import { analyseCordon } from './analyse';
import type { CordonPack } from './cordonPack';
import type { CordonRequest } from './cordonWorkerProtocol';
import type { CordonAnalysis } from './types';
import { warmCordonCaches } from './warmUp';

export interface CordonAnalyser {
  readonly kind: 'worker' | 'in-process';
  analyse(request: CordonRequest): Promise<CordonAnalysis>;
  /** One warm-up step (warmUp.ts): the rings with no types, then one police-table weighting per type. */
  warm(types: readonly UnitType[]): Promise<number | null>;
  close(): Promise<void>;
}

export function runCordonRequest(router: Router, pack: CordonPack, request: CordonRequest): CordonAnalysis {
  return analyseCordon({
    router,
    boundaries: pack.boundaries,
    districts: pack.districts,
    checkpoints: pack.checkpoints,
    roads: pack.roads,
    incident: request.incident,
    elapsedSeconds: request.elapsedSeconds,
    suspectProfile: request.suspectProfile,
    units: request.units,
    options: request.options,
  });
}

/**
 * Keeps a worker's own Router on the routing service's calibration: the factors come with every
 * request, and the profiles are rebuilt only when they change (the host's Router is the same
 * object as the routing service's, so in-process there is nothing to do).
 */
export function profileFollower(
  router: Router,
  initial: CordonRequest['speedFactors'] = {},
): (factors: CordonRequest['speedFactors']) => void {
  const keyOf = (f: NonNullable<CordonRequest['speedFactors']>) =>
    JSON.stringify(Object.entries(f).sort(([a], [b]) => a.localeCompare(b)));
  let applied = keyOf(initial);
  return (factors = {}) => {
    const next = keyOf(factors);
    if (next === applied) return;
    router.setProfiles(calibratedProfiles(factors));
    applied = next;
  };
}

/** On the host's own event loop (the routing service's Router): blocks the host while it runs. */
export function inProcessAnalyser(router: Router, pack: CordonPack): CordonAnalyser {
  return {
    kind: 'in-process',
    analyse: async (request) => runCordonRequest(router, pack, request),
    warm: async (types) => warmCordonCaches(router, pack, types),
    close: async () => {},
  };
}
