/**
 * Closed-loop measures over a lifecycle: response time (接警 → first arrival) and overdue 12345
 * hand-overs. The 1-3-5 tier verdict is the routing's (node/routing/tiers.ts, passed to dispatch).
 */
import type { AlertLifecycle } from './lifecycleTypes';

const seconds = (fromIso: string, toIso: string): number => (Date.parse(toIso) - Date.parse(fromIso)) / 1000;

/** Seconds from receipt to the first unit on scene; null until someone has arrived. */
export function responseTimeSeconds(
  state: Pick<AlertLifecycle, 'receivedAt' | 'firstArrivalAt'>,
): number | null {
  return state.firstArrivalAt === null ? null : seconds(state.receivedAt, state.firstArrivalAt);
}

/**
 * A hand-over (12345 ↔ 110, or to a department) whose due time has passed with no feedback.
 * Only `transferred` counts: closing records the feedback, reopening takes the case back.
 */
export function isTransferOverdue(state: Pick<AlertLifecycle, 'status' | 'transfer'>, now: string): boolean {
  return (
    state.status === 'transferred' &&
    state.transfer !== null &&
    Date.parse(state.transfer.dueAt) < Date.parse(now)
  );
}

/** Seconds past the due time (positive) or left (negative); null when not transferred. */
export function transferSlackSeconds(
  state: Pick<AlertLifecycle, 'status' | 'transfer'>,
  now: string,
): number | null {
  if (state.status !== 'transferred' || state.transfer === null) return null;
  return seconds(state.transfer.dueAt, now);
}
