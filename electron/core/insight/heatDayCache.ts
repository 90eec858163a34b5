/**
 * The heat map's cells by closed city day, kept in memory (警情云图 of a month of a large city).
 *
 * A month is 500,000 alerts; aggregating them into grid cells reads every one (0.4–0.9 s, seconds
 * under load), and a stored rollup by day × cell × category × hour would hold about one row per
 * alert (heatmapCellMigration.ts). But a past day's cells change only when one of its alerts is
 * written again, and the database stamps that day when it is (migration 19). So the cells of each
 * closed day are read once per filter (categories, hour) and kept; a window of N days reads only
 * its partial days at the edges (today so far, the first day's remainder) and any day whose stamp
 * moved, then adds the days' cells up. The result equals the aggregation of the whole window.
 */
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/database';
import { CITY_UTC_OFFSET_MINUTES } from '../../../shared/domain/cityTime';

/** [cx, cy, count, weight] per cell, packed. */
export type PackedCells = Float64Array;
/** Reads the cells of the alerts reported in [fromJd, toJd) (Julian days) for the request's filters. */
export type CellReader = (fromJd: number, toJd: number) => PackedCells;

const UNIX_JD = 2440587.5;
const DAY_MS = 86_400_000;
const OFFSET_MS = CITY_UTC_OFFSET_MINUTES * 60_000;
/**
 * The instant (Julian day) city day `day` starts, and ends the day before: computed from epoch ms
 * as heatmap.ts computes a request's bounds, so a window starting at midnight gives the same number.
 */
const dayStartJd = (day: number): number => (day * DAY_MS - OFFSET_MS) / DAY_MS + UNIX_JD;
/** The city day containing the instant jd (as heatDayStampMigration.ts's cityDaySql). */
const cityDay = (jd: number): number =>
  Math.floor((Math.round((jd - UNIX_JD) * DAY_MS) + OFFSET_MS) / DAY_MS);

export interface AddedCells {
  cx: number[];
  cy: number[];
  count: number[];
  weight: number[];
}

export interface HeatDayCacheOptions {
  /** At most this many day × filter entries (a month unfiltered ≈ 30 × 0.5 MB), least recently used out first. */
  maxDays?: number;
  /** More closed days than this missing: answer without the cache and read them in the background. */
  maxSyncReads?: number;
}

export class HeatDayCache {
  private readonly days: LRUCache<string, { stamp: number; cells: PackedCells }>;
  private readonly maxSyncReads: number;
  private filling: Promise<void> = Promise.resolve();
  /** Closed days read from the database (not the cache) since creation: for tests and the bench. */
  reads = 0;

  constructor(options: HeatDayCacheOptions = {}) {
    this.days = new LRUCache({ max: options.maxDays ?? 120 });
    this.maxSyncReads = options.maxSyncReads ?? 4;
  }

  /**
   * The cells of [fromJd, toJd) under the filter `key`, sorted by cx, then cy; or null when more
   * than maxSyncReads closed days are not cached (a first request): the caller aggregates the
   * window itself (one pass in cell order), and the missing days are read one per task afterwards.
   */
  cells(db: Db, key: string, fromJd: number, toJd: number, read: CellReader): AddedCells | null {
    let first = cityDay(fromJd);
    while (dayStartJd(first) < fromJd) first++;
    let end = cityDay(toJd);
    while (dayStartJd(end) > toJd) end--;
    if (first >= end) return add([[read(fromJd, toJd), 1]]);
    // Closed days: [first - 1, end) (the day before `first` when the window starts inside it).
    const lead = fromJd < dayStartJd(first);
    const stamps = new Map(
      db
        .prepare<[number, number], [number, number]>(
          'SELECT day, n FROM heat_day_stamp WHERE day >= ? AND day < ?',
        )
        .raw(true)
        .all(first - 1, end),
    );
    const stamp = (day: number) => stamps.get(day) ?? 0;
    const missing: number[] = [];
    for (let day = first - (lead ? 1 : 0); day < end; day++)
      if (this.days.peek(`${key}|${day}`)?.stamp !== stamp(day)) missing.push(day);
    if (missing.length > this.maxSyncReads) {
      this.fill(key, missing, stamp, read);
      return null;
    }
    const parts: [PackedCells, 1 | -1][] = [];
    if (lead) {
      // The window's part of that day: read it, or (when it is most of the day) take the cached
      // day less the hours before the window.
      const dayStart = dayStartJd(first - 1);
      if (dayStartJd(first) - fromJd <= fromJd - dayStart) parts.push([read(fromJd, dayStartJd(first)), 1]);
      else parts.push([this.day(key, first - 1, stamp(first - 1), read), 1], [read(dayStart, fromJd), -1]);
    }
    for (let day = first; day < end; day++) parts.push([this.day(key, day, stamp(day), read), 1]);
    if (dayStartJd(end) < toJd) parts.push([read(dayStartJd(end), toJd), 1]);
    return add(parts);
  }

