import { afterEach, describe, expect, it } from 'vitest';
import { dispatchHarness } from '../../../tests/unit/dispatchHarness';
import { localDayStart } from './shiftSummary';
import { alertReport } from '../../../tests/unit/fixtures';

const ID = '110-20261120-0001';
let harness: Awaited<ReturnType<typeof dispatchHarness>>;
afterEach(() => harness?.close());

const at = (iso: string) => ({ at: iso, alertId: ID });

describe('DispatchService: several units, recall and reassign', () => {
  it('assigns a second ranked unit as reinforcement and recalls one unit while the other carries on', async () => {
    harness = await dispatchHarness();
    const { service, commands, status } = harness;
    service.act(ID, { type: 'dispatch', unitIds: ['U02'] });
    status({ unitId: 'U02', status: 'dispatched', ...at('2026-11-20T11:00:11.000Z') });
    service.act(ID, { type: 'dispatch', unitIds: ['U03'] });
    expect(service.history(ID).unitIds).toEqual(['U02', 'U03']);

    expect(service.act(ID, { type: 'recall', unitId: 'U02' }).status).toBe('dispatched');
    expect(commands()).toEqual([
      expect.objectContaining({ kind: 'unit.assign', unitId: 'U02', alertId: ID }),
      expect.objectContaining({ kind: 'unit.assign', unitId: 'U03', alertId: ID }),
      { kind: 'unit.recall', unitId: 'U02' },
    ]);
    const history = service.history(ID);
    expect(history.unitIds).toEqual(['U03']);
    expect(history.dispatches.map((d) => [d.unitId, d.released])).toEqual([
      ['U02', true],
      ['U03', false],
    ]);
    expect(history.events.at(-1)).toMatchObject({ action: 'recall', operator: 'duty' });
    expect(harness.audit.recent(1)[0]).toMatchObject({
      action: 'alert.recall',
      operator: 'duty',
      subject: `alert:${ID}`,
    });

    // Recalling the last unit leaves nobody on the way: the alert waits for a fresh dispatch.
    expect(service.act(ID, { type: 'recall', unitId: 'U03' }).status).toBe('acknowledged');
    expect(() => service.act(ID, { type: 'recall', unitId: 'U03' })).toThrow(
      /cannot recall: alert is acknowledged/,
    );
  });

  it('reassigns one unit to another: the kept unit may be busy, the new one is assigned and the old one recalled', async () => {
    harness = await dispatchHarness();
    const { service, commands, status } = harness;
    service.act(ID, { type: 'dispatch', unitIds: ['U01', 'U02'] });
    status({ unitId: 'U01', status: 'en_route', ...at('2026-11-20T11:00:20.000Z') });
    status({ unitId: 'U02', status: 'en_route', ...at('2026-11-20T11:00:20.000Z') });
    expect(service.act(ID, { type: 'reassign', unitIds: ['U01', 'U03'] }).status).toBe('dispatched');
    expect(commands().slice(2)).toEqual([
      expect.objectContaining({ kind: 'unit.assign', unitId: 'U03', alertId: ID }),
      { kind: 'unit.recall', unitId: 'U02' },
    ]);
    expect(service.history(ID).unitIds).toEqual(['U01', 'U03']);
    // The replacement itself must be free.
    status({ unitId: 'U03', status: 'dispatched', ...at('2026-11-20T11:00:21.000Z') });
    harness.feed('unit.status', [
      { unitId: 'U02', status: 'dispatched', at: '2026-11-20T11:00:22.000Z', alertId: 'elsewhere' },
    ]);
    expect(() => service.act(ID, { type: 'reassign', unitIds: ['U01', 'U02'] })).toThrow(
      /is dispatched, not available/,
    );
    expect(harness.audit.verify()).toMatchObject({ ok: true });
  });
});

