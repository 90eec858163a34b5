import { useCallback, useEffect, useState } from 'react';
import { checkPermission, legalActions, type LifecycleActionType } from '../../../../shared/domain/lifecycle';
import type { AlertHistory, LifecycleActionRequest } from '../../../../shared/contract/dispatchContract';
import type { NearbyResult } from '../../../../shared/contract/api';
import type { Alert } from '../../../../shared/domain/alert';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { useOperator } from '../operator';
import { useCommand, useKeyContext } from '../keyboard';

/** What the ranked unit list and the action bar share for the selected alert. */
export interface DispatchDesk {
  alert: Alert | null;
  signedIn: boolean;
  legal: LifecycleActionType[];
  error: string | null;
  act(action: LifecycleActionRequest): Promise<boolean>;
  /** A step held for a supervisor's confirmation (a trainee's dispatch on a live alert). */
  pendingConfirmation: LifecycleActionRequest | null;
  /** Sends the held step with the supervisor's credentials entered at the seat. */
  confirm(credentials: { username: string; password: string }): Promise<boolean>;
  cancelConfirmation(): void;
  /** Units on the alert now (from its history). */
  assignedUnitIds: readonly string[];
  /** The ranked list's units in its order (ETA first): key N assigns the Nth. */
  rankedUnitIds: readonly string[];
  /** The first ranked unit free to go (key D). */
  bestUnitId: string | null;
  /** Whether `unitId` can be sent now (free, not already on the alert, and the alert takes units). */
  canAssign(unitId: string): boolean;
  /** Sends a ranked unit: a dispatch (reinforcement when units are already there), or in reassign mode the replacement. */
  assign(unitId: string): void;
  /** Sends a unit another seat committed, by explicit reassignment (the host audits it). */
  take(unitId: string): void;
  /** The assigned unit being replaced, while the officer picks its replacement in the ranked list. */
  reassignFrom: string | null;
  startReassign(unitId: string): void;
  cancelReassign(): void;
  recall(unitId: string): void;
}

/**
 * The dispatch desk for the selected alert: one action per ranked unit, recall and reassign per
 * assigned unit, and the keys A acknowledge, D dispatch the best unit, 1-9 assign the Nth ranked
 * unit (the replacement while reassigning; Esc cancels reassigning before it clears the queue).
 */
export function useDispatchDesk(
  alert: Alert | null,
  nearby: NearbyResult | null,
  history: AlertHistory | null,
): DispatchDesk {
  const api = useConsoleApi();
  const operator = useOperator();
  const units = useConsoleState((s) => s.units);
  const [error, setError] = useState<string | null>(null);
  const [reassignFrom, setReassignFrom] = useState<string | null>(null);
  const [pendingConfirmation, setPendingConfirmation] = useState<LifecycleActionRequest | null>(null);
  const drill = useConsoleState((s) => Boolean(s.host?.drill));
  const alertId = alert?.id ?? null;
  const legal = alert ? legalActions(alert.status) : [];
  const assignedUnitIds = (history?.alertId === alertId ? history?.unitIds : null) ?? [];
  const rankedUnitIds = (nearby?.alertId === alertId ? nearby?.units.map((u) => u.unit.id) : null) ?? [];

  useEffect(() => {
    setError(null);
    setReassignFrom(null);
    setPendingConfirmation(null);
  }, [alertId]);
  // Reassigning ends when the unit is no longer on the alert or the alert moved on (e.g. arrived).
  if (reassignFrom && (!assignedUnitIds.includes(reassignFrom) || !legal.includes('reassign')))
    setReassignFrom(null);

  const send = useCallback(
    async (
      action: LifecycleActionRequest,
      confirmation?: { username: string; password: string },
      reassign?: boolean,
    ) => {
      if (!alertId) return false;
      try {
        setError(null);
        await api.requests['alerts.act']({
          alertId,
          action,
          ...(confirmation ? { confirmation } : {}),
          ...(reassign ? { reassign } : {}),
        });
        return true;
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
        return false;
      }
    },
    [api, alertId],
  );
  const status = alert?.status;
  const role = operator?.role;
  const act = useCallback(
    async (action: LifecycleActionRequest) => {
      // The same table the host checks: a step it would hold for a supervisor asks for one first.
      const permission = role && status ? checkPermission(role, action.type, { status, drill }) : null;
      if (permission && !permission.ok && permission.needsConfirmation) {
        setPendingConfirmation(action);
        return false;
      }
      return send(action);
    },
    [send, role, status, drill],
  );
  const confirm = async (credentials: { username: string; password: string }) => {
    if (!pendingConfirmation) return false;
    const ok = await send(pendingConfirmation, credentials);
    if (ok) setPendingConfirmation(null);
    return ok;
  };

  const free = (unitId: string) =>
    (units.get(unitId)?.status ?? 'available') === 'available' && !assignedUnitIds.includes(unitId);
  const canAssign = (unitId: string) =>
    Boolean(operator) &&
    free(unitId) &&
    (reassignFrom ? legal.includes('reassign') : legal.includes('dispatch'));
  // Another seat's unit: the host refuses it with who has it and where (shown as the error).
  const foreign = (unitId: string) =>
    Boolean(units.get(unitId)?.commitment && !units.get(unitId)?.commitment?.mine);
  const assign = (unitId: string) => {
    if (operator && foreign(unitId) && legal.includes('dispatch') && !reassignFrom) {
      void act({ type: 'dispatch', unitIds: [unitId] });
      return;
    }
    if (!canAssign(unitId)) return;
    if (reassignFrom) {
      const from = reassignFrom;
      void act({ type: 'reassign', unitIds: [...assignedUnitIds.filter((u) => u !== from), unitId] }).then(
        (ok) => ok && setReassignFrom(null),
      );
    } else void act({ type: 'dispatch', unitIds: [unitId] });
  };
  const bestUnitId = rankedUnitIds.find(free) ?? null;
  const desk: DispatchDesk = {
    alert,
    signedIn: Boolean(operator),
    legal,
    error,
    act,
    pendingConfirmation,
    confirm,
    cancelConfirmation: () => setPendingConfirmation(null),
    assignedUnitIds,
    rankedUnitIds,
    bestUnitId,
    canAssign,
    assign,
    take: (unitId) => {
      if (operator && legal.includes('dispatch'))
        void send({ type: 'dispatch', unitIds: [unitId] }, undefined, true);
    },
    reassignFrom,
    startReassign: (unitId) => legal.includes('reassign') && setReassignFrom(unitId),
    cancelReassign: () => setReassignFrom(null),
    recall: (unitId) => void act({ type: 'recall', unitId }),
  };

  // Keys bound in the shortcut registry (A, D, 1-9, Esc while reassigning), for the signed-in officer.
  useKeyContext('signedIn', desk.signedIn);
  useKeyContext('reassigning', reassignFrom !== null);
  useCommand('dispatch.acknowledge', () => {
    if (legal.includes('acknowledge')) void act({ type: 'acknowledge' });
  });
  useCommand('dispatch.assignBest', () => {
    if (bestUnitId && legal.includes('dispatch')) desk.assign(bestUnitId);
  });
  useCommand('dispatch.assignRanked', ({ index }) => {
    const unitId = rankedUnitIds[index];
    if (unitId) desk.assign(unitId);
  });
  useCommand('dispatch.cancelReassign', () => setReassignFrom(null));
  return desk;
}
