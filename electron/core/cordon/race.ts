/**
 * The race at each crossing: the suspect's earliest arrival from the incident against each police
 * unit's road ETA. Both are *forward* searches (suspect from the incident, each unit from its
 * position) read off at the crossing point, a (piece, offset) on the road — no snapping of the
 * crossing itself, so a motorway crossing is never "reached" by a foot patrol snapped to a lane
 * beside it: a unit counts only if its profile may use the crossing's road.
 */
import { LRUCache } from 'lru-cache';
import type { RoadGraph } from '../../../node/routing';
import { computeWeights, DEFAULT_PROFILES, type TravelProfile } from '../../../node/routing';
import { partialCosts, type Router } from '../../../node/routing';
import { usableBy, type Snap } from '../../../node/routing';
import type { UnitType } from '../../../shared/domain/unit';
import type { SuspectProfile } from './types';
import type { UnitSearchMemo } from './unitSearchMemo';

/** A point on the road network: piece, metres from its `from` node, piece length (shape metres). */
export interface RoadPoint {
  piece: number;
  offset: number;
  length: number;
}

/**
 * Suspect movement. A fleeing car is assumed as fast as a patrol car under priority driving
 * (the conservative choice for the police); a motorbike drives at normal car speeds, capped at
 * 90 km/h and kept off motorways.
 */
const SUSPECT_PROFILES: Readonly<Record<SuspectProfile, TravelProfile>> = {
  car: DEFAULT_PROFILES.car,
  motorbike: {
    id: 'car',
    carFactor: 1,
    maxKmh: 90,
    forbidden: ['motorway', 'motorway_link'],
    respectOneway: true,
  },
  ebike: DEFAULT_PROFILES.ebike,
  foot: DEFAULT_PROFILES.foot,
};

const suspectWeightCache = new WeakMap<RoadGraph, Map<SuspectProfile, Float64Array>>();

export function suspectWeights(g: RoadGraph, profile: SuspectProfile): Float64Array {
  let m = suspectWeightCache.get(g);
  if (!m) suspectWeightCache.set(g, (m = new Map()));
  let w = m.get(profile);
  if (!w) m.set(profile, (w = computeWeights(g, SUSPECT_PROFILES[profile])));
  return w;
}

/** A finished forward search from a point, copied out of the engine (which reuses its arrays). */
export interface SuspectReach {
  weights: Float64Array;
  dist: Float64Array;
  snap: Snap;
  offRoadSeconds: number;
  /** The reached nodes in the order the search settled them: by nondecreasing dist (pieceCells.ts). */
  order: Int32Array;
}

/** Seeds of a forward search leaving a snapped point (both directions along its piece). */
export function seeds(
  g: RoadGraph,
  s: Snap,
  w: Float64Array,
  off: number,
): { seedNodes: number[]; seedCosts: number[] } {
  const pc = partialCosts(s, w);
  return {
    seedNodes: [g.pieceFrom[s.piece]!, g.pieceTo[s.piece]!],
    seedCosts: [off + pc.toStart, off + pc.toEnd],
  };
}

export function suspectReach(
  router: Router,
  at: { lng: number; lat: number },
  profile: SuspectProfile,
  horizon: number,
): SuspectReach | null {
  const g = router.graph;
  const w = suspectWeights(g, profile);
  const s = router.index.snap(at.lng, at.lat, usableBy(w), router.maxSnapMetres);
  if (!s) return null;
  const off = s.distance / (Math.min(router.offRoadKmh, SUSPECT_PROFILES[profile].maxKmh) / 3.6);
  const order = new Int32Array(g.nodeCount);
  let settled = 0;
  const res = router.engine.run({
    weights: w,
    reverse: false,
    ...seeds(g, s, w, off),
    maxCost: horizon,
    stop: (v) => {
      order[settled++] = v;
      return false;
    },
  });
  const dist = new Float64Array(g.nodeCount);
  for (let v = 0; v < g.nodeCount; v++) dist[v] = res.dist(v);
  return { weights: w, dist, snap: s, offRoadSeconds: off, order: order.subarray(0, settled) };
}

