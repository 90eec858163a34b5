import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { DEFAULT_TIER_CONFIG, evaluateTier } from '../../../node/routing';
import { tempDir } from '../../../tests/unit/fixtures';
import { DEMO_HISTORY_META, generateDemoHistory, seedDemoHistoryIfFresh } from './demoHistory';
import { StatsService } from './statsService';
import { localDate } from './period';
import { calibrate } from '../insight/etaCalibration';
import { etaSamples } from '../insight/etaService';
import type { Unit } from '../../../shared/domain/unit';
import type { Alert } from '../../../shared/domain/alert';

const UNITS = ['car', 'car', 'ebike', 'foot', 'special'].map((type, i) => ({
  id: `U${i}`,
  callsign: `单元${i}`,
  type: type as 'car',
  districtId: `D${i % 2}`,
  home: { lng: 112.85 + i * 0.01, lat: 35.5 },
}));
const END = new Date(2026, 10, 20);
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function freshDb(): { db: Db; repo: ConsoleRepository } {
  const tmp = tempDir('demo-history-');
  const repo = new ConsoleRepository(openDatabase(tmp.dir));
  repo.seedFromPack({ manifest: { id: 'demo' }, units: UNITS, cameras: [], checkpoints: [] } as never);
  cleanups.push(() => {
    repo.close();
    tmp.cleanup();
  });
  return { db: repo.db, repo };
}
const options = (repo: ConsoleRepository) => ({
  units: repo.units.list(),
  tierFor: (unit: Unit, alert: Alert) => evaluateTier(DEFAULT_TIER_CONFIG, unit, alert, null).targetSeconds,
});
const dump = (db: Db) => ({
  alerts: db.prepare('SELECT * FROM alerts ORDER BY id').all(),
  dispatches: db.prepare('SELECT * FROM dispatches ORDER BY id').all(),
  events: db.prepare('SELECT * FROM alert_events ORDER BY id').all(),
  stats: db.prepare('SELECT * FROM alert_stats ORDER BY alert_id').all(),
});

describe('demo history', () => {
  it('is deterministic: the same seed, end day and units give the same rows', () => {
    const a = freshDb();
    const b = freshDb();
    const ra = generateDemoHistory(a.db, { ...options(a.repo), end: END, perDay: 20 });
    generateDemoHistory(b.db, { ...options(b.repo), end: END, perDay: 20 });
    expect(ra.alerts).toBeGreaterThan(30 * 15);
    expect(ra).toMatchObject({ from: '2026-10-21', to: '2026-11-19' });
    expect(dump(a.db)).toEqual(dump(b.db));
    const c = freshDb();
    generateDemoHistory(c.db, { ...options(c.repo), end: END, perDay: 20, seed: 7 });
    expect(dump(c.db).alerts).not.toEqual(dump(a.db).alerts);
  });

  it('is marked as demo history and gives the statistics view content', () => {
    const { db, repo } = freshDb();
    generateDemoHistory(db, { ...options(repo), end: END });
    expect(
      db
        .prepare("SELECT COUNT(*) FROM alerts WHERE origin <> 'demo-history' OR id NOT LIKE 'DEMO-H-%'")
        .pluck()
        .get(),
    ).toBe(0);
    expect(db.prepare('SELECT DISTINCT operator FROM alert_events').pluck().all()).toEqual([
      'system:demo-history',
    ]);
    const r = new StatsService(db, { now: () => END }).query({
      period: { kind: 'custom', from: '2026-10-21', to: '2026-11-19' },
    });
    expect(r.demoHistory).toBe(r.kpis.alerts);
    expect(r.kpis.tierJudged).toBeGreaterThan(1000);
    expect(r.kpis.tierRate).toBeGreaterThan(0.3);
    expect(r.kpis.tierRate).toBeLessThan(0.95);
    expect(r.kpis.responseP50).toBeGreaterThan(60);
    expect(r.kpis.handlingP50).toBeGreaterThan(0);
    expect(r.kpis.closureRate12345).toBeGreaterThan(0.8);
    expect(r.kpis.overdue).toBeGreaterThan(0);
    expect(r.histogram.filter((bin) => bin.count > 0).length).toBeGreaterThan(5);
    expect(r.daily.every((d) => d.alerts > 0)).toBe(true);
    expect(r.tiers.map((t) => t.targetSeconds)).toEqual(expect.arrayContaining([180, 300]));
  });

  it('gives the ETA calibration content: a predicted ETA, unit type and road class per arrival, late most on small roads', () => {
    const { db, repo } = freshDb();
    generateDemoHistory(db, { ...options(repo), end: END, perDay: 20 });
    expect(
      db
        .prepare('SELECT COUNT(*) FROM dispatches WHERE arrived_at IS NOT NULL AND road_class IS NULL')
        .pluck()
        .get(),
    ).toBe(0);
    const r = calibrate(etaSamples(db, END.getTime() - 30 * 86_400_000), {}, { from: '', to: '' });
    expect(r.samples).toBeGreaterThan(300);
    const byClass = Object.fromEntries(r.byRoadClass.map((c) => [c.roadClass, c]));
    expect(Object.keys(byClass)).toEqual(['trunk', 'primary', 'secondary', 'tertiary', 'residential']);
    expect(byClass.residential!.ratio).toBeGreaterThan(byClass.primary!.ratio);
    expect(r.byUnitType.map((u) => u.unitType).sort()).toEqual(['car', 'ebike', 'foot', 'special']);
  });

  it('is written only into a fresh live folder of a synthetic pack', () => {
    const now = new Date(2026, 10, 20, 9);
    const drill = freshDb();
    expect(
      seedDemoHistoryIfFresh(drill.db, { mode: 'drill:x', synthetic: true, now }, options(drill.repo)),
    ).toBeNull();
    const real = freshDb();
    expect(
      seedDemoHistoryIfFresh(real.db, { mode: 'live', synthetic: false, now }, options(real.repo)),
    ).toBeNull();
    expect(real.db.prepare('SELECT COUNT(*) FROM alerts').pluck().get()).toBe(0);
    const demo = freshDb();
    const seeded = seedDemoHistoryIfFresh(
      demo.db,
      { mode: 'live', synthetic: true, now },
      options(demo.repo),
    );
    expect(seeded?.to).toBe(localDate(new Date(2026, 10, 19)));
    expect(demo.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(DEMO_HISTORY_META)).toContain(
      'demo-history',
    );
    // Started again: nothing more.
    expect(
      seedDemoHistoryIfFresh(demo.db, { mode: 'live', synthetic: true, now }, options(demo.repo)),
    ).toBeNull();
  });
});
