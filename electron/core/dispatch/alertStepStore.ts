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
    this.lifecycleStmt = db.prepare<[string], { lifecycle: string | null; source: Alert['source']; received_at: string }>(
      'SELECT lifecycle, source, received_at FROM alerts WHERE id = ?',
    );
    this.saveStmt = db.prepare('UPDATE alerts SET status = ?, lifecycle = ? WHERE id = ?');
    this.eventStmt = db.prepare(
      'INSERT INTO alert_events (alert_id, at, from_status, to_status, operator, note, action, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.dispatchStmt = db.prepare('INSERT INTO dispatches (alert_id, unit_id, dispatched_at, command_id) VALUES (?, ?, ?, ?)');
    this.openDispatchStmt = db.prepare<[string, string], { id: number; dispatched_at: string }>(
      'SELECT id, dispatched_at FROM dispatches WHERE alert_id = ? AND unit_id = ? AND arrived_at IS NULL ORDER BY id DESC LIMIT 1',
    );
    this.arriveStmt = db.prepare(
      'UPDATE dispatches SET arrived_at = ?, response_seconds = ?, tier_target_seconds = ?, tier_met = ? WHERE id = ?',
    );
    this.dispatchesStmt = db.prepare<[string], { unit_id: string; dispatched_at: string; arrived_at: string | null; response_seconds: number | null; tier_target_seconds: number | null; tier_met: number | null; command_id: string | null; state: string | null }>(
      `SELECT d.*, o.state FROM dispatches d LEFT JOIN outbox o ON o.command_id = d.command_id WHERE d.alert_id = ? ORDER BY d.id`,
    );
    this.activeAssignmentsStmt = db.prepare<[], { id: string; lifecycle: string }>(
      "SELECT id, lifecycle FROM alerts WHERE status IN ('dispatched','en_route') AND lifecycle IS NOT NULL",
    );
  }

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
    this.eventStmt.run(alertId, event.at, event.from, event.to, event.operator, event.note, event.action, JSON.stringify(event.data));
  }

  /** Call inside a transaction. */
  recordDispatch(alertId: string, unitId: string, at: string, commandId: string): void {
    this.dispatchStmt.run(alertId, unitId, at, commandId);
  }

  /** Records a unit's arrival on its open dispatch; returns the response seconds, or null if none open. */
  recordArrival(alertId: string, unitId: string, at: string, receivedAt: string, tier: { targetSeconds: number | null; met: boolean | null }): number | null {
    const open = this.openDispatchStmt.get(alertId, unitId);
    if (!open) return null;
    const seconds = Math.max(0, (Date.parse(at) - Date.parse(receivedAt)) / 1000);
    this.arriveStmt.run(at, seconds, tier.targetSeconds, tier.met === null ? null : tier.met ? 1 : 0, open.id);
    return seconds;
  }

  dispatches(alertId: string): DispatchRecord[] {
    return this.dispatchesStmt.all(alertId).map((r) => ({
      unitId: r.unit_id,
      dispatchedAt: r.dispatched_at,
      arrivedAt: r.arrived_at,
      responseSeconds: r.response_seconds,
      tierTargetSeconds: r.tier_target_seconds,
      tierMet: r.tier_met === null ? null : r.tier_met === 1,
      commandId: r.command_id,
      commandState: r.state,
    }));
  }

  /** Alerts with units on the way: where a unit's arrival is expected. */
  activeAssignments(): { alertId: string; unitIds: readonly string[] }[] {
    return this.activeAssignmentsStmt.all().map((r) => ({ alertId: r.id, unitIds: (JSON.parse(r.lifecycle) as AlertLifecycle).unitIds }));
  }

  shiftRows(since: string) {
    const counts = this.db.prepare<[], { status: string; n: number }>('SELECT status, COUNT(*) AS n FROM alerts GROUP BY status').all();
    const dispatches = this.db
      .prepare<[string], { response_seconds: number | null; tier_met: number | null; arrived_at: string | null }>(
        'SELECT response_seconds, tier_met, arrived_at FROM dispatches WHERE dispatched_at >= ?',
      )
      .all(since);
    const lifecycles = this.db.prepare<[], { lifecycle: string }>("SELECT lifecycle FROM alerts WHERE status = 'transferred' AND lifecycle IS NOT NULL").all();
    return { counts, dispatches, transferred: lifecycles.map((r) => JSON.parse(r.lifecycle) as AlertLifecycle) };
  }
}