/** Suspect searches kept per router: an alert's cordon is re-analysed every 15 s from the same incident. */
const REACH_CACHE_SIZE = 8;
// Boxed: the cache keeps no null values, and an incident off the network is worth keeping too.
const reachCaches = new WeakMap<Router, LRUCache<string, { reach: SuspectReach | null }>>();

/**
 * suspectReach, kept per (router, profile, exact incident position, horizon), least recently used
 * out first. The search depends on nothing else, and callers only read the arrays, so a kept
 * reach is the very result a fresh search would give.
 */
export function cachedSuspectReach(
  router: Router,
  at: { lng: number; lat: number },
  profile: SuspectProfile,
  horizon: number,
): SuspectReach | null {
  let m = reachCaches.get(router);
  if (!m) reachCaches.set(router, (m = new LRUCache({ max: REACH_CACHE_SIZE })));
  const key = `${profile}|${at.lng}|${at.lat}|${horizon}`;
  let kept = m.get(key);
  if (!kept) m.set(key, (kept = { reach: suspectReach(router, at, profile, horizon) }));
  return kept.reach;
}

/**
 * Seconds from a search origin to a road point: via the piece's `from` node, via its `to` node,
 * or directly along the piece when the origin stands on it. Infinity when unreachable.
 */
export function timeToPoint(
  g: RoadGraph,
  dist: (v: number) => number,
  w: Float64Array,
  pt: RoadPoint,
  origin?: { snap: Snap; off: number },
): number {
  const p = pt.piece;
  const f = pt.length > 0 ? pt.offset / pt.length : 0;
  let best = Math.min(dist(g.pieceFrom[p]!) + f * w[2 * p]!, dist(g.pieceTo[p]!) + (1 - f) * w[2 * p + 1]!);
  if (origin && origin.snap.piece === p && pt.length > 0) {
    const d = (pt.offset - origin.snap.offset) / pt.length;
    best = Math.min(best, origin.off + (d >= 0 ? d * w[2 * p]! : -d * w[2 * p + 1]!));
  }
  return best;
}

export interface RaceUnit {
  id: string;
  type: UnitType;
  lng: number;
  lat: number;
}

/**
 * ETA matrix [unit][point] (s, Infinity = unreachable or the unit's profile may not use that road).
 * One forward search per unit: from the memo when given (a unit that has not moved costs a
 * lookup), else fresh and stopped once every point's end nodes are settled. Per-unit searches
 * beat per-crossing reverse searches here: ~40 units against up to ~100 crossings × 3 profiles.
 */
export function unitEtaMatrix(
  router: Router,
  units: readonly RaceUnit[],
  points: readonly RoadPoint[],
  horizon: number,
  memo: UnitSearchMemo | null = null,
): Float64Array[] {
  const g = router.graph;
  const targets: number[] = [];
  for (const pt of points) targets.push(g.pieceFrom[pt.piece]!, g.pieceTo[pt.piece]!);
  return units.map((u) => {
    const row = new Float64Array(points.length).fill(Infinity);
    if (points.length === 0) return row;
    const w = router.weights[u.type];
    let s: Snap | null;
    let off: number;
    let dist: (v: number) => number;
    if (memo) {
      const found = memo.search(u, horizon);
      if (!found) return row;
      ({ snap: s, off } = found);
      const d = found.dist;
      dist = (v) => d[v]!;
    } else {
      s = router.snap(u.lng, u.lat, u.type);
      if (!s) return row;
      off = router.offRoadSeconds(s, u.type);
      const res = router.engine.run({
        weights: w,
        reverse: false,
        ...seeds(g, s, w, off),
        maxCost: horizon,
        targets,
      });
      dist = (v) => res.dist(v);
    }
    points.forEach((pt, j) => {
      if (!(w[2 * pt.piece]! < Infinity || w[2 * pt.piece + 1]! < Infinity)) return; // may not use this road
      const t = timeToPoint(g, dist, w, pt, { snap: s, off });
      if (t <= horizon) row[j] = t;
    });
    return row;
  });
}
