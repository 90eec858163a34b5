/**
 * Police searches kept between analyses (one memo per Router): a unit standing exactly where it
 * stood at the last analysis gives the same search, so its settled distances are kept.
 */
import { LRUCache } from 'lru-cache';
import type { Router, Snap } from '../../../node/routing';
import { seeds, type RaceUnit } from './race';

/** Settled forward distances of one unit from where it stands, with its snap and off-road time. */
export interface UnitSearch {
  snap: Snap;
  off: number;
  dist: Float64Array;
}

/** 32 MB per router: ~1,000 unit positions on the demo city (4,189 nodes), ~20 on a 200,000-node city. */
export const MEMO_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * Police searches kept between analyses. Each unit needs a forward search over nearly the whole
 * graph (the ring 2/3 exits lie at its edge), and ~40 of them are most of an analysis. A unit
 * standing exactly where it stood last time (parked at its station, waiting at a checkpoint)
 * gives the same search, so its settled distances are kept per (profile, exact position,
 * horizon); a moved unit simply misses, as in Router's snap memo. The values are bitwise those
 * of a fresh target-stopped search: a node's distance no longer changes once it is settled.
 * Least recently used out first beyond MEMO_BUDGET_BYTES.
 */
export class UnitSearchMemo {
  /** Boxed: a unit off the network (null) is kept too. */
  private readonly entries: LRUCache<string, { search: UnitSearch | null }>;
  /** Positions that missed once (noteMiss). */
  private readonly seen = new Set<string>();
  private readonly capacity: number;

  constructor(
    private readonly router: Router,
    budgetBytes = MEMO_BUDGET_BYTES,
  ) {
    this.capacity = Math.max(1, Math.floor(budgetBytes / (router.graph.nodeCount * 8)));
    this.entries = new LRUCache({ max: this.capacity });
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Whether a fleet of n units fits: promoting parked units (noteMiss) only pays when the kept
   * searches survive until the next analysis. A large city's fleet (500 units, ~20 fit on a
   * 200,000-node graph) would evict its own promotions and pay a full search for each.
   */
  fits(n: number): boolean {
    return n <= this.capacity;
  }

  /** The kept search of a unit that has not moved; undefined on a miss (null: off the network). */
  peek(u: RaceUnit, horizon: number): UnitSearch | null | undefined {
    return this.entries.get(memoKey(u, horizon))?.search;
  }

  /**
   * A miss answered by a pruned search (policeEtas.ts), which is not worth keeping: a position
   * seen for the second time is a parked unit, so it gets the full search kept for next time.
   */
  noteMiss(u: RaceUnit, horizon: number): void {
    const key = memoKey(u, horizon);
    if (this.seen.delete(key)) {
      this.search(u, horizon);
      return;
    }
    if (this.seen.size >= 4 * this.capacity) this.seen.clear();
    this.seen.add(key);
  }

  search(u: RaceUnit, horizon: number): UnitSearch | null {
    const key = memoKey(u, horizon);
    const hit = this.entries.get(key);
    if (hit) return hit.search;
    const found = fullUnitSearch(this.router, u, horizon);
    this.entries.set(key, { search: found });
    return found;
  }
}

const memoKey = (u: RaceUnit, horizon: number) => `${u.type}|${u.lng}|${u.lat}|${horizon}`;

function fullUnitSearch(router: Router, u: RaceUnit, horizon: number): UnitSearch | null {
  const g = router.graph;
  const s = router.snap(u.lng, u.lat, u.type);
  if (!s) return null;
  const w = router.weights[u.type];
  const off = router.offRoadSeconds(s, u.type);
  const res = router.engine.run({ weights: w, reverse: false, ...seeds(g, s, w, off), maxCost: horizon });
  const dist = new Float64Array(g.nodeCount);
  for (let v = 0; v < g.nodeCount; v++) dist[v] = res.dist(v);
  return { snap: s, off, dist };
}

const memos = new WeakMap<Router, UnitSearchMemo>();

/** The router's unit-search memo (one per router, like the cached rings 2/3). */
export function unitSearchMemo(router: Router): UnitSearchMemo {
  let m = memos.get(router);
  if (!m) memos.set(router, (m = new UnitSearchMemo(router)));
  return m;
}
