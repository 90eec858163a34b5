import type { Db } from '../db/database';
import type { ConsoleRepository } from '../db/consoleRepository';
import type { AuditLog } from '../audit/auditLog';
import type { CommandOutbox } from '../outbox/commandOutbox';
import type { EventSink } from '../../../shared/contract/bridge';
import type {
  AlertHistory,
  MergedAlertViewResult,
  ShiftSummary,
  TransferredCase,
} from '../../../shared/contract/dispatchContract';
import type { Alert } from '../../../shared/domain/alert';
import type { Unit, UnitPosition, UnitStatusReport } from '../../../shared/domain/unit';
import { haversineMeters } from '../../../shared/domain/geo';
import {
  checkPermission,
  isLegal,
  isTransferOverdue,
  mergedView,
  responseTimeSeconds,
  suggestDuplicates,
  transition,
  type LifecycleAction,
  type LifecycleEvent,
  type DuplicateSuggestion,
} from '../../../shared/domain/lifecycle';
import { judgeAgainstTarget } from '../../../node/routing';
import { AlertStepStore } from './alertStepStore';
import { localDayStart, summariseShift } from './shiftSummary';
import type { OperatorSession } from './operatorSession';

/** Protocol 2 (electron/core/seats/seatService.ts): what the loop asks of the seats' arbitration. */
export interface SeatHooks {
  /** Inside the step's transaction: the step goes to every seat. */
  stepTaken(alertId: string, event: LifecycleEvent, unitIds: readonly string[]): void;
  /** Extra fields of a `unit.assign` (sender; `reassign` when it takes another seat's unit). */
  assignExtras(unitId: string, alertId: string): Record<string, unknown>;
  /** Why the unit is another seat's (committed to another alert), or null. */
  foreignCommitment(unitId: string, alertId: string): string | null;
  auditReassignment(operator: string, unitId: string, alertId: string): void;
  /** Another seat owns the alert: its reported arrivals are that seat's to record. */
  isForeign(alertId: string): boolean;
}

/** A step on an alert that changes no status (supportStep): e.g. `cordon.reinforce`, `cordon.checkpoint`. */
export interface SupportStep {
  action: string;
  note: string;
  data: Record<string, unknown>;
  /** Units sent to points other than the alert, each as one `unit.assign` with the point as target. */
  units?: readonly { unitId: string; lng: number; lat: number }[];
}

/** A unit this close to its alert has arrived, even if nobody pressed "on scene". */
const ARRIVAL_RADIUS_M = 60;
/** Statuses in which an assigned unit can still arrive (reinforcement arrives after the first). */
const ARRIVING: readonly string[] = ['dispatched', 'en_route', 'on_scene'];

export interface DispatchServiceDeps {
  db: Db;
  repository: ConsoleRepository;
  audit: AuditLog;
  outbox: CommandOutbox;
  session: OperatorSession;
  emit: EventSink;
  /** Nudges the outbox dispatcher after a commit. */
  kick: () => void;
  /**
   * The 1/3/5 tier of this unit on this alert (the routing service's `tierFor`, the one that
   * ranked it). Asked when the unit is sent, as it stands then (at its post or not), so the
   * target stored is the one the officer saw on the badge; the arrival is judged against it.
   */
  tierFor: (unit: Unit, alert: Alert, etaSeconds: number | null) => { targetSeconds: number | null };
  now?: () => Date;
  /** Drill mode (`drill:<scenario-id>`), or null/absent for live work. */
  drill?: string | null;
  /**
   * Extra facts stored with a dispatch step, taken just before the units are sent (drills: the
   * chosen unit's ETA against the best available one, for scoring after the fact).
   */
  dispatchContext?: (alert: Alert, unitIds: readonly string[]) => Record<string, unknown> | null;
  /** Many seats (protocol 2); absent: a seat on its own, as before. */
  seats?: SeatHooks;
  /**
   * The road ETA of this unit to this alert as ranked now, and the road class covering most of its
   * route (both stored with the dispatch for ETA calibration); null when unknown.
   */
  predictEta?: (unit: Unit, alert: Alert) => { etaSeconds: number | null; roadClass?: string | null } | null;
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

