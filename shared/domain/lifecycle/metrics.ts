/**
 * Closed-loop measures over a lifecycle: response time (接警 → first arrival), the 1-3-5
 * minute tier (快速反应) and overdue 12345 hand-overs. Targets are arguments because cities
 * define the tiers differently (by unit, by zone, by severity: see docs on 1-3-5).
 */
import type { AlertLifecycle } from './stateMachine';

/** The usual 1, 3 and 5 minute targets, in seconds; a city's configuration may use others. */
export const DEFAULT_TIER_TARGETS_SECONDS: readonly number[] = [60, 180, 300];

const seconds = (fromIso: string, toIso: string): number => (Date.parse(toIso) - Date.parse(fromIso)) / 1000;

/** Seconds from receipt to the first unit on scene; null until someone has arrived. */
export function responseTimeSeconds(state: Pick<AlertLifecycle, 'receivedAt' | 'firstArrivalAt'>): number | null {
  return state.firstArrivalAt === null ? null : seconds(state.receivedAt, state.firstArrivalAt);
}

export interface TierAssessment {
  targetSeconds: number;
  /** Null while nobody has arrived. */
  responseSeconds: number | null;
  /** true/false once decided; null while still within the target and nobody has arrived. */
  met: boolean | null;
}

/**
 * Whether the response met `targetSeconds`. With `now`, an alert nobody has reached yet is
 * already a miss once the target has passed — the live queue wants to know before arrival.
 */
export function assessTier(state: Pick<AlertLifecycle, 'receivedAt' | 'firstArrivalAt'>, targetSeconds: number, now?: string): TierAssessment {
  if (!(targetSeconds > 0)) throw new RangeError(`target must be positive, got ${targetSeconds}`);
  const responseSeconds = responseTimeSeconds(state);
  if (responseSeconds !== null) return { targetSeconds, responseSeconds, met: responseSeconds <= targetSeconds };
  const missed = now !== undefined && seconds(state.receivedAt, now) > targetSeconds;
  return { targetSeconds, responseSeconds: null, met: missed ? false : null };
}

/** The smallest target the response met (e.g. 180 for a 2½-minute arrival with 60/180/300), or null. */
export function tierReached(responseSeconds: number, targetsSeconds: readonly number[] = DEFAULT_TIER_TARGETS_SECONDS): number | null {
  const met = targetsSeconds.filter((t) => responseSeconds <= t);
  return met.length === 0 ? null : Math.min(...met);
}

/**
 * A hand-over (12345 ↔ 110, or to a department) whose due time has passed with no feedback.
 * Only `transferred` counts: closing records the feedback, reopening takes the case back.
 */
export function isTransferOverdue(state: Pick<AlertLifecycle, 'status' | 'transfer'>, now: string): boolean {
  return state.status === 'transferred' && state.transfer !== null && Date.parse(state.transfer.dueAt) < Date.parse(now);
}

/** Seconds past the due time (positive) or left (negative); null when not transferred. */
export function transferSlackSeconds(state: Pick<AlertLifecycle, 'status' | 'transfer'>, now: string): number | null {
  if (state.status !== 'transferred' || state.transfer === null) return null;
  return seconds(state.transfer.dueAt, now);
}
