import type { Alert } from '../../../shared/domain/alert';
import type { DispatchServiceDeps } from './dispatchDeps';

// What is stored with a unit's dispatch row, decided when the unit is sent: its 1-3-5 tier target
// (the arrival is judged against it) and its predicted ETA (for ETA calibration).

type PredictionDeps = Pick<DispatchServiceDeps, 'repository' | 'tierFor' | 'predictEta'>;

/** The tier target of a unit about to be sent: decided now, from the unit as the ranking saw it. */
export function tierTarget(deps: PredictionDeps, alert: Alert, unitId: string): number | null {
  const unit = deps.repository.units.list().find((u) => u.id === unitId);
  return unit ? deps.tierFor(unit, alert, null).targetSeconds : null;
}

/**
 * The unit's road ETA as ranked when it is sent, its type and its route's dominant road class
 * (null ETA and class when unknown or unreachable).
 */
export function predictedArrival(
  deps: PredictionDeps,
  alert: Alert,
  unitId: string,
): { etaSeconds: number | null; unitType: string | null; roadClass: string | null } {
  const unit = deps.repository.units.list().find((u) => u.id === unitId);
  if (!unit) return { etaSeconds: null, unitType: null, roadClass: null };
  let eta: { etaSeconds: number | null; roadClass?: string | null } | null = null;
  try {
    eta = deps.predictEta?.(unit, alert) ?? null;
  } catch {
    eta = null; // a routing failure must never stop a dispatch
  }
  const etaSeconds = eta?.etaSeconds ?? null;
  return {
    etaSeconds,
    unitType: unit.type,
    roadClass: etaSeconds === null ? null : (eta?.roadClass ?? null),
  };
}
