import type {
  AlertHistory,
  MergedAlertViewResult,
  ShiftSummary,
  TransferredCase,
} from '../../../shared/contract/dispatchContract';
import type { Alert } from '../../../shared/domain/alert';
import type { UnitPosition, UnitStatusReport } from '../../../shared/domain/unit';
import {
  checkPermission,
  isLegal,
  transition,
  type LifecycleAction,
  type LifecycleEvent,
  type DuplicateSuggestion,
} from '../../../shared/domain/lifecycle';
import { AlertStepStore } from './alertStepStore';
import type { DispatchServiceDeps } from './dispatchDeps';
import { predictedArrival, tierTarget } from './dispatchPrediction';
import { requireAvailableUnits, requireMergeTarget } from './dispatchChecks';
import { DispatchQueries, requireAlert } from './dispatchQueries';
import { UnitArrivals } from './unitArrivals';

/** A step on an alert that changes no status (supportStep): e.g. `cordon.reinforce`, `cordon.checkpoint`. */
export interface SupportStep {
  action: string;
  note: string;
  data: Record<string, unknown>;
  /** Units sent to points other than the alert, each as one `unit.assign` with the point as target. */
  units?: readonly { unitId: string; lng: number; lat: number }[];
}

/**
 * The closed loop 接警 → 派警 → 到场 → 处置 → 反馈 → 结案: every step checked against the
 * operator's role and the lifecycle state machine, stored with its time and operator, written
 * to the hash-chained audit log, and turned into gateway commands through the outbox, all in
 * one transaction.
 */
export class DispatchService {
  private readonly steps: AlertStepStore;
  private readonly now: () => Date;
  private readonly queries: DispatchQueries;
  private readonly arrivals: UnitArrivals;

  constructor(private readonly deps: DispatchServiceDeps) {
    this.steps = new AlertStepStore(deps.db);
    this.now = deps.now ?? (() => new Date());
    this.queries = new DispatchQueries({ ...deps, steps: this.steps, now: this.now });
    this.arrivals = new UnitArrivals({
      ...deps,
      steps: this.steps,
      isForeign: (alertId) => this.deps.seats?.isForeign(alertId) ?? false,
      apply: (alert, action, operator, at) => void this.apply(alert, action, operator, at),
    });
  }

  /**
   * `confirmedBy`: a supervisor whose credentials were just checked at the seat for this step
   * (a trainee's dispatch on a live alert); stored with the step and its audit entry.
   */
  act(
    alertId: string,
    action: LifecycleAction,
    confirmedBy?: string,
    options: { reassign?: boolean } = {},
  ): Alert {
    const operator = this.deps.session.require();
    const alert = this.requireAlert(alertId);
    const state = this.steps.lifecycle(alertId)!;
    const permission = checkPermission(operator.role, action.type, {
      status: state.status,
      drill: Boolean(this.deps.drill),
      supervisorConfirmed: confirmedBy !== undefined,
    });
    if (!permission.ok) throw new Error(permission.reason);
    const confirmation =
      confirmedBy !== undefined &&
      checkPermission(operator.role, action.type, { status: state.status, drill: Boolean(this.deps.drill) })
        .ok === false
        ? { confirmedBy }
        : {};
    if (action.type === 'merge')
      requireMergeTarget(this.deps.repository, this.steps, alertId, action.intoAlertId);
    // Units already on this alert stay busy with it; only the newly sent ones must be free.
    const sending =
      action.type === 'dispatch' || action.type === 'reassign'
        ? action.unitIds.filter((u) => !state.unitIds.includes(u))
        : [];
    // A unit another seat committed goes only by an explicit reassignment, audited with the step.
    const taken = options.reassign
      ? sending.filter((u) => this.deps.seats?.foreignCommitment(u, alertId))
      : [];
    requireAvailableUnits(
      this.deps,
      sending.filter((u) => !taken.includes(u)),
      alertId,
    );
    if (taken.length) {
      let updated = alert;
      this.deps.db.transaction(() => {
        for (const unitId of taken) this.deps.seats!.auditReassignment(operator.username, unitId, alertId);
        updated = this.apply(alert, action, operator.username, undefined, {
          reassignedFromSeats: taken,
          ...confirmation,
        });
      })();
      return updated;
    }
    if (action.type === 'arrive') {
      // An officer's "on scene" closes the unit's dispatch row as a reported arrival would.
      const at = this.now().toISOString();
      let updated = alert;
      this.deps.db.transaction(() => {
        updated = this.apply(alert, action, operator.username, at);
        this.arrivals.closeDispatch(alert, action.unitId, at);
      })();
      return updated;
    }
    const context =
      (action.type === 'dispatch' || action.type === 'reassign') && this.deps.dispatchContext
        ? this.deps.dispatchContext(alert, action.unitIds)
        : null;
    const updated = this.apply(alert, action, operator.username, undefined, { ...context, ...confirmation });
    // The survivor now shows the duplicate's callers and reports, units moved or not.
    if (action.type === 'merge') this.deps.emit('alerts.historyChanged', { alertId: action.intoAlertId });
    return updated;
  }

