/** The lifecycle's vocabulary: its actions, the state it keeps per alert, and what a step records. */
import type { AlertSource, AlertStatus } from '../alert';

export const LIFECYCLE_ACTIONS = [
  'acknowledge',
  'dispatch',
  'depart',
  'arrive',
  'resolve',
  'close',
  'merge',
  'transfer',
  'cancel',
  'reopen',
  'reassign',
  'recall',
] as const;
export type LifecycleActionType = (typeof LIFECYCLE_ACTIONS)[number];

/** 12345 ↔ 110 hand-over, or to a city department (城管, 市场监管 …) named in `department`. */
export type TransferTarget = '110' | '12345' | 'department';

export type LifecycleAction = { note?: string } & (
  | { type: 'acknowledge' }
  | { type: 'dispatch'; unitIds: readonly string[] }
  | { type: 'depart'; unitId: string }
  | { type: 'arrive'; unitId: string }
  | { type: 'resolve'; result: string }
  | { type: 'close'; feedback: string }
  | { type: 'merge'; intoAlertId: string }
  | { type: 'transfer'; target: TransferTarget; department: string; dueAt: string }
  | { type: 'cancel'; reason: string }
  | { type: 'reopen'; reason: string }
  | { type: 'reassign'; unitIds: readonly string[] }
  | { type: 'recall'; unitId: string }
);

export interface TransferInfo {
  target: TransferTarget;
  department: string;
  dueAt: string;
  at: string;
}

/** What the machine needs to know about one alert. Build the first one with `newLifecycle`. */
export interface AlertLifecycle {
  alertId: string;
  source: AlertSource;
  status: AlertStatus;
  receivedAt: string;
  /** Units currently assigned to the alert. */
  unitIds: readonly string[];
  /** First arrival of any unit ever; kept across reopen so response time stays the original. */
  firstArrivalAt: string | null;
  result: string | null;
  feedback: string | null;
  mergedInto: string | null;
  transfer: TransferInfo | null;
  cancelReason: string | null;
}

export interface TransitionContext {
  /** ISO 8601 time of the step. */
  at: string;
  /** Username, or `system:<component>` for automatic steps. */
  operator: string;
}

/** One lifecycle step as recorded (alert_events, audit log). `data` holds the action's parameters plus derived facts. */
export interface LifecycleEvent {
  at: string;
  operator: string;
  from: AlertStatus;
  to: AlertStatus;
  action: LifecycleActionType;
  note: string | null;
  data: Record<string, unknown>;
}

export interface TransitionError {
  /** illegal_transition: not allowed from this status; invalid_action: allowed, but the request is wrong. */
  code: 'illegal_transition' | 'invalid_action';
  message: string;
}

export type TransitionResult =
  { ok: true; next: AlertLifecycle; event: LifecycleEvent } | { ok: false; error: TransitionError };
