/** Test helper: stores alerts straight into a console database (no feed), for the insight queries. */
import type { Alert } from '../../../shared/domain/alert';
import type { ConsoleRepository } from '../db/consoleRepository';

let seq = 0;

export function storedAlert(
  overrides: Partial<Alert> & { id: string; reportedAt: string; lng?: number; lat?: number },
): Alert {
  const lng = overrides.lng ?? 112.851;
  const lat = overrides.lat ?? 35.49;
  const { lng: _lng, lat: _lat, ...rest } = overrides;
  return {
    source: '110',
    category: 'theft',
    priority: 3,
    location: { lng, lat, crs: 'WGS84' },
    position: { lng, lat },
    address: '建设路与泽州路交叉口',
    caller: { phone: '13812345678' },
    description: 'test',
    status: 'closed',
    receivedAt: overrides.reportedAt,
    seq: ++seq,
    ...rest,
  } as Alert;
}

export function insertAlerts(repo: ConsoleRepository, alerts: readonly Alert[]): void {
  repo.db.transaction(() => {
    for (const a of alerts) repo.alerts.insert(a);
  })();
}
