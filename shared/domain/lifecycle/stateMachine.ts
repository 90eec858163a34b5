/**
 * The alert lifecycle (接警 → 派警 → 到场 → 处置 → 反馈 → 结案) as one pure state machine.
 *
 * The alert-level status is the furthest progress of the incident as a whole; per-unit progress
 * (which unit left or arrived when) travels in the events' data and in the `dispatches` table.
 * `transition` never throws for a bad request: it returns an error the UI can show verbatim.
 *
 * Decisions (see LEGAL_FROM for the full table):
 * - dispatch is legal straight from `received`: a 110 operator dispatches first and talks later;
 *   an extra acknowledge click would cost seconds on every urgent call.
 * - dispatch while dispatched / en route / on scene is reinforcement (增援): the status stays.
 * - arrive is legal from `dispatched` too: a foot patrol 50 m away never presses "departed".
 * - resolve from `acknowledged` is resolution by phone (电话处置) without sending anyone.
 * - transfer (分流) happens at intake only; once police are moving, the police resolve it.
 * - reopen goes to `acknowledged`: the reopening operator owns the alert again, it is back in
 *   the open queue and needs a fresh dispatch; earlier units are released. It is legal from
 *   resolved (回访不满意), closed, cancelled (wrongly cancelled) and transferred (returned by
 *   the receiving department, 退回). Who may reopen what is in permissions.ts.
 * - merged is terminal: the alert lives on inside the alert it was merged into.
 * - recall releases one unit (needed elsewhere, wrong unit); the others carry on and the status
 *   stays. Recalling the last unit puts the alert back to `acknowledged`: nobody is on the way,
 *   so it needs a fresh dispatch (the first arrival, if any, is kept for the response time).
 */
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

/** The legal source statuses of every action — the one transition table (tests restate it independently). */
export const LEGAL_FROM: Readonly<Record<LifecycleActionType, readonly AlertStatus[]>> = {
  acknowledge: ['received'],
  dispatch: ['received', 'acknowledged', 'dispatched', 'en_route', 'on_scene'],
  depart: ['dispatched'],
  arrive: ['dispatched', 'en_route'],
  resolve: ['acknowledged', 'on_scene'],
  close: ['resolved', 'transferred'],
  merge: ['received', 'acknowledged', 'dispatched', 'en_route', 'on_scene'],
  transfer: ['received', 'acknowledged'],
  cancel: ['received', 'acknowledged', 'dispatched', 'en_route'],
  reopen: ['resolved', 'closed', 'cancelled', 'transferred'],
  reassign: ['dispatched', 'en_route'],
  recall: ['dispatched', 'en_route', 'on_scene'],
};

export function isLegal(status: AlertStatus, action: LifecycleActionType): boolean {
  return LEGAL_FROM[action].includes(status);
}

/** Actions the UI may offer for an alert in `status`. */
export function legalActions(status: AlertStatus): LifecycleActionType[] {
  return LIFECYCLE_ACTIONS.filter((a) => isLegal(status, a));
}

export function newLifecycle(alert: { id: string; source: AlertSource; receivedAt: string }): AlertLifecycle {
  return {
    alertId: alert.id,
    source: alert.source,
    status: 'received',
    receivedAt: alert.receivedAt,
    unitIds: [],
    firstArrivalAt: null,
    result: null,
    feedback: null,
    mergedInto: null,
    transfer: null,
    cancelReason: null,
  };
}

const words = (s: string): string => s.replace(/_/g, ' ');
const orList = (statuses: readonly AlertStatus[]): string =>
  statuses.length <= 1
    ? words(statuses[0] ?? 'nothing')
    : `${statuses.slice(0, -1).map(words).join(', ')} or ${words(statuses.at(-1)!)}`;

const illegal = (state: AlertLifecycle, action: LifecycleActionType): TransitionResult => ({
  ok: false,
  error: {
    code: 'illegal_transition',
    message:
      state.status === 'merged'
        ? `cannot ${action}: alert was merged into ${state.mergedInto ?? 'another alert'}`
        : `cannot ${action}: alert is ${words(state.status)}, not ${orList(LEGAL_FROM[action])}`,
  },
});
const invalid = (action: LifecycleActionType, message: string): TransitionResult => ({
  ok: false,
  error: { code: 'invalid_action', message: `cannot ${action}: ${message}` },
});
const blank = (s: string | undefined): boolean => typeof s !== 'string' || s.trim().length === 0;
const cleanUnitIds = (ids: readonly string[]): string[] => [
  ...new Set(ids.map((u) => u.trim()).filter((u) => u.length > 0)),
];

type Change = {
  next: Partial<AlertLifecycle>;
  to: AlertStatus;
  note?: string | null;
  data: Record<string, unknown>;
};

