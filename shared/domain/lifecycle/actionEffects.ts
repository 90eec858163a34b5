/**
 * What each legal lifecycle action does to an alert: the per-action validation and state change.
 * Kept apart from `transition`, which owns the checks common to every action (known action, legal
 * from this status, valid time and operator) and builds the recorded event.
 */
import type { AlertStatus } from '../alert';
import type { AlertLifecycle, LifecycleAction, TransferInfo, TransitionContext } from './lifecycleTypes';

export const blank = (s: string | undefined): boolean => typeof s !== 'string' || s.trim().length === 0;
const cleanUnitIds = (ids: readonly string[]): string[] => [
  ...new Set(ids.map((u) => u.trim()).filter((u) => u.length > 0)),
];

/** The effect of one action: changed fields, new status, the note to record and the event data. */
export type Change = {
  next: Partial<AlertLifecycle>;
  to: AlertStatus;
  note?: string | null;
  data: Record<string, unknown>;
};

/** Validates one legal action against the state and computes its effect, or says why not. */
export function actionEffect(
  state: AlertLifecycle,
  action: LifecycleAction,
  ctx: TransitionContext,
): Change | string {
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