  /** Unit status from the feed: departure and arrival of dispatched units, recorded as system steps. */
  onUnitStatus(reports: readonly UnitStatusReport[]): void {
    this.arrivals.onUnitStatus(reports);
  }

  /** Arrival detected from live positions, for units that never report "on scene" (UnitArrivals). */
  onPositions(positions: readonly UnitPosition[]): void {
    this.arrivals.onPositions(positions);
  }

  /**
   * A step on an open alert that changes no status, such as the cordon's (docs/cordon.md):
   * `units` go to points other than the alert (crossings) as `unit.assign` with the point as
   * target, as reinforcement outside the alert's lifecycle (no arrival, no 1-3-5 tier). Checked
   * like a dispatch (operator's permission, alert open, units available), audited as
   * `alert.<action>` and shown in the alert's timeline, all in one transaction.
   */
  supportStep(alertId: string, step: SupportStep): { at: string; operator: string; commandIds: string[] } {
    const operator = this.deps.session.require();
    this.requireAlert(alertId);
    const state = this.steps.lifecycle(alertId)!;
    const permission = checkPermission(operator.role, 'dispatch', {
      status: state.status,
      drill: Boolean(this.deps.drill),
    });
    if (!permission.ok) throw new Error(permission.reason);
    if (!isLegal(state.status, 'dispatch')) throw new Error(`alert ${alertId} is ${state.status}`);
    const units = step.units ?? [];
    requireAvailableUnits(
      this.deps,
      units.map((u) => u.unitId),
      alertId,
    );
    const at = this.now().toISOString();
    const commandIds: string[] = [];
    this.deps.db.transaction(() => {
      for (const u of units)
        commandIds.push(
          this.deps.outbox.enqueue({
            kind: 'unit.assign',
            payload: {
              unitId: u.unitId,
              alertId,
              lng: u.lng,
              lat: u.lat,
              ...this.deps.seats?.assignExtras(u.unitId, alertId),
            },
          }).commandId,
        );
      const data = {
        ...step.data,
        ...(units.length ? { commandIds } : {}),
        ...(this.deps.drill ? { mode: this.deps.drill } : {}),
      };
      // Not a lifecycle action: the status stays, the step is stored and audited like one.
      const event = {
        at,
        operator: operator.username,
        from: state.status,
        to: state.status,
        action: step.action as LifecycleEvent['action'],
        note: step.note,
        data,
      };
      this.steps.save(alertId, state, event);
      this.deps.audit.appendLifecycleEvent(alertId, event);
    })();
    if (units.length) this.deps.kick();
    this.deps.emit('alerts.historyChanged', { alertId });
    return { at, operator: operator.username, commandIds };
  }

