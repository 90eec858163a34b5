/**
 * One-to-many ranking: every unit's road travel time TO an alert.
 *
 * Direction matters (one-way streets): units drive to the alert, so each profile runs ONE search
 * on the reverse graph rooted at the alert, stopping when all its units' end nodes are settled or
 * at `maxSeconds`. Units sharing a weight table (patrol car and special police) share the search.
 */
import type { UnitType } from '../../shared/domain/unit';
import { HIGHWAY_CLASSES, type Position } from './graph';
import { dominantRoadClass } from '../../shared/domain/roadClass';
import { partialCosts, samePieceCost, type Router } from './router';
import type { Snap } from './snap';
import type { SearchResult } from './search';

export interface RankUnit {
  id: string;
  type: UnitType;
  lng: number;
  lat: number;
}

export type EtaStatus = 'ok' | 'unit_off_network' | 'alert_off_network' | 'not_reached';

export interface UnitEta {
  unitId: string;
  type: UnitType;
  /** Road time plus off-road connectors at both ends; null unless status is 'ok'. */
  seconds: number | null;
  /** Metres driven/walked, connectors included; null unless status is 'ok'. */
  metres: number | null;
  status: EtaStatus;
  /** [lng, lat] line from the unit to the alert, for the best `routes` units only. */
  route?: Position[];
  /** The road class covering most of that route (for the same units as `route`); null when none. */
  roadClass?: string | null;
}

export interface RankOptions {
  /**
   * Search horizon; units farther away come back 'not_reached'. Default 900 s: three times the
   * longest 1-3-5 tier — beyond that a unit is no candidate, and the bound keeps the search local.
   */
  maxSeconds?: number;
  /** How many of the fastest units get a route geometry. Default 3. */
  routes?: number;
  /**
   * Only the fastest `limit` units are wanted (the console shows six): the results are those
   * units, exactly as without a limit. The searches first stop at `firstHorizonSeconds`; when
   * `limit` units are reached sooner than that, no unit beyond it can be among them and the
   * answer stands, else they run again with a horizon 1.5 times longer, up to `maxSeconds`. On a
   * prefecture-sized graph the 900 s horizon settles ~58,000 nodes per alert, 300 s ~8,000.
   */
  limit?: number;
  /** The first horizon of a limited ranking. Default 300 s (the longest 1-3-5 tier). */
  firstHorizonSeconds?: number;
}

export interface RankResult {
  /** Sorted by seconds ascending; unreachable units last, in input order. */
  results: UnitEta[];
  /** Nodes settled over all searches (diagnostics). */
  settled: number;
}

interface PathInfo {
  unitSnap: Snap;
  alertSnap: Snap;
  /** 'direct' on the shared piece, or the unit piece's end node the route leaves by. */
  via: 'direct' | 'start' | 'end';
  refs: number[];
}

export function rankUnits(
  router: Router,
  alert: { lng: number; lat: number },
  units: readonly RankUnit[],
  opts: RankOptions = {},
): RankResult {
  const maxSeconds = opts.maxSeconds ?? 900;
  const { limit } = opts;
  if (limit === undefined) return rankWithin(router, alert, units, maxSeconds, opts.routes ?? 3);
  const routes = Math.min(opts.routes ?? 3, limit);
  // Horizons ×1.5 each time up to maxSeconds: a search's cost grows with the square of its
  // horizon, so the stages together cost under twice the last one.
  let horizon = Math.min(Math.max(1, opts.firstHorizonSeconds ?? 300), maxSeconds);
  let settled = 0;
  for (;;) {
    const ranked = rankWithin(router, alert, units, horizon, routes);
    settled += ranked.settled;
    // A unit this search did not reach needs more than `horizon` seconds (its end's road time is
    // beyond it, off-road connectors only add), so it cannot tie or beat a unit reached below it.
    const kth = ranked.results[limit - 1];
    if (horizon === maxSeconds || (kth?.status === 'ok' && kth.seconds! < horizon))
      return { results: ranked.results.slice(0, limit), settled };
    horizon = Math.min(horizon * 1.5, maxSeconds);
  }
}

