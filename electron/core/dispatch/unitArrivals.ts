import type { Db } from '../db/database';
import type { ConsoleRepository } from '../db/consoleRepository';
import type { EventSink } from '../../../shared/contract/bridge';
import type { Alert } from '../../../shared/domain/alert';
import type { UnitPosition, UnitStatusReport } from '../../../shared/domain/unit';
import { haversineMeters } from '../../../shared/domain/geo';
import type { LifecycleAction } from '../../../shared/domain/lifecycle';
import { judgeAgainstTarget } from '../../../node/routing';
import type { AlertStepStore } from './alertStepStore';
import { requireAlert } from './dispatchQueries';

/** A unit this close to its alert has arrived, even if nobody pressed "on scene". */
const ARRIVAL_RADIUS_M = 60;
/** Statuses in which an assigned unit can still arrive (reinforcement arrives after the first). */
const ARRIVING: readonly string[] = ['dispatched', 'en_route', 'on_scene'];

export interface UnitArrivalsDeps {
  db: Db;
  repository: ConsoleRepository;
  steps: AlertStepStore;
  emit: EventSink;
  /** Another seat owns the alert: its reported arrivals are that seat's to record. */
  isForeign: (alertId: string) => boolean;
  /** Takes a lifecycle step as the system (DispatchService's own, with its outbox and audit). */
  apply: (alert: Alert, action: LifecycleAction, operator: string, at: string) => void;
}

/**
 * Departure and arrival of dispatched units, from the feed's status reports and live positions,
 * recorded as system steps; an arrival stamps the unit's dispatch row with its response time and
 * its 1-3-5 tier verdict.
 */
export class UnitArrivals {
  constructor(private readonly deps: UnitArrivalsDeps) {}

  /** Unit status from the feed: departure and arrival of dispatched units, recorded as system steps. */
  onUnitStatus(reports: readonly UnitStatusReport[]): void {
    const { steps, repository, isForeign, apply } = this.deps;
    for (const r of reports) {
      if (!r.alertId || isForeign(r.alertId)) continue;
      const state = steps.lifecycle(r.alertId);
      if (!state || !state.unitIds.includes(r.unitId)) continue;
      if (r.status === 'en_route' && state.status === 'dispatched')
        apply(requireAlert(repository, r.alertId), { type: 'depart', unitId: r.unitId }, 'system:avl', r.at);
      if (r.status === 'on_scene') this.recordArrival(r.alertId, r.unitId, r.at);
    }
  }

  /**
   * Arrival detected from live positions, for units that never report "on scene": every unit
   * still expected on an open alert, the first one and reinforcement arriving after it alike.
   */
  onPositions(positions: readonly UnitPosition[]): void {
    if (positions.length === 0) return;
    const byUnit = new Map(positions.map((p) => [p.unitId, p]));
    for (const { alertId, unitId } of this.deps.steps.activeAssignments()) {
      const p = byUnit.get(unitId);
      if (!p || this.deps.isForeign(alertId)) continue;
      const alert = this.deps.repository.alerts.get(alertId);
      if (alert && haversineMeters(p, alert.position) <= ARRIVAL_RADIUS_M)
        this.recordArrival(alertId, unitId, p.at);
    }
  }

  /** Stamps the unit's open dispatch with its arrival, response time and tier verdict; false if none was open. */
  closeDispatch(alert: Alert, unitId: string, at: string): boolean {
    const open = this.deps.steps.openDispatch(alert.id, unitId);
    if (!open) return false;
    const seconds = Math.max(0, (Date.parse(at) - Date.parse(alert.receivedAt)) / 1000);
    this.deps.steps.recordArrival(
      open.id,
      at,
      seconds,
      judgeAgainstTarget(open.tierTargetSeconds, seconds).met,
    );
    return true;
  }

  private recordArrival(alertId: string, unitId: string, at: string): void {
    const { steps, repository, db, apply, emit } = this.deps;
    const state = steps.lifecycle(alertId);
    if (!state || !state.unitIds.includes(unitId) || !ARRIVING.includes(state.status)) return;
    const alert = requireAlert(repository, alertId);
    let recorded = false;
    db.transaction(() => {
      recorded = this.closeDispatch(alert, unitId, at);
      if (recorded && state.status !== 'on_scene') apply(alert, { type: 'arrive', unitId }, 'system:avl', at);
    })();
    // Positions repeat every few seconds: only a new arrival is news.
    if (recorded) emit('alerts.historyChanged', { alertId });
  }
}