  constructor(private readonly deps: DispatchServiceDeps) {
    this.steps = new AlertStepStore(deps.db);
    this.now = deps.now ?? (() => new Date());
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
    if (action.type === 'merge') this.requireMergeTarget(alertId, action.intoAlertId);
    // Units already on this alert stay busy with it; only the newly sent ones must be free.
    const sending =
      action.type === 'dispatch' || action.type === 'reassign'
        ? action.unitIds.filter((u) => !state.unitIds.includes(u))
        : [];
    // A unit another seat committed goes only by an explicit reassignment, audited with the step.
    const taken = options.reassign
      ? sending.filter((u) => this.deps.seats?.foreignCommitment(u, alertId))
      : [];
    this.requireAvailableUnits(
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
        this.closeDispatch(alert, action.unitId, at);
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
    for (const r of reports) {
      if (!r.alertId || this.deps.seats?.isForeign(r.alertId)) continue;
      const state = this.steps.lifecycle(r.alertId);
      if (!state || !state.unitIds.includes(r.unitId)) continue;
      if (r.status === 'en_route' && state.status === 'dispatched')
        this.apply(this.requireAlert(r.alertId), { type: 'depart', unitId: r.unitId }, 'system:avl', r.at);
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
    for (const { alertId, unitId } of this.steps.activeAssignments()) {
      const p = byUnit.get(unitId);
      if (!p || this.deps.seats?.isForeign(alertId)) continue;
      const alert = this.deps.repository.alerts.get(alertId);
      if (alert && haversineMeters(p, alert.position) <= ARRIVAL_RADIUS_M)
        this.recordArrival(alertId, unitId, p.at);
    }
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
    this.requireAvailableUnits(
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
    this.requireAlert(alertId);
    const state = this.steps.lifecycle(alertId)!;
    return {
      alertId,
      events: this.deps.repository.alerts.events(alertId),
      dispatches: this.steps.dispatches(alertId, state.unitIds),
      unitIds: [...state.unitIds],
      responseSeconds: responseTimeSeconds(state),
      transferDueAt: state.transfer?.dueAt ?? null,
      overdue: isTransferOverdue(state, this.now().toISOString()),
    };
  }

  duplicates(alertId: string): DuplicateSuggestion[] {
    const alert = this.requireAlert(alertId);
    return suggestDuplicates(alert, this.deps.repository.alerts.list({ includeClosed: false }));
  }

  /** Today's shift (the console's local day): alerts received since midnight. */
  shiftSummary(): ShiftSummary {
    const now = this.now();
    const since = localDayStart(now).toISOString();
    // The head goes on the shift view and its printout: kept outside the seat, it anchors the log.
    return {
      ...summariseShift(this.steps.shiftRows(since), since, now.toISOString(), this.deps.outbox.counts()),
      auditHead: this.deps.audit.head(),
    };
  }

  /** Cases handed over (分流) and waiting for feedback, the soonest due first, overdue ones flagged. */
  transferred(): TransferredCase[] {
    const nowIso = this.now().toISOString();
    const cases: TransferredCase[] = [];
    for (const state of this.steps.inStatus('transferred')) {
      const alert = this.deps.repository.alerts.get(state.alertId);
      if (!alert || !state.transfer) continue;
      const { target, department, dueAt, at } = state.transfer;
      cases.push({
        alert,
        target,
        department,
        dueAt,
        transferredAt: at,
        overdue: isTransferOverdue(state, nowIso),
      });
    }
    return cases.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  /** The alert with every duplicate merged into it: all callers and all reports. */
  merged(alertId: string): MergedAlertViewResult {
    const primary = this.requireAlert(alertId);
    const merged = this.steps
      .mergedInto(alertId)
      .map((id) => this.deps.repository.alerts.get(id))
      .filter((a): a is Alert => a !== null && a !== undefined);
    return mergedView(primary, merged);
  }

  private recordArrival(alertId: string, unitId: string, at: string): void {
    const state = this.steps.lifecycle(alertId);
    if (!state || !state.unitIds.includes(unitId) || !ARRIVING.includes(state.status)) return;
    const alert = this.requireAlert(alertId);
    let recorded = false;
    this.deps.db.transaction(() => {
      recorded = this.closeDispatch(alert, unitId, at);
      if (recorded && state.status !== 'on_scene')
        this.apply(alert, { type: 'arrive', unitId }, 'system:avl', at);
    })();
    // Positions repeat every few seconds: only a new arrival is news.
    if (recorded) this.deps.emit('alerts.historyChanged', { alertId });
  }

  /** Stamps the unit's open dispatch with its arrival, response time and tier verdict; false if none was open. */
  private closeDispatch(alert: Alert, unitId: string, at: string): boolean {
    const open = this.steps.openDispatch(alert.id, unitId);
    if (!open) return false;
    const seconds = Math.max(0, (Date.parse(at) - Date.parse(alert.receivedAt)) / 1000);
    this.steps.recordArrival(open.id, at, seconds, judgeAgainstTarget(open.tierTargetSeconds, seconds).met);
    return true;
  }

  /** The tier target of a unit about to be sent: decided now, from the unit as the ranking saw it. */
  private tierTarget(alert: Alert, unitId: string): number | null {
    const unit = this.deps.repository.units.list().find((u) => u.id === unitId);
    return unit ? this.deps.tierFor(unit, alert, null).targetSeconds : null;
  }

  /**
   * The unit's road ETA as ranked when it is sent, its type and its route's dominant road class
   * (null ETA and class when unknown or unreachable).
   */
  private predicted(
    alert: Alert,
    unitId: string,
  ): { etaSeconds: number | null; unitType: string | null; roadClass: string | null } {
    const unit = this.deps.repository.units.list().find((u) => u.id === unitId);
    if (!unit) return { etaSeconds: null, unitType: null, roadClass: null };
    let eta: { etaSeconds: number | null; roadClass?: string | null } | null = null;
    try {
      eta = this.deps.predictEta?.(unit, alert) ?? null;
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
    const predicted = new Map(sent.map((unitId) => [unitId, this.predicted(alert, unitId)]));
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
          this.tierTarget(alert, unitId),
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

  private requireMergeTarget(alertId: string, intoAlertId: string): void {
    this.requireAlert(intoAlertId);
    const target = this.steps.lifecycle(intoAlertId)!;
    // The survivor takes over the duplicate's units and callers, so it must still be open work.
    if (!isLegal(target.status, 'dispatch'))
      throw new Error(
        `cannot merge ${alertId} into ${intoAlertId}: it is ${target.status.replace(/_/g, ' ')}`,
      );
  }

  private requireAlert(alertId: string): Alert {
    const alert = this.deps.repository.alerts.get(alertId);
    if (!alert) throw new Error(`unknown alert ${alertId}`);
    return alert;
  }

  private requireAvailableUnits(unitIds: readonly string[], alertId: string): void {
    const units = new Map(this.deps.repository.units.list().map((u) => [u.id, u]));
    for (const id of unitIds) {
      const unit = units.get(id);
      if (!unit) throw new Error(`unknown unit ${id}`);
      // Another seat's unit: refused with who has it and where (a reassignment takes it explicitly).
      const foreign = this.deps.seats?.foreignCommitment(id, alertId);
      if (foreign) throw new Error(foreign);
      if (unit.status !== 'available')
        throw new Error(`unit ${unit.callsign} is ${unit.status}, not available`);
    }
  }
}
