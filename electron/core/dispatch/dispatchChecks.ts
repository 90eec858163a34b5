import type { ConsoleRepository } from '../db/consoleRepository';
import { isLegal } from '../../../shared/domain/lifecycle';
import type { AlertStepStore } from './alertStepStore';
import type { SeatHooks } from './dispatchDeps';
import { requireAlert } from './dispatchQueries';

// Checks a step must pass before anything is stored: they throw the reason the operator sees.

/** Every unit known, not another seat's, and available. */
export function requireAvailableUnits(
  deps: { repository: ConsoleRepository; seats?: SeatHooks },
  unitIds: readonly string[],
  alertId: string,
): void {
  const units = new Map(deps.repository.units.list().map((u) => [u.id, u]));
  for (const id of unitIds) {
    const unit = units.get(id);
    if (!unit) throw new Error(`unknown unit ${id}`);
    // Another seat's unit: refused with who has it and where (a reassignment takes it explicitly).
    const foreign = deps.seats?.foreignCommitment(id, alertId);
    if (foreign) throw new Error(foreign);
    if (unit.status !== 'available')
      throw new Error(`unit ${unit.callsign} is ${unit.status}, not available`);
  }
}

/** The alert a duplicate merges into exists and is still open work. */
export function requireMergeTarget(
  repository: ConsoleRepository,
  steps: AlertStepStore,
  alertId: string,
  intoAlertId: string,
): void {
  requireAlert(repository, intoAlertId);
  const target = steps.lifecycle(intoAlertId)!;
  // The survivor takes over the duplicate's units and callers, so it must still be open work.
  if (!isLegal(target.status, 'dispatch'))
    throw new Error(`cannot merge ${alertId} into ${intoAlertId}: it is ${target.status.replace(/_/g, ' ')}`);
}