function rankWithin(
  router: Router,
  alert: { lng: number; lat: number },
  units: readonly RankUnit[],
  maxSeconds: number,
  routeCount: number,
): RankResult {
  const g = router.graph;
  const out: UnitEta[] = units.map((u) => ({
    unitId: u.id,
    type: u.type,
    seconds: null,
    metres: null,
    status: 'not_reached',
  }));
  const paths: (PathInfo | undefined)[] = new Array(units.length);
  const groups = new Map<Float64Array, number[]>();
  units.forEach((u, i) => {
    const w = router.weights[u.type];
    const list = groups.get(w);
    if (list) list.push(i);
    else groups.set(w, [i]);
  });
  let settled = 0;

  for (const [w, idx] of groups) {
    const profile = units[idx[0]!]!.type;
    const aSnap = router.snap(alert.lng, alert.lat, profile);
    if (!aSnap) {
      for (const i of idx) out[i]!.status = 'alert_off_network';
      continue;
    }
    const aOff = router.offRoadSeconds(aSnap, profile);
    const ac = partialCosts(aSnap, w);
    const uSnaps: (Snap | null)[] = [];
    const targets: number[] = [];
    for (const i of idx) {
      const u = units[i]!;
      const s = router.snap(u.lng, u.lat, u.type);
      uSnaps.push(s);
      if (!s) {
        out[i]!.status = 'unit_off_network';
        continue;
      }
      // An end the unit cannot drive to (one-way against it) need not be settled.
      const uc = partialCosts(s, w);
      if (uc.toStart < Infinity) targets.push(g.pieceFrom[s.piece]!);
      if (uc.toEnd < Infinity) targets.push(g.pieceTo[s.piece]!);
    }
    if (targets.length === 0) continue;
    const q = aSnap.piece;
    const res = router.engine.run({
      weights: w,
      reverse: true,
      // Reverse seeds: cost from each end node of the alert's piece to the alert point.
      seedNodes: [g.pieceFrom[q]!, g.pieceTo[q]!],
      seedCosts: [ac.fromStart, ac.fromEnd],
      maxCost: maxSeconds,
      targets,
      trackMetres: true,
      seedMetres: [aSnap.offset, aSnap.length - aSnap.offset],
    });
    settled += res.settled;
    const reached: number[] = [];
    for (let j = 0; j < idx.length; j++) {
      const s = uSnaps[j];
      if (!s) continue;
      const i = idx[j]!;
      const uc = partialCosts(s, w);
      const a = g.pieceFrom[s.piece]!;
      const b = g.pieceTo[s.piece]!;
      const viaEnd = uc.toEnd + res.dist(b);
      const viaStart = uc.toStart + res.dist(a);
      const direct = samePieceCost(s, aSnap, w);
      const best = Math.min(viaEnd, viaStart, direct);
      if (!(best <= maxSeconds)) continue; // Infinity or beyond horizon
      const via = best === direct ? 'direct' : best === viaEnd ? 'end' : 'start';
      let metres = s.distance + aSnap.distance;
      if (via === 'direct') metres += Math.abs(aSnap.offset - s.offset);
      else {
        const x = via === 'end' ? b : a;
        metres += (via === 'end' ? s.length - s.offset : s.offset) + res.metres!(x); // seeds carry the alert's partial piece
      }
      const o = out[i]!;
      o.status = 'ok';
      o.seconds = best + aOff + router.offRoadSeconds(s, o.type);
      o.metres = metres;
      paths[i] = { unitSnap: s, alertSnap: aSnap, via, refs: [] };
      reached.push(i);
    }
    // Route lines for this profile's fastest units while its search tree is still live: the
    // overall top k is among the per-profile top k (the engine reuses its arrays per search).
    reached.sort((x, y) => out[x]!.seconds! - out[y]!.seconds! || x - y);
    for (const i of reached.slice(0, routeCount)) {
      const p = paths[i]!;
      if (p.via !== 'direct')
        p.refs = treeRefs(
          router,
          res,
          p.via === 'end' ? g.pieceTo[p.unitSnap.piece]! : g.pieceFrom[p.unitSnap.piece]!,
        );
    }
  }

  const order = out
    .map((_, i) => i)
    .sort((x, y) => (out[x]!.seconds ?? Infinity) - (out[y]!.seconds ?? Infinity) || x - y);
  for (const i of order.slice(0, routeCount)) {
    const p = paths[i];
    if (p) {
      out[i]!.route = routeGeometry(router, units[i]!, alert, p);
      out[i]!.roadClass = dominantRoadClass(routePieces(router, p));
    }
  }
  return { results: order.map((i) => out[i]!), settled };
}