  /** Settles when the background reads scheduled so far are done. */
  idle(): Promise<void> {
    return this.filling;
  }

  /** Reads these days one per macrotask (each a few tens of ms), so other requests interleave. */
  private fill(key: string, days: readonly number[], stamp: (day: number) => number, read: CellReader): void {
    this.filling = this.filling.then(async () => {
      for (const day of days) {
        await new Promise((resolve) => setImmediate(resolve));
        try {
          this.day(key, day, stamp(day), read);
        } catch {
          return; // The database was closed meanwhile: nothing to keep.
        }
      }
    });
  }

  private day(key: string, day: number, stamp: number, read: CellReader): PackedCells {
    const id = `${key}|${day}`;
    const hit = this.days.get(id);
    const cells = hit && hit.stamp === stamp ? hit.cells : read(dayStartJd(day), dayStartJd(day + 1));
    if (cells !== hit?.cells) this.reads++;
    this.days.set(id, { stamp, cells });
    return cells;
  }
}

/** Above this many grid positions in the parts' bounding box, cells are added in a Map instead. */
const DENSE_LIMIT = 4_000_000;

/** The cells of several parts added up (sign -1 takes a part out), empty cells dropped, sorted by cx, then cy. */
function add(parts: readonly (readonly [PackedCells, 1 | -1])[]): AddedCells {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [p] of parts)
    for (let i = 0; i < p.length; i += 4) {
      x0 = Math.min(x0, p[i]!);
      x1 = Math.max(x1, p[i]!);
      y0 = Math.min(y0, p[i + 1]!);
      y1 = Math.max(y1, p[i + 1]!);
    }
  const out: AddedCells = { cx: [], cy: [], count: [], weight: [] };
  if (x0 > x1) return out;
  const [w, h] = [x1 - x0 + 1, y1 - y0 + 1];
  // Index of a cell in cx, then cy order: a dense grid when the box is small (a city), else a Map.
  const dense = w * h <= DENSE_LIMIT;
  const count = dense ? new Float64Array(w * h) : null;
  const weight = dense ? new Float64Array(w * h) : null;
  const sparse = new Map<string, [number, number, number, number]>();
  for (const [p, sign] of parts)
    for (let i = 0; i < p.length; i += 4) {
      if (count && weight) {
        const k = (p[i]! - x0) * h + (p[i + 1]! - y0);
        count[k] = count[k]! + sign * p[i + 2]!;
        weight[k] = weight[k]! + sign * p[i + 3]!;
      } else {
        const k = `${p[i]},${p[i + 1]}`;
        const c = sparse.get(k) ?? sparse.set(k, [p[i]!, p[i + 1]!, 0, 0]).get(k)!;
        c[2] += sign * p[i + 2]!;
        c[3] += sign * p[i + 3]!;
      }
    }
  const push = (cx: number, cy: number, n: number, wt: number) => {
    if (n <= 0) return;
    out.cx.push(cx);
    out.cy.push(cy);
    out.count.push(n);
    out.weight.push(wt);
  };
  if (count && weight) {
    for (let k = 0; k < count.length; k++)
      if (count[k]! > 0) push(x0 + Math.floor(k / h), y0 + (k % h), count[k]!, weight[k]!);
  } else {
    const cells = [...sparse.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [cx, cy, n, wt] of cells) push(cx, cy, n, wt);
  }
  return out;
}