describe('DispatchService: arrival from live positions', () => {
  it('detects the first arrival and the reinforcement arriving after it, each once', async () => {
    harness = await dispatchHarness();
    const { service, feed, events } = harness;
    const scene = harness.repo.alerts.get(ID)!.position;
    service.act(ID, { type: 'dispatch', unitIds: ['U01', 'U02'] });
    const fix = (unitId: string, dLat: number, iso: string) => ({
      unitId,
      lng: scene.lng,
      lat: scene.lat + dLat,
      heading: 0,
      speed: 5,
      at: iso,
    });

    // 500 m away: not there yet.
    service.onPositions([fix('U01', 0.0045, '2026-11-20T11:01:00.000Z')]);
    expect(service.history(ID).dispatches.every((d) => d.arrivedAt === null)).toBe(true);

    const first = [fix('U01', 0.0002, '2026-11-20T11:02:00.000Z')];
    feed('unit.position', first);
    service.onPositions(first);
    expect(harness.repo.alerts.get(ID)!.status).toBe('on_scene');
    expect(service.history(ID).responseSeconds).toBe(120);

    // U02 arrives later, when the alert is already on scene: its own arrival is recorded too.
    const later = [
      fix('U02', -0.0003, '2026-11-20T11:04:30.000Z'),
      fix('U01', 0.0001, '2026-11-20T11:04:30.000Z'),
    ];
    const before = events.length;
    service.onPositions(later);
    service.onPositions(later);
    const d = service.history(ID).dispatches;
    expect(d.map((r) => [r.unitId, r.arrivedAt, r.responseSeconds, r.tierMet])).toEqual([
      ['U01', '2026-11-20T11:02:00.000Z', 120, true],
      ['U02', '2026-11-20T11:04:30.000Z', 270, false],
    ]);
    expect(service.history(ID).responseSeconds).toBe(120);
    // One change announced for U02's arrival; repeated fixes of arrived units are not news.
    expect(events.slice(before).filter((e) => e.name === 'alerts.historyChanged')).toHaveLength(1);
    expect(service.history(ID).events.filter((e) => e.toStatus === 'on_scene')).toHaveLength(1);
  });

  it('ignores a recalled unit that drives past the scene', async () => {
    harness = await dispatchHarness();
    const { service } = harness;
    const scene = harness.repo.alerts.get(ID)!.position;
    service.act(ID, { type: 'dispatch', unitIds: ['U01', 'U02'] });
    service.act(ID, { type: 'recall', unitId: 'U02' });
    service.onPositions([
      { unitId: 'U02', lng: scene.lng, lat: scene.lat, heading: 0, speed: 5, at: '2026-11-20T11:01:00.000Z' },
    ]);
    expect(harness.repo.alerts.get(ID)!.status).toBe('dispatched');
    expect(service.history(ID).dispatches.every((r) => r.arrivedAt === null)).toBe(true);
  });
});

describe('DispatchService: the tier target is the one the unit was sent under', () => {
  it('judges the arrival against the target decided at dispatch, not the unit as it arrives', async () => {
    // Like the 1-minute at-post rule: standing still at the post → 60 s; moving → 600 s.
    const tierFor = (unit: { position: { speed: number } | null }) => ({
      targetSeconds: unit.position?.speed === 0 ? 60 : 600,
    });
    harness = await dispatchHarness({ tierFor });
    const { service, feed } = harness;
    const home = { lng: 112.85, lat: 35.5 };
    feed('unit.position', [{ unitId: 'U01', ...home, heading: 0, speed: 0, at: '2026-11-20T11:00:05.000Z' }]);
    service.act(ID, { type: 'dispatch', unitIds: ['U01'] });
    // On its way the unit moves: asked now, the rule would give 600 s and call 100 s a success.
    feed('unit.position', [{ unitId: 'U01', ...home, heading: 0, speed: 8, at: '2026-11-20T11:01:00.000Z' }]);
    harness.clock.now = Date.parse('2026-11-20T11:01:40Z');
    service.act(ID, { type: 'arrive', unitId: 'U01' });
    const [record] = service.history(ID).dispatches;
    expect(record).toMatchObject({ unitId: 'U01', tierTargetSeconds: 60, tierMet: false });
  });
});

