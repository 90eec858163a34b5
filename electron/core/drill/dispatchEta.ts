import type { Alert } from '../../../shared/domain/alert';
import type { Unit } from '../../../shared/domain/unit';
import type { NearbyRanking } from '../routing/routingService';

/** What a drill dispatch step stores about the choice (alert_events.data.eta), read by the scoring. */
export interface DispatchEtaFacts {
  chosenUnitId: string;
  chosenEtaSeconds: number | null;
  bestUnitId: string | null;
  bestEtaSeconds: number | null;
}

/**
 * The chosen unit's road ETA against the best available unit's, ranked by the routing service at
 * the moment of dispatch (the choice is judged on what the trainee could see then, not later).
 */
export function dispatchEtaFacts(
  rank: (alert: Alert, units: readonly Unit[], limit: number) => NearbyRanking,
  units: readonly Unit[],
  alert: Alert,
  unitIds: readonly string[],
): { eta: DispatchEtaFacts } | null {
  const chosenUnitId = unitIds[0];
  if (!chosenUnitId) return null;
  const ranked = rank(alert, units, units.length).units;
  const best = ranked.find((r) => r.etaSeconds !== null) ?? null;
  const chosen = ranked.find((r) => r.unit.id === chosenUnitId) ?? null;
  return {
    eta: {
      chosenUnitId,
      chosenEtaSeconds: chosen?.etaSeconds ?? null,
      bestUnitId: best?.unit.id ?? null,
      bestEtaSeconds: best?.etaSeconds ?? null,
    },
  };
}
