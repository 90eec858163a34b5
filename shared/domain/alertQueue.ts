import { isOpen, type Alert } from './alert';

/**
 * Queue order: most urgent priority first; within a priority the one waiting longest first,
 * so an old urgent call is never pushed down by newer ones. Ties by id for a stable order.
 */
export function compareAlertsForQueue(a: Alert, b: Alert): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  const byTime = Date.parse(a.reportedAt) - Date.parse(b.reportedAt);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The same order as compareAlertsForQueue, with each report time parsed once rather than in every
 * comparison: the queue is re-sorted per feed batch, thousands of alerts at 100 alerts/s.
 */
export function sortAlertQueue(alerts: Iterable<Alert>): Alert[] {
  const keyed = [...alerts].map((alert) => ({ alert, at: Date.parse(alert.reportedAt) }));
  keyed.sort((a, b) => {
    if (a.alert.priority !== b.alert.priority) return a.alert.priority - b.alert.priority;
    if (a.at !== b.at) return a.at - b.at;
    return a.alert.id < b.alert.id ? -1 : a.alert.id > b.alert.id ? 1 : 0;
  });
  return keyed.map((k) => k.alert);
}

/** The officer's queue: the open alerts in queue order (closed ones stay known but are not queued). */
export function openAlertQueue(alerts: Iterable<Alert>): Alert[] {
  return sortAlertQueue([...alerts].filter((a) => isOpen(a.status)));
}

/** Above this many changes in one batch, re-sorting is cheaper than inserting one by one. */
const INCREMENTAL_MAX = 64;

/** Where `alert` belongs in `queue` (queue order): the first index not before it. */
function insertionIndex(queue: readonly Alert[], alert: Alert): number {
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAlertsForQueue(queue[mid]!, alert) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The open queue after a batch of new or changed alerts, equal to openAlertQueue over all of them,
 * without re-sorting the thousands already queued (at 100 alerts/s the queue was re-sorted per
 * feed batch): each changed alert leaves its old place and, if still open, is inserted at its
 * own by binary search. `before` holds the alerts as they were when `queue` was made from them.
 * Returns a new array; `queue` is not modified.
 */
export function updateOpenAlertQueue(
  queue: readonly Alert[],
  before: ReadonlyMap<string, Alert>,
  changed: readonly Alert[],
): Alert[] {
  if (changed.length > INCREMENTAL_MAX) {
    const all = new Map(before);
    for (const a of changed) all.set(a.id, a);
    return openAlertQueue(all.values());
  }
  const next = queue.slice();
  const latest = new Map<string, Alert>();
  for (const alert of changed) {
    const old = latest.get(alert.id) ?? before.get(alert.id);
    if (old && isOpen(old.status)) {
      const at = insertionIndex(next, old);
      const index = next[at]?.id === old.id ? at : next.findIndex((a) => a.id === old.id);
      if (index >= 0) next.splice(index, 1);
    }
    if (isOpen(alert.status)) next.splice(insertionIndex(next, alert), 0, alert);
    latest.set(alert.id, alert);
  }
  return next;
}

/** Masks a caller's phone for display: 13812345678 → 138****5678. The full number stays stored. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 8) return digits.slice(0, 1) + '*'.repeat(digits.length - 3) + digits.slice(-2);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}
