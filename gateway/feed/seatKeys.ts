/**
 * What a seat decision reads and what an envelope changes, as keys (`alert:<id>`, `unit:<id>`).
 * Several gateways on one shared log decide seat commands from their own view of it; a decision
 * is appended only if no envelope changing one of its command's keys was appended after the seq
 * it was decided at (LogStore `guard`), else it is decided again on the newer view. So the log's
 * order settles a race across gateways, as the one-command-at-a-time handler does within one.
 */

const alertKey = (id: unknown): string[] => (typeof id === 'string' ? [`alert:${id}`] : []);
const unitKey = (id: unknown): string[] => (typeof id === 'string' ? [`unit:${id}`] : []);
const field = (payload: unknown, name: string): unknown =>
  payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>)[name] : undefined;

/** The seat state an envelope changes (owner of an alert, its steps, a unit's commitment). */
export function envelopeSeatKeys(type: string, payload: unknown): string[] {
  switch (type) {
    case 'alert.owner':
    case 'alert.step':
      return alertKey(field(payload, 'alertId'));
    case 'unit.assignment':
      return [
        ...unitKey(field(payload, 'unitId')),
        ...alertKey(field(payload, 'alertId')),
        ...alertKey(field(field(payload, 'reassignedFrom'), 'alertId')),
      ];
    default:
      return [];
  }
}

/** The seat state the arbiter reads to decide a console command (none: not a seat decision). */
export function commandSeatKeys(kind: string, payload: unknown): string[] {
  switch (kind) {
    case 'alert.claim':
    case 'alert.step':
      return alertKey(field(payload, 'alertId'));
    case 'unit.assign':
      return [...alertKey(field(payload, 'alertId')), ...unitKey(field(payload, 'unitId'))];
    case 'unit.status':
    case 'unit.recall':
      return unitKey(field(payload, 'unitId'));
    default:
      return [];
  }
}
