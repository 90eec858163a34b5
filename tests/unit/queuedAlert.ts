import type { Alert } from '../../shared/domain/alert';

/**
 * An open alert as the console holds it (received, seq and revision 1), for the queue and store
 * tests: only what a case is about is passed in.
 */
export function queuedAlert(id: string, overrides: Partial<Alert> = {}): Alert {
  const reportedAt = overrides.reportedAt ?? '2026-11-20T19:00:00+08:00';
  return {
    id,
    source: '110',
    category: 'theft',
    priority: 1,
    reportedAt,
    location: { lng: 112.85, lat: 35.5, crs: 'WGS84' },
    position: { lng: 112.85, lat: 35.5 },
    address: '测试路',
    caller: { phone: '13800000000' },
    description: '',
    status: 'received',
    receivedAt: '2026-11-20T11:00:00.000Z',
    seq: 1,
    revision: 1,
    ...overrides,
  };
}