  history(alertId: string): AlertHistory {
    return this.queries.history(alertId);
  }

  duplicates(alertId: string): DuplicateSuggestion[] {
    return this.queries.duplicates(alertId);
  }

  /** Today's shift (the console's local day): alerts received since midnight. */
  shiftSummary(): ShiftSummary {
    return this.queries.shiftSummary();
  }

  /** Cases handed over (分流) and waiting for feedback, the soonest due first, overdue ones flagged. */
  transferred(): TransferredCase[] {
    return this.queries.transferred();
  }

  /** The alert with every duplicate merged into it: all callers and all reports. */
  merged(alertId: string): MergedAlertViewResult {
    return this.queries.merged(alertId);
  }

  private apply(
    alert: Alert,
    action: LifecycleAction,
    operator: string,
    at = this.now().toISOString(),
    extraData: Record<string, unknown> = {},
  ): Alert {
    const { db, outbox, audit, emit } = this.deps;
    const state = this.steps.lifecycle(alert.id)!;
    const result = transition(state, action, { at, operator });
    if (!result.ok) throw new Error(result.error.message);
    const { next } = result;
    // In a drill every step says so, in the alert's history and in the audit log.
    const extra = { ...extraData, ...(this.deps.drill ? { mode: this.deps.drill } : {}) };
    const event = Object.keys(extra).length
      ? { ...result.event, data: { ...result.event.data, ...extra } }
      : result.event;
    const sent = next.unitIds.filter((u) => !state.unitIds.includes(u));
    const predicted = new Map(sent.map((unitId) => [unitId, predictedArrival(this.deps, alert, unitId)]));
    db.transaction(() => {
      this.steps.save(alert.id, next, event);
      audit.appendLifecycleEvent(alert.id, event);
      // Every seat sees the step (and the claim it implies) before the units it sends.
      this.deps.seats?.stepTaken(alert.id, event, next.unitIds);
      for (const unitId of sent) {
        const command = outbox.enqueue({
          kind: 'unit.assign',
          payload: {
            unitId,
            alertId: alert.id,
            lng: alert.position.lng,
            lat: alert.position.lat,
            ...this.deps.seats?.assignExtras(unitId, alert.id),
          },
        });
        this.steps.recordDispatch(
          alert.id,
          unitId,
          at,
          command.commandId,
          tierTarget(this.deps, alert, unitId),
          predicted.get(unitId),
        );
      }
      // Units leave the alert when they are released, or when the job on scene is done.
      const released =
        action.type === 'resolve' ? state.unitIds : state.unitIds.filter((u) => !next.unitIds.includes(u));
      if (action.type === 'merge') this.moveUnits(alert, action.intoAlertId, released, operator, at);
      else for (const unitId of released) outbox.enqueue({ kind: 'unit.recall', payload: { unitId } });
    })();
    this.deps.kick();
    const updated = this.deps.repository.alerts.get(alert.id)!;
    emit('alerts.upserted', [updated]);
    emit('alerts.historyChanged', { alertId: alert.id });
    return updated;
  }

  /**
   * Merging moves the duplicate's units to the surviving alert instead of recalling them: they
   * are going to the same incident. Each becomes a dispatch there (a fresh unit.assign names the
   * surviving alert, so the unit's later status reports land on it). Inside apply's transaction.
   */
  private moveUnits(
    from: Alert,
    intoAlertId: string,
    unitIds: readonly string[],
    operator: string,
    at: string,
  ): void {
    const target = this.requireAlert(intoAlertId);
    const moving = unitIds.filter((u) => !this.steps.lifecycle(intoAlertId)!.unitIds.includes(u));
    if (moving.length)
      this.apply(target, { type: 'dispatch', unitIds: moving }, operator, at, { mergedFrom: from.id });
  }

  private requireAlert(alertId: string): Alert {
    return requireAlert(this.deps.repository, alertId);
  }
}
