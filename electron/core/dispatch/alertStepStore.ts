import type { Db } from '../db/database';
import { newLifecycle, type AlertLifecycle, type LifecycleEvent } from '../../../shared/domain/lifecycle';
import type { Alert } from '../../../shared/domain/alert';
import type { DispatchRecord } from '../../../shared/contract/dispatchContract';

/** SQL for the closed loop: lifecycle state per alert, its steps, and one row per unit sent. */
export class AlertStepStore {
  private readonly lifecycleStmt;
  private readonly saveStmt;
  private readonly eventStmt;
  private readonly dispatchStmt;
  private readonly openDispatchStmt;
  private readonly arriveStmt;
  private readonly dispatchesStmt;
  private readonly activeAssignmentsStmt;

  constructor(private readonly db: Db) {
    this.lifecycleStmt = db.prepare<
      [string],
      { lifecycle: string | null; source: Alert['source']; received_at: string }
    >('SELECT lifecycle, source, received_at FROM alerts WHERE id = ?');
    this.saveStmt = db.prepare('UPDATE alerts SET status = ?, lifecycle = ? WHERE id = ?');
    this.eventStmt = db.prepare(
      'INSERT INTO alert_events (alert_id, at, from_status, to_status, operator, note, action, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.dispatchStmt = db.prepare(
      'INSERT INTO dispatches (alert_id, unit_id, dispatched_at, command_id, tier_target_seconds, predicted_eta_seconds, unit_type, road_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.openDispatchStmt = db.prepare<[string, string], { id: number; tier_target_seconds: number | null }>(
      'SELECT id, tier_target_seconds FROM dispatches WHERE alert_id = ? AND unit_id = ? AND arrived_at IS NULL ORDER BY id DESC LIMIT 1',
    );
    this.arriveStmt = db.prepare(
      'UPDATE dispatches SET arrived_at = ?, response_seconds = ?, tier_met = ? WHERE id = ?',
    );
    this.dispatchesStmt = db.prepare<
      [string],
      {
        unit_id: string;
        dispatched_at: string;
        arrived_at: string | null;
        response_seconds: number | null;
        tier_target_seconds: number | null;
        tier_met: number | null;
        command_id: string | null;
        state: string | null;
      }
    >(
      `SELECT d.*, o.state FROM dispatches d LEFT JOIN outbox o ON o.command_id = d.command_id WHERE d.alert_id = ? ORDER BY d.id`,
    );
    // Reinforcement arrives after the first unit, so on-scene alerts still expect arrivals.
    this.activeAssignmentsStmt = db.prepare<[], { alert_id: string; unit_id: string; lifecycle: string }>(
      `SELECT d.alert_id, d.unit_id, a.lifecycle FROM dispatches d JOIN alerts a ON a.id = d.alert_id
        WHERE d.arrived_at IS NULL AND a.status IN ('dispatched','en_route','on_scene') AND a.lifecycle IS NOT NULL`,
    );
    this.byStatusStmt = db.prepare<[string], { id: string; lifecycle: string }>(
      'SELECT id, lifecycle FROM alerts WHERE status = ? AND lifecycle IS NOT NULL',
    );
    // "+status": grouping by an expression, so the planner finds today's rows by received_at
    // (index alerts_received) instead of walking the status index over the whole month.
    this.countsSinceStmt = db.prepare<[string], { status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM alerts WHERE received_at >= ? GROUP BY +status',
    );
    this.dispatchedSinceStmt = db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM dispatches WHERE dispatched_at >= ?',
    );
    this.arrivalsSinceStmt = db.prepare<
      [string],
      { alert_id: string; response_seconds: number; tier_met: number | null }
    >(
      `SELECT d.alert_id, d.response_seconds, d.tier_met FROM dispatches d JOIN alerts a ON a.id = d.alert_id
        WHERE a.received_at >= ? AND d.arrived_at IS NOT NULL AND d.response_seconds IS NOT NULL ORDER BY d.arrived_at, d.id`,
    );
  }

  private readonly byStatusStmt;
  private readonly countsSinceStmt;
  private readonly dispatchedSinceStmt;
  private readonly arrivalsSinceStmt;

  lifecycle(alertId: string): AlertLifecycle | null {
    const row = this.lifecycleStmt.get(alertId);
    if (!row) return null;
    if (row.lifecycle) return JSON.parse(row.lifecycle) as AlertLifecycle;
    // Alerts stored before the lifecycle column start from their received state.
    return newLifecycle({ id: alertId, source: row.source, receivedAt: row.received_at });
  }

  /** Call inside a transaction. */
  save(alertId: string, next: AlertLifecycle, event: LifecycleEvent): void {
    this.saveStmt.run(next.status, JSON.stringify(next), alertId);
    this.eventStmt.run(
      alertId,
      event.at,
      event.from,
      event.to,
      event.operator,
      event.note,
      event.action,
      JSON.stringify(event.data),
    );
  }

  /**
   * Call inside a transaction. `tierTargetSeconds`: the 1/3/5 target as the unit was sent (null: none applies);
   * `predicted`: the road ETA the ranking gave then and the unit's type (ETA calibration, docs/routing.md).
   */
  recordDispatch(
    alertId: string,
    unitId: string,
    at: string,
    commandId: string,
    tierTargetSeconds: number | null,
    predicted: { etaSeconds: number | null; unitType: string | null; roadClass?: string | null } = {
      etaSeconds: null,
      unitType: null,
    },
  ): void {
    this.dispatchStmt.run(
      alertId,
      unitId,
      at,
      commandId,
      tierTargetSeconds,
      predicted.etaSeconds,
      predicted.unitType,
      predicted.roadClass ?? null,
    );
  }

  /** The unit's latest dispatch on the alert that has no arrival yet, with the target set when it was sent. */
  openDispatch(alertId: string, unitId: string): { id: number; tierTargetSeconds: number | null } | null {
    const open = this.openDispatchStmt.get(alertId, unitId);
    return open ? { id: open.id, tierTargetSeconds: open.tier_target_seconds } : null;
  }

  /** Stamps an open dispatch (openDispatch's id) with its arrival, response time and tier verdict. */
  recordArrival(dispatchId: number, at: string, responseSeconds: number, tierMet: boolean | null): void {
    this.arriveStmt.run(at, responseSeconds, tierMet === null ? null : tierMet ? 1 : 0, dispatchId);
  }

  /** `assigned`: the units on the alert now; a row is released when its unit left it, or was sent again later. */
  dispatches(alertId: string, assigned: readonly string[]): DispatchRecord[] {
    const rows = this.dispatchesStmt.all(alertId);
    return rows.map((r, i) => ({
      unitId: r.unit_id,
      dispatchedAt: r.dispatched_at,
      arrivedAt: r.arrived_at,
      responseSeconds: r.response_seconds,
      tierTargetSeconds: r.tier_target_seconds,
      tierMet: r.tier_met === null ? null : r.tier_met === 1,
      commandId: r.command_id,
      commandState: r.state,
      released:
        !assigned.includes(r.unit_id) || rows.slice(i + 1).some((later) => later.unit_id === r.unit_id),
    }));
  }

  /** Units still expected on scene: assigned to an open alert, not yet arrived (released units excluded). */
  activeAssignments(): { alertId: string; unitId: string }[] {
    return this.activeAssignmentsStmt
      .all()
      .filter((r) => (JSON.parse(r.lifecycle) as AlertLifecycle).unitIds.includes(r.unit_id))
      .map((r) => ({ alertId: r.alert_id, unitId: r.unit_id }));
  }

  /** Lifecycles of every alert in `status` (e.g. the transferred cases awaiting feedback). */
  inStatus(status: Alert['status']): AlertLifecycle[] {
    return this.byStatusStmt.all(status).map((r) => JSON.parse(r.lifecycle) as AlertLifecycle);
  }

  /** Alert ids merged into `alertId`, directly or through a chain of merges. */
  mergedInto(alertId: string): string[] {
    const merged = this.inStatus('merged');
    const found: string[] = [];
    const frontier = [alertId];
    while (frontier.length) {
      const target = frontier.pop()!;
      for (const m of merged) {
        if (m.mergedInto === target && m.alertId !== alertId && !found.includes(m.alertId)) {
          found.push(m.alertId);
          frontier.push(m.alertId);
        }
      }
    }
    return found;
  }

  /** The shift since `since`: alerts received by status, units sent, and every arrival on those alerts in arrival order. */
  shiftRows(since: string) {
    return {
      counts: this.countsSinceStmt.all(since),
      dispatched: this.dispatchedSinceStmt.get(since)!.n,
      arrivals: this.arrivalsSinceStmt.all(since),
      transferred: this.inStatus('transferred'),
    };
  }
}