/** Directed edge refs from node x along the reverse search tree to a seed. */
function treeRefs(router: Router, res: SearchResult, x: number): number[] {
  const g = router.graph;
  const refs: number[] = [];
  for (let ref = res.pred(x); ref >= 0; ref = res.pred(x)) {
    refs.push(ref);
    const p = ref >> 1;
    x = ref & 1 ? g.pieceFrom[p]! : g.pieceTo[p]!;
  }
  return refs;
}

/** The road pieces of a route with the metres driven on each (the partial pieces at both ends). */
function routePieces(router: Router, p: PathInfo): { roadClass: string; metres: number }[] {
  const g = router.graph;
  const cls = (piece: number) => HIGHWAY_CLASSES[g.pieceClass[piece]!] ?? 'unknown';
  const { unitSnap: s, alertSnap: a } = p;
  if (p.via === 'direct') return [{ roadClass: cls(s.piece), metres: Math.abs(a.offset - s.offset) }];
  const out = [{ roadClass: cls(s.piece), metres: p.via === 'end' ? s.length - s.offset : s.offset }];
  let x = p.via === 'end' ? g.pieceTo[s.piece]! : g.pieceFrom[s.piece]!;
  for (const ref of p.refs) {
    const pc = ref >> 1;
    out.push({ roadClass: cls(pc), metres: g.pieceLength[pc]! });
    x = ref & 1 ? g.pieceFrom[pc]! : g.pieceTo[pc]!;
  }
  out.push({ roadClass: cls(a.piece), metres: x === g.pieceFrom[a.piece] ? a.offset : a.length - a.offset });
  return out;
}

function routeGeometry(
  router: Router,
  unit: RankUnit,
  alert: { lng: number; lat: number },
  p: PathInfo,
): Position[] {
  const g = router.graph;
  const ix = router.index;
  const line: Position[] = [[unit.lng, unit.lat]];
  const add = (pts: Position[]) => {
    for (const pt of pts) {
      const last = line[line.length - 1]!;
      if (last[0] !== pt[0] || last[1] !== pt[1]) line.push(pt);
    }
  };
  const { unitSnap: s, alertSnap: a } = p;
  if (p.via === 'direct') add(ix.slice(s.piece, s.offset, a.offset));
  else {
    add(ix.slice(s.piece, s.offset, p.via === 'end' ? s.length : 0));
    let x = p.via === 'end' ? g.pieceTo[s.piece]! : g.pieceFrom[s.piece]!;
    for (const ref of p.refs) {
      const pc = ref >> 1;
      const len = ix.shapeCum[g.geomOffset[pc + 1]! - 1]!;
      add(ref & 1 ? ix.slice(pc, len, 0) : ix.slice(pc, 0, len));
      x = ref & 1 ? g.pieceFrom[pc]! : g.pieceTo[pc]!;
    }
    const fromStart = x === g.pieceFrom[a.piece];
    add(ix.slice(a.piece, fromStart ? 0 : a.length, a.offset));
  }
  add([[alert.lng, alert.lat]]);
  return line;
}
