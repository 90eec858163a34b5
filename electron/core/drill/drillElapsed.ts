import type { Alert } from '../../../shared/domain/alert';
import type { Scenario } from '../../../shared/protocol/scenario';
import { scenarioTimeAt, type ClockSample } from '../../../shared/domain/drill/drillTime';

const MAX_ELAPSED_SECONDS = 6 * 3600;

/**
 * Drill mode: seconds since an alert's incident on the scenario clock (now − the alert's `t`),
 * for the cordon's suspect reach. At 10× the suspects get ten scenario seconds per real one, as
 * the scenario's track does; wall time since the report would understate it tenfold.
 * Null for alerts the scenario does not hold (the caller falls back to the report time).
 */
export function scenarioElapsed(
  scenario: Scenario,
  samples: () => readonly ClockSample[],
): (alert: Alert, at: number) => number | null {
  const alertT = new Map(
    scenario.events.filter((e) => e.type === 'alert').map((e) => [String(e.payload.id), e.t]),
  );
  return (alert, at) => {
    const t = alertT.get(alert.id);
    if (t === undefined) return null;
    const now = scenarioTimeAt(new Date(at).toISOString(), samples(), [{ receivedAt: alert.receivedAt, t }]);
    return now === null ? null : Math.min(MAX_ELAPSED_SECONDS, Math.max(0, Math.round(now - t)));
  };
}