/** Validates one legal action against the state and computes its effect, or says why not. */
function apply(state: AlertLifecycle, action: LifecycleAction, ctx: TransitionContext): Change | string {
  switch (action.type) {
    case 'acknowledge':
      return { next: {}, to: 'acknowledged', data: {} };
    case 'dispatch': {
      const requested = cleanUnitIds(action.unitIds ?? []);
      if (requested.length === 0) return 'no unit given';
      const added = requested.filter((u) => !state.unitIds.includes(u));
      if (added.length === 0) return `${requested.join(', ')} already assigned`;
      const reinforcement = state.status !== 'received' && state.status !== 'acknowledged';
      return {
        next: { unitIds: [...state.unitIds, ...added] },
        to: reinforcement ? state.status : 'dispatched',
        data: { unitIds: added, reinforcement },
      };
    }
    case 'depart':
    case 'arrive': {
      if (!state.unitIds.includes(action.unitId))
        return `unit ${action.unitId || '(none)'} is not assigned to this alert`;
      if (action.type === 'depart') return { next: {}, to: 'en_route', data: { unitId: action.unitId } };
      const firstArrivalAt = state.firstArrivalAt ?? ctx.at;
      const responseSeconds = (Date.parse(firstArrivalAt) - Date.parse(state.receivedAt)) / 1000;
      return { next: { firstArrivalAt }, to: 'on_scene', data: { unitId: action.unitId, responseSeconds } };
    }
    case 'resolve':
      if (blank(action.result)) return 'a result is required';
      return {
        next: { result: action.result.trim() },
        to: 'resolved',
        note: action.result.trim(),
        data: { result: action.result.trim(), byPhone: state.status === 'acknowledged' },
      };
    case 'close':
      if (blank(action.feedback)) return 'feedback is required';
      return {
        next: { feedback: action.feedback.trim() },
        to: 'closed',
        note: action.feedback.trim(),
        data: { feedback: action.feedback.trim() },
      };
    case 'merge': {
      const into = (action.intoAlertId ?? '').trim();
      if (into.length === 0) return 'no target alert given';
      if (into === state.alertId) return 'an alert cannot be merged into itself';
      // The units move with the incident; the caller re-assigns them to the surviving alert.
      return {
        next: { mergedInto: into, unitIds: [] },
        to: 'merged',
        data: { intoAlertId: into, releasedUnitIds: state.unitIds },
      };
    }
    case 'transfer': {
      if (!['110', '12345', 'department'].includes(action.target))
        return `unknown target ${String(action.target)}`;
      if (action.target === state.source) return `a ${state.source} alert is already with ${state.source}`;
      if (blank(action.department)) return 'the receiving department is required';
      const due = Date.parse(action.dueAt);
      if (!Number.isFinite(due)) return 'a due time is required';
      if (due <= Date.parse(ctx.at)) return 'the due time must be in the future';
      const transfer: TransferInfo = {
        target: action.target,
        department: action.department.trim(),
        dueAt: action.dueAt,
        at: ctx.at,
      };
      return {
        next: { transfer },
        to: 'transferred',
        note: transfer.department,
        data: { target: transfer.target, department: transfer.department, dueAt: transfer.dueAt },
      };
    }
    case 'cancel':
      if (blank(action.reason)) return 'a reason is required';
      return {
        next: { cancelReason: action.reason.trim(), unitIds: [] },
        to: 'cancelled',
        note: action.reason.trim(),
        data: { reason: action.reason.trim(), releasedUnitIds: state.unitIds },
      };
    case 'reopen':
      if (blank(action.reason)) return 'a reason is required';
      return {
        next: { unitIds: [], result: null, feedback: null, cancelReason: null, transfer: null },
        to: 'acknowledged',
        note: action.reason.trim(),
        data: { reason: action.reason.trim(), releasedUnitIds: state.unitIds },
      };
    case 'reassign': {
      const unitIds = cleanUnitIds(action.unitIds ?? []);
      if (unitIds.length === 0) return 'no unit given';
      if (unitIds.length === state.unitIds.length && unitIds.every((u) => state.unitIds.includes(u)))
        return 'these units are already assigned';
      // Back to dispatched: the new unit has not left yet, whatever the old one had done.
      return {
        next: { unitIds },
        to: 'dispatched',
        data: { unitIds, releasedUnitIds: state.unitIds.filter((u) => !unitIds.includes(u)) },
      };
    }
    case 'recall': {
      if (!state.unitIds.includes(action.unitId))
        return `unit ${action.unitId || '(none)'} is not assigned to this alert`;
      const unitIds = state.unitIds.filter((u) => u !== action.unitId);
      return {
        next: { unitIds },
        to: unitIds.length ? state.status : 'acknowledged',
        data: { unitId: action.unitId, releasedUnitIds: [action.unitId] },
      };
    }
  }
}

/** Applies one action. Pure: the input state is never modified. */
export function transition(
  state: AlertLifecycle,
  action: LifecycleAction,
  ctx: TransitionContext,
): TransitionResult {
  if (!(LIFECYCLE_ACTIONS as readonly string[]).includes(action.type)) {
    return { ok: false, error: { code: 'invalid_action', message: `unknown action ${String(action.type)}` } };
  }
  if (!isLegal(state.status, action.type)) return illegal(state, action.type);
  if (!Number.isFinite(Date.parse(ctx.at))) return invalid(action.type, `invalid time ${ctx.at}`);
  if (blank(ctx.operator)) return invalid(action.type, 'no operator');
  const change = apply(state, action, ctx);
  if (typeof change === 'string') return invalid(action.type, change);
  const next: AlertLifecycle = { ...state, ...change.next, status: change.to };
  const note = change.note ?? (blank(action.note) ? null : action.note!.trim());
  return {
    ok: true,
    next,
    event: {
      at: ctx.at,
      operator: ctx.operator,
      from: state.status,
      to: change.to,
      action: action.type,
      note,
      data: change.data,
    },
  };
}

/**
 * Rebuilds a lifecycle from its recorded events (the data of each event carries the action's
 * parameters). Fails on the first event that no longer applies, which means the record is corrupt.
 */
export function replay(
  initial: AlertLifecycle,
  events: readonly LifecycleEvent[],
): { ok: true; state: AlertLifecycle } | { ok: false; index: number; error: TransitionError } {
  let state = initial;
  for (const [index, event] of events.entries()) {
    const action = { ...event.data, type: event.action, note: event.note ?? undefined } as LifecycleAction;
    const result = transition(state, action, { at: event.at, operator: event.operator });
    if (!result.ok) return { ok: false, index, error: result.error };
    state = result.next;
  }
  return { ok: true, state };
}
