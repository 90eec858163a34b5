/**
 * The alert lifecycle (接警 → 派警 → 到场 → 处置 → 反馈 → 结案) as one pure state machine.
 *
 * The alert-level status is the furthest progress of the incident as a whole; per-unit progress
 * (which unit left or arrived when) travels in the events' data and in the `dispatches` table.
 * `transition` never throws for a bad request: it returns an error the UI can show verbatim.
 *
 * The vocabulary is in lifecycleTypes.ts, the table of which action is legal from which status in
 * transitionTable.ts, and what each action does in actionEffects.ts; this module combines them.
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
import { actionEffect, blank } from './actionEffects';
import {
  LIFECYCLE_ACTIONS,
  type AlertLifecycle,
  type LifecycleAction,
  type LifecycleActionType,
  type LifecycleEvent,
  type TransitionContext,
  type TransitionError,
  type TransitionResult,
} from './lifecycleTypes';
import { LEGAL_FROM, isLegal } from './transitionTable';

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
  const change = actionEffect(state, action, ctx);
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
