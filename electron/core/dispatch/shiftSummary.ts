import type { ShiftSummary } from '../../../shared/contract/dispatchContract';
import { isTransferOverdue, type AlertLifecycle } from '../../../shared/domain/lifecycle';

/** Midnight of `now`'s day in the console's local time zone: the duty day the shift view counts. */
export function localDayStart(now: Date): Date {
  const start = new Date(now.getTime());
  start.setHours(0, 0, 0, 0);
  return start;
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ShiftRows {
  counts: readonly { status: string; n: number }[];
  dispatched: number;
  /** Every arrival on today's alerts, earliest first. */
  arrivals: readonly { alert_id: string; response_seconds: number; tier_met: number | null }[];
  transferred: readonly AlertLifecycle[];
}

/**
 * Today's shift from its rows. Response time is the alert's (接警 → first unit on scene), so
 * reinforcement arriving later neither lowers nor raises it; the 1-3-5 share is judged on that
 * first arrival too.
 */
export function summariseShift(
  rows: ShiftRows,
  since: string,
  nowIso: string,
  outbox: Record<string, number>,
): Omit<ShiftSummary, 'auditHead'> {
  const first = new Map<string, { seconds: number; met: number | null }>();
  for (const a of rows.arrivals)
    if (!first.has(a.alert_id)) first.set(a.alert_id, { seconds: a.response_seconds, met: a.tier_met });
  const seconds = [...first.values()].map((f) => f.seconds).sort((a, b) => a - b);
  const judged = [...first.values()].filter((f) => f.met !== null);
  return {
    since,
    countsByStatus: Object.fromEntries(rows.counts.map((c) => [c.status, c.n])),
    dispatches: rows.dispatched,
    arrived: first.size,
    medianResponseSeconds: median(seconds),
    tierMetShare: judged.length ? judged.filter((f) => f.met === 1).length / judged.length : null,
    overdueTransfers: rows.transferred.filter((s) => isTransferOverdue(s, nowIso)).length,
    outbox,
  };
}
