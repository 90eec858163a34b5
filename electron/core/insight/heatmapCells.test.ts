import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { tempDir } from '../../../tests/unit/fixtures';
import { HeatmapQuerySchema, type HeatCell } from '../../../shared/contract/insightContract';
import type { Alert, AlertStatus } from '../../../shared/domain/alert';
import { cityHour } from '../../../shared/domain/cityTime';
import { heatWeight } from '../../../shared/domain/heatWeight';
import { heatmapPoints } from './heatmap';
import { HeatDayCache } from './heatDayCache';
import { insertAlerts, storedAlert } from './testAlerts';

const CATS = ['theft', 'fight', 'robbery'] as const;

/** A deterministic spread: 3 days, every hour, a few cells, every priority, some merged / transferred / cancelled. */
function fixture(prefix: string, n: number, salt: number): Alert[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i * 7919 + salt;
    const status: AlertStatus = (
      ['closed', 'closed', 'closed', 'merged', 'transferred', 'cancelled'] as const
    )[k % 6]!;
    return storedAlert({
      id: `${prefix}${i}`,
      reportedAt: new Date(Date.UTC(2026, 10, 19, 16) + (k % (3 * 86_400)) * 1000).toISOString(),
      lng: 112.85 + (k % 5) * 0.0013,
      lat: 35.49 + (k % 7) * 0.0011,
      category: CATS[k % 3]!,
      priority: ((k % 4) + 1) as Alert['priority'],
      status,
    });
  });
}

/** The cells by hand from the stored alerts: what the heat map must return. */
function expected(
  alerts: readonly Alert[],
  from: string,
  to: string,
  cats?: string[],
  hour?: number,
): ReturnType<typeof sorted> {
  const m = new Map<string, HeatCell>();
  for (const a of alerts) {
    const t = Date.parse(a.reportedAt);
    if (t < Date.parse(from) || t >= Date.parse(to) || a.status === 'merged' || a.status === 'transferred')
      continue;
    if (cats && !cats.includes(a.category)) continue;
    if (hour !== undefined && cityHour(a.reportedAt) !== hour) continue;
    const [x, y] = [Math.trunc(a.position.lng / 0.002), Math.trunc(a.position.lat / 0.002)];
    const c = m.get(`${x},${y}`) ?? { lng: (x + 0.5) * 0.002, lat: (y + 0.5) * 0.002, count: 0, weight: 0 };
    c.count++;
    c.weight += heatWeight(a.priority);
    m.set(`${x},${y}`, c);
  }
  return sorted([...m.values()]);
}

const sorted = (cells: readonly HeatCell[]) =>
  [...cells]
    .sort((a, b) => a.lng - b.lng || a.lat - b.lat)
    .map((c) => ({
      lng: c.lng.toFixed(6),
      lat: c.lat.toFixed(6),
      count: c.count,
      weight: c.weight.toFixed(6),
    }));

describe('heat map cells (cell-ordered index, migration 16)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  let stored: Alert[];
  /** Kept across check() calls within a test: later writes must reach it through the day stamps (migration 19). */
  let cache: HeatDayCache;
  beforeEach(() => {
    cache = new HeatDayCache();
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    stored = fixture('h', 400, 1);
    insertAlerts(repo, stored);
  });
  afterEach(() => {
    repo.close();
    tmp.cleanup();
  });

  const cases: { from: string; to: string; categories?: string[]; hour?: number }[] = [
    { from: '2026-11-19T16:00:00Z', to: '2026-11-22T16:00:00Z' },
    { from: '2026-11-20T03:17:00Z', to: '2026-11-21T09:00:00Z' },
    { from: '2026-11-19T16:00:00Z', to: '2026-11-22T16:00:00Z', categories: ['theft', 'robbery'] },
    { from: '2026-11-19T16:00:00Z', to: '2026-11-22T16:00:00Z', hour: 18 },
    { from: '2026-11-20T00:00:00Z', to: '2026-11-22T00:00:00Z', categories: ['fight'], hour: 3 },
  ];
  const check = () => {
    for (const c of cases) {
      const want = expected(stored, c.from, c.to, c.categories, c.hour);
      expect(want.length).toBeGreaterThan(1);
      const query = HeatmapQuerySchema.parse(c);
      for (const options of [{ cellPath: 'cell' as const }, { cellPath: 'period' as const }, {}, { cache }]) {
        const r = heatmapPoints(repo.db, query, 1, options);
        expect(r.capped).toBe(true);
        expect(sorted(r.cells)).toEqual(want);
        expect(r.total).toBe(want.reduce((n, w) => n + w.count, 0));
      }
    }
  };

  it('equals the cells aggregated by hand from the alerts, through either index and from cached days', () => {
    check();
    const reads = cache.reads;
    expect(reads).toBeGreaterThan(0);
    check();
    // The second time every closed day came from the cache.
    expect(cache.reads).toBe(reads);
  });
  it('a first request with too many days missing answers uncached and reads the days in the background', async () => {
    const later = new HeatDayCache({ maxSyncReads: 0 });
    const query = HeatmapQuerySchema.parse(cases[0]!);
    const want = expected(stored, cases[0]!.from, cases[0]!.to);
    expect(sorted(heatmapPoints(repo.db, query, 1, { cache: later }).cells)).toEqual(want);
    await later.idle();
    const reads = later.reads;
    expect(reads).toBe(3);
    expect(sorted(heatmapPoints(repo.db, query, 1, { cache: later }).cells)).toEqual(want);
    expect(later.reads).toBe(reads);
  });
  it('still does after later writes, merges, transfers and cancellations', () => {
    check();
    const later = fixture('k', 150, 3);
    insertAlerts(repo, later);
    stored.push(...later);
    const set = repo.db.prepare('UPDATE alerts SET status = ? WHERE id = ?');
    for (const [i, status] of [
      [2, 'merged'],
      [5, 'transferred'],
      [8, 'cancelled'],
      [13, 'closed'],
    ] as const) {
      set.run(status, stored[i]!.id);
      stored[i] = { ...stored[i]!, status };
    }
    check();
  });
  it('ships the newest points only up to the capped limit, and all of them when not capped', () => {
    const q = HeatmapQuerySchema.parse({ from: '2026-11-19T16:00:00Z', to: '2026-11-22T16:00:00Z' });
    const all = heatmapPoints(repo.db, q, 10_000);
    expect(all.capped).toBe(false);
    const capped = heatmapPoints(repo.db, q, 100, { cappedLimit: 10 });
    expect(capped).toMatchObject({ capped: true, total: all.total });
    expect(capped.points.map((p) => p.id)).toEqual(all.points.slice(0, 10).map((p) => p.id));
  });
});
