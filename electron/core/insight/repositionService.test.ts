import { afterEach, describe, expect, it } from 'vitest';
import { dispatchHarness, HARNESS_UNITS } from '../../../tests/unit/dispatchHarness';
import { createRepositionService, hourDemand } from './repositionService';
import { insertAlerts, storedAlert } from './testAlerts';
import type { Router } from '../../../node/routing';

let harness: Awaited<ReturnType<typeof dispatchHarness>>;
afterEach(() => harness?.close());

const service = () =>
  createRepositionService({
    db: harness.repo.db,
    pack: { units: HARNESS_UNITS },
    router: () => ({}) as Router,
    units: () => harness.repo.units.list(),
    outbox: () => harness.outbox,
    kick: () => {},
  });

describe('repositioning moves as commands', () => {
  it('sends an idle unit’s move through the outbox as unit.reposition', async () => {
    harness = await dispatchHarness();
    const { commandId } = service().send('U01', { lng: 112.86, lat: 35.51 });
    expect(harness.outbox.recent()[0]).toMatchObject({
      commandId,
      kind: 'unit.reposition',
      payload: { unitId: 'U01', lng: 112.86, lat: 35.51 },
    });
  });
  it('refuses to move a busy unit', async () => {
    harness = await dispatchHarness();
    harness.status({
      unitId: 'U02',
      status: 'en_route',
      at: '2026-11-20T11:00:20.000Z',
      alertId: '110-20261120-0001',
    });
    expect(() => service().send('U02', { lng: 112.86, lat: 35.51 })).toThrow(
      /U02 is en_route, not available/,
    );
    expect(() => service().send('U99', { lng: 112.86, lat: 35.51 })).toThrow(/Unknown unit/);
    expect(harness.outbox.recent().filter((c) => c.kind === 'unit.reposition')).toEqual([]);
  });
  it('takes as demand the alerts of the same city hour over the recent weeks', async () => {
    harness = await dispatchHarness();
    const now = Date.parse('2026-11-30T11:30:00Z'); // 19:30 city time
    insertAlerts(harness.repo, [
      storedAlert({ id: 'h1', reportedAt: '2026-11-24T19:10:00+08:00' }),
      storedAlert({ id: 'h2', reportedAt: '2026-11-10T19:59:00+08:00' }),
      storedAlert({ id: 'h3', reportedAt: '2026-11-23T20:10:00+08:00' }),
      storedAlert({ id: 'h4', reportedAt: '2026-10-01T19:10:00+08:00' }),
    ]);
    // h1, h2 and the harness's own alert (2026-11-20 19:00:05 +08:00); h3 is another hour, h4 too old.
    expect(hourDemand(harness.repo.db, now, 19, 4)).toHaveLength(3);
    expect(hourDemand(harness.repo.db, now, 19, 1)).toHaveLength(1);
  });
});
