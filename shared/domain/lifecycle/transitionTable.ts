/** Which lifecycle action is legal from which alert status; the reasons are in stateMachine.ts. */
import type { AlertStatus } from '../alert';
import { LIFECYCLE_ACTIONS, type LifecycleActionType } from './lifecycleTypes';

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
