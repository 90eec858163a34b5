import type { Alert } from './alert';

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

/** Masks a caller's phone for display: 13812345678 → 138****5678. The full number stays stored. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 8) return digits.slice(0, 1) + '*'.repeat(digits.length - 3) + digits.slice(-2);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}
