import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { tempDir } from '../../../tests/unit/fixtures';
import { HeatmapQuerySchema } from '../../../shared/contract/insightContract';
import { cityHour } from '../../../shared/domain/cityTime';
import { heatmapPoints } from './heatmap';
import { insertAlerts, storedAlert } from './testAlerts';

describe('heatmapPoints', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  beforeEach(() => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    insertAlerts(repo, [
      storedAlert({ id: 'a1', reportedAt: '2026-11-20T19:00:05+08:00', category: 'theft' }),
      storedAlert({ id: 'a2', reportedAt: '2026-11-20T11:10:00Z', category: 'fight' }), // 19:10 city time
      storedAlert({ id: 'a3', reportedAt: '2026-11-20T08:30:00+08:00', category: 'theft' }),
      storedAlert({ id: 'a4', reportedAt: '2026-11-10T19:30:00+08:00', category: 'theft' }), // before the period
      storedAlert({ id: 'a5', reportedAt: '2026-11-21T00:30:00+08:00', category: 'theft', status: 'merged' }),
      storedAlert({ id: 'a6', reportedAt: '2026-11-21T00:40:00+08:00', category: 'robbery', priority: 1 }),
    ]);
  });
  afterEach(() => {
    repo.close();
    tmp.cleanup();
  });
  const q = (extra: object = {}) =>
    HeatmapQuerySchema.parse({ from: '2026-11-19T16:00:00Z', to: '2026-11-21T16:00:00Z', ...extra });

  it('returns the period’s alerts, newest first, without merged ones', () => {
    const r = heatmapPoints(repo.db, q());
    expect(r.points.map((p) => p.id)).toEqual(['a6', 'a2', 'a1', 'a3']);
    expect(r).toMatchObject({ total: 4, capped: false });
    expect(r.points[0]).toMatchObject({ priority: 1, category: 'robbery' });
  });
  it('filters by category and by the hour of day in city time, whatever offset the report used', () => {
    expect(heatmapPoints(repo.db, q({ categories: ['theft'] })).points.map((p) => p.id)).toEqual([
      'a1',
      'a3',
    ]);
    expect(heatmapPoints(repo.db, q({ hour: 19 })).points.map((p) => p.id)).toEqual(['a2', 'a1']);
    expect(
      heatmapPoints(repo.db, q({ hour: 0, categories: ['robbery', 'theft'] })).points.map((p) => p.id),
    ).toEqual(['a6']);
  });
  it('caps the points but counts them all, and heats from every one on a grid aggregated in SQL', () => {
    const r = heatmapPoints(repo.db, q(), 2);
    expect(r).toMatchObject({ total: 4, capped: true, points: [{ id: 'a6' }, { id: 'a2' }] });
    // storedAlert puts them all at one place: one cell, four alerts, a6 urgent (1) + three of priority 3 (0.5).
    expect(r.cells).toHaveLength(1);
    expect(r.cells[0]!.count).toBe(4);
    expect(r.cells[0]!.weight).toBeCloseTo(1 + 3 * 0.5);
    expect(heatmapPoints(repo.db, q({ categories: ['theft'], hour: 8 }), 0)).toMatchObject({
      total: 1,
      capped: true,
      points: [],
      cells: [{ count: 1 }],
    });
    expect(heatmapPoints(repo.db, q()).cells).toEqual([]);
  });
  it('refuses a period that ends before it starts', () => {
    expect(
      HeatmapQuerySchema.safeParse({ from: '2026-11-21T00:00:00Z', to: '2026-11-20T00:00:00Z' }).success,
    ).toBe(false);
  });
});

describe('cityHour', () => {
  it('is the hour in UTC+8', () => {
    expect(cityHour('2026-11-20T19:00:05+08:00')).toBe(19);
    expect(cityHour('2026-11-20T16:59:00Z')).toBe(0);
    expect(cityHour('2026-11-20T15:59:00Z')).toBe(23);
    expect(cityHour('nonsense')).toBe(-1);
  });
});
