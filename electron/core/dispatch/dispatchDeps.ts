import type { Db } from '../db/database';
import type { ConsoleRepository } from '../db/consoleRepository';
import type { AuditLog } from '../audit/auditLog';
import type { CommandOutbox } from '../outbox/commandOutbox';
import type { EventSink } from '../../../shared/contract/bridge';
import type { Alert } from '../../../shared/domain/alert';
import type { Unit } from '../../../shared/domain/unit';
import type { LifecycleEvent } from '../../../shared/domain/lifecycle';
import type { OperatorSession } from './operatorSession';

// What DispatchService (dispatchService.ts) is built with.

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