describe('DispatchService: merge keeps callers, reports and units', () => {
  it('moves the duplicate’s units to the surviving alert instead of recalling them, and shows every caller', async () => {
    harness = await dispatchHarness({
      alerts: [
        {},
        {
          id: 'dup',
          reportedAt: '2026-11-20T19:01:00+08:00',
          caller: { phone: '13900000000' },
          description: '金店门口有人持刀',
        },
      ],
    });
    const { service, commands } = harness;
    service.act('dup', { type: 'dispatch', unitIds: ['U02'] });
    expect(service.act('dup', { type: 'merge', intoAlertId: ID }).status).toBe('merged');
    expect(commands().map((c) => c.kind)).toEqual(['unit.assign', 'unit.assign']);
    expect(commands()[1]).toMatchObject({ unitId: 'U02', alertId: ID });
    const survivor = service.history(ID);
    expect(survivor.unitIds).toEqual(['U02']);
    expect(harness.repo.alerts.get(ID)!.status).toBe('dispatched');
    expect(survivor.events.at(-1)).toMatchObject({ action: 'dispatch', operator: 'duty' });

    const view = service.merged(ID);
    expect(view.alertIds).toEqual([ID, 'dup']);
    expect(view.callers.map((c) => c.phone)).toEqual(['13812345678', '13900000000']);
    expect(view.reports.map((r) => r.description)).toContain('金店门口有人持刀');
    expect(harness.audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses to merge into a finished alert', async () => {
    harness = await dispatchHarness({ alerts: [{}, { id: 'dup' }] });
    const { service } = harness;
    service.act(ID, { type: 'acknowledge' });
    service.act(ID, { type: 'resolve', result: '电话处置' });
    expect(() => service.act('dup', { type: 'merge', intoAlertId: ID })).toThrow(
      /cannot merge dup into .*: it is resolved/,
    );
    expect(harness.repo.alerts.get('dup')!.status).toBe('received');
  });
});

describe('DispatchService: transferred cases', () => {
  it('lists transferred cases with due time and overdue flag until feedback closes them', async () => {
    harness = await dispatchHarness({
      alerts: [
        { id: 'A', source: '12345', category: 'public_facility' },
        { id: 'B', source: '12345', category: 'complaint' },
      ],
    });
    const { service, clock } = harness;
    service.act('A', {
      type: 'transfer',
      target: 'department',
      department: '市城管局',
      dueAt: '2026-11-20T12:00:00.000Z',
    });
    service.act('B', {
      type: 'transfer',
      target: 'department',
      department: '市场监管局',
      dueAt: '2026-11-20T11:30:00.000Z',
    });
    expect(service.transferred().map((c) => [c.alert.id, c.department, c.overdue])).toEqual([
      ['B', '市场监管局', false],
      ['A', '市城管局', false],
    ]);
    clock.now = Date.parse('2026-11-20T11:45:00Z');
    expect(service.transferred().map((c) => [c.alert.id, c.overdue])).toEqual([
      ['B', true],
      ['A', false],
    ]);
    expect(service.shiftSummary().overdueTransfers).toBe(1);
    expect(service.act('B', { type: 'close', feedback: '已整改，回访满意' }).status).toBe('closed');
    expect(service.transferred().map((c) => c.alert.id)).toEqual(['A']);
  });
});

describe('DispatchService: shift view', () => {
  it('counts today’s alerts by state, and takes the median over each alert’s first arrival', async () => {
    const clock = Date.parse('2026-11-20T15:00:00Z');
    const midnight = localDayStart(new Date(clock)).getTime();
    const iso = (offsetS: number) => new Date(midnight + offsetS * 1000).toISOString();
    harness = await dispatchHarness({
      clock,
      receivedAt: iso(3600),
      alerts: [
        { id: 'A' },
        { id: 'B', category: 'theft' },
        { id: 'C', source: '12345', category: 'complaint' },
        { id: 'D', category: 'noise' },
      ],
    });
    const { service, feed, status } = harness;
    feed('alert', [alertReport({ id: 'YESTERDAY' })], iso(-60));

    service.act('A', { type: 'dispatch', unitIds: ['U01', 'U02'] });
    status({ unitId: 'U01', status: 'on_scene', at: iso(3600 + 100), alertId: 'A' });
    status({ unitId: 'U02', status: 'on_scene', at: iso(3600 + 400), alertId: 'A' });
    service.act('B', { type: 'dispatch', unitIds: ['U03'] });
    status({ unitId: 'U03', status: 'on_scene', at: iso(3600 + 200), alertId: 'B' });
    service.act('C', { type: 'transfer', target: 'department', department: '市城管局', dueAt: iso(90_000) });
    service.act('D', { type: 'cancel', reason: '误报' });

    const summary = service.shiftSummary();
    expect(summary.since).toBe(new Date(midnight).toISOString());
    expect(summary.countsByStatus).toEqual({ on_scene: 2, transferred: 1, cancelled: 1 });
    expect(summary.dispatches).toBe(3);
    expect(summary.arrived).toBe(2);
    // A's first arrival (100 s) and B's (200 s); U02's 400 s reinforcement does not count.
    expect(summary.medianResponseSeconds).toBe(150);
    // Judged on first arrivals against the 180 s target: A met, B missed (per unit it would be 1 of 3).
    expect(summary.tierMetShare).toBe(0.5);
  });
});
