/**
 * Who may take which lifecycle step: a pure table, checked by the console before `transition`.
 * "Live" alerts are real ones; in a drill (演练) a trainee may practise every step that is not
 * reserved to supervisors, so training exercises the whole loop without risking a real case.
 */
import type { AlertStatus } from '../alert';
import { LIFECYCLE_ACTIONS, type LifecycleActionType } from './lifecycleTypes';

/** `trainer` (教官): runs drills (the drill clock, the report); acts on drill alerts only. */
export const OPERATOR_ROLES = ['duty_officer', 'supervisor', 'trainee', 'trainer'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/**
 * always: allowed; never: not allowed; drill_only: allowed on drill alerts only;
 * supervisor_confirms_live: allowed on drill alerts, on live ones only with a supervisor's
 * confirmation (credentials entered at the seat); a status list: allowed only in those statuses.
 */
export type Grant = 'always' | 'never' | 'drill_only' | 'supervisor_confirms_live' | readonly AlertStatus[];

export const PERMISSIONS: Readonly<Record<OperatorRole, Readonly<Record<LifecycleActionType, Grant>>>> = {
  supervisor: {
    acknowledge: 'always',
    dispatch: 'always',
    depart: 'always',
    arrive: 'always',
    resolve: 'always',
    close: 'always',
    merge: 'always',
    transfer: 'always',
    cancel: 'always',
    reopen: 'always',
    reassign: 'always',
    recall: 'always',
  },
  duty_officer: {
    acknowledge: 'always',
    dispatch: 'always',
    depart: 'always',
    arrive: 'always',
    resolve: 'always',
    close: 'always',
    merge: 'always',
    transfer: 'always',
    cancel: 'always',
    // Taking back a case a department returned, or undoing one's own premature "resolved", is
    // routine; reopening a closed or cancelled case changes the record and needs a supervisor.
    reopen: ['resolved', 'transferred'],
    reassign: 'always',
    recall: 'always',
  },
  trainee: {
    acknowledge: 'always',
    // Sending units to a real incident is a supervisor's call until the trainee qualifies.
    dispatch: 'supervisor_confirms_live',
    reassign: 'supervisor_confirms_live',
    depart: 'always',
    arrive: 'always',
    resolve: 'always',
    recall: 'always',
    // Each of these ends or hides a real case: on live alerts a trainee hands them to an officer.
    close: 'drill_only',
    cancel: 'drill_only',
    merge: 'drill_only',
    transfer: 'drill_only',
    reopen: 'never',
  },
  // A trainer plays the drill, not the city: every step on drill alerts, none on live ones.
  trainer: {
    acknowledge: 'drill_only',
    dispatch: 'drill_only',
    depart: 'drill_only',
    arrive: 'drill_only',
    resolve: 'drill_only',
    close: 'drill_only',
    merge: 'drill_only',
    transfer: 'drill_only',
    cancel: 'drill_only',
    reopen: 'drill_only',
    reassign: 'drill_only',
    recall: 'drill_only',
  },
};

/** `needsConfirmation`: allowed once a supervisor confirms it (retry with their credentials). */
export type PermissionResult = { ok: true } | { ok: false; reason: string; needsConfirmation?: true };

const roleNames: Record<OperatorRole, string> = {
  supervisor: 'a supervisor',
  duty_officer: 'a duty officer',
  trainee: 'a trainee',
  trainer: 'a trainer',
};

/** `supervisorConfirmed`: a supervisor's credentials were checked for this very step. */
export function checkPermission(
  role: OperatorRole,
  action: LifecycleActionType,
  alert: { status: AlertStatus; drill: boolean; supervisorConfirmed?: boolean },
): PermissionResult {
  const grant = PERMISSIONS[role]?.[action];
  if (grant === undefined)
    return { ok: false, reason: `unknown role or action: ${String(role)}/${String(action)}` };
  if (grant === 'always') return { ok: true };
  if (grant === 'never') return { ok: false, reason: `${roleNames[role]} may not ${action} alerts` };
  if (grant === 'supervisor_confirms_live') {
    return alert.drill || alert.supervisorConfirmed
      ? { ok: true }
      : {
          ok: false,
          reason: `${roleNames[role]}'s ${action} on a live alert needs a supervisor's confirmation`,
          needsConfirmation: true,
        };
  }
  if (grant === 'drill_only')
    return alert.drill
      ? { ok: true }
      : { ok: false, reason: `${roleNames[role]} may ${action} drill alerts only` };
  return grant.includes(alert.status)
    ? { ok: true }
    : {
        ok: false,
        reason: `${roleNames[role]} may not ${action} a ${alert.status.replace(/_/g, ' ')} alert`,
      };
}

/** Actions `role` may take at all (in some status, live or drill) — for menus and help. */
export function actionsOf(role: OperatorRole): LifecycleActionType[] {
  return LIFECYCLE_ACTIONS.filter((a) => PERMISSIONS[role][a] !== 'never');
}

export function isOperatorRole(value: unknown): value is OperatorRole {
  return typeof value === 'string' && (OPERATOR_ROLES as readonly string[]).includes(value);
}
