/**
 * Issue 13, "Amendment: priority raised and address corrected → one alert with two revisions on
 * both seats": one real gateway, two console runtimes (two data folders, real SQLite) connected
 * to it. Seat A claims the alert before the call-taker amends it; both seats then hold the one
 * alert at revision 2 with both revisions and what changed, and the owner is still seat A.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../tests/unit/gatewayFixtures';
import { runtimeFixtures } from '../../../tests/unit/runtimeFixtures';
import type { ConsoleRuntime } from '../consoleRuntime';

const fixtures = runtimeFixtures();

const ALERT = {
  id: '110-AMEND-SEATS-1',
  source: '110',
  category: 'theft',
  priority: 3,
  reportedAt: '2026-11-20T20:00:05+08:00',
  caller: { phone: '13800000000' },
  address: '文化路12号',
  description: 'amendment on two seats',
  location: { lng: 112.856, lat: 35.496, crs: 'WGS84' },
};

describe('an amendment seen by two seats', () => {
  it('keeps one alert with two revisions (what changed) on both seats, and its owner', async () => {
    const f = fixtures.fixture('seats-amend-');
    const gateway = await fixtures.gateway(f);
    const seat = (name: string): Promise<ConsoleRuntime> =>
      fixtures.runtime({
        dataDir: path.join(f.root, name),
        packDir: f.packDir,
        gatewayUrl: gateway.url,
        seatName: name,
      });
    const [a, b] = [await seat('seat-a'), await seat('seat-b')];
    const seats = [a, b];

    gateway.inject('alert', ALERT);
    await waitFor(
      () => seats.every((s) => s.repository.alerts.get(ALERT.id) !== null),
      5000,
      'alert on both seats',
    );
    await a.handlers['operator.signIn']({ username: 'duty', password: 'demo-1234' });
    await a.handlers['alerts.act']({ alertId: ALERT.id, action: { type: 'acknowledge' } });
    await waitFor(() => b.repository.seats.owner(ALERT.id) !== null, 5000, 'seat B sees the owner');

    gateway.inject('alert', { ...ALERT, priority: 1, address: '文化路21号', revision: 2 });
    await waitFor(
      () => seats.every((s) => s.repository.alerts.get(ALERT.id)?.revision === 2),
      5000,
      'amendment on both seats',
    );

    for (const s of seats) {
      const alerts = s.repository.alerts.list({ includeClosed: true });
      expect(alerts.map((x) => [x.id, x.priority, x.address, x.revision])).toEqual([
        [ALERT.id, 1, '文化路21号', 2],
      ]);
      // The amendment keeps the lifecycle the owner reached.
      expect(alerts[0]!.status).toBe('acknowledged');
      const revisions = await s.handlers['alerts.revisions']({ alertId: ALERT.id });
      expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
      expect(revisions[1]!.changes).toEqual([
        { field: 'priority', from: 3, to: 1 },
        { field: 'address', from: '文化路12号', to: '文化路21号' },
      ]);
      expect(s.repository.seats.owner(ALERT.id)).toMatchObject({ operator: 'duty', seat: 'seat-a' });
    }
    expect(a.repository.seats.owner(ALERT.id)?.mine).toBe(true);
    expect(b.repository.seats.owner(ALERT.id)?.mine).toBe(false);
  }, 30_000);
});
