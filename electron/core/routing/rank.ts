/**
 * One-to-many ranking: every unit's road travel time TO an alert.
 *
 * Direction matters (one-way streets): units drive to the alert, so each profile runs ONE search
 * on the reverse graph rooted at the alert, stopping when all its units' end nodes are settled or
 * at `maxSeconds`. Units sharing a weight table (patrol car and special police) share the search.
 */
import type { UnitType } from '../../../shared/domain/unit';
import type { Position } from './graph';
import { partialCosts, samePieceCost, type Router } from './router';
import type { Snap } from './snap';

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
}

export interface RankOptions {
  /**
   * Search horizon; units farther away come back 'not_reached'. Default 900 s: three times the
   * longest 1-3-5 tier — beyond that a unit is no candidate, and the bound keeps the search local.
   */
  maxSeconds?: number;
  /** How many of the fastest units get a route geometry. Default 3. */
  routes?: number;
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

export function rankUnits(router: Router, alert: { lng: number; lat: number }, units: readonly RankUnit[], opts: RankOptions = {}): RankResult {
  const g = router.graph;
  const maxSeconds = opts.maxSeconds ?? 900;
  const out: UnitEta[] = units.map((u) => ({ unitId: u.id, type: u.type, seconds: null, metres: null, status: 'not_reached' }));
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
      if (!s) out[i]!.status = 'unit_off_network';
      else targets.push(g.pieceFrom[s.piece]!, g.pieceTo[s.piece]!);
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
    });
    settled += res.settled;
    idx.forEach((i, j) => {
      const s = uSnaps[j];
      if (!s) return;
      const uc = partialCosts(s, w);
      const a = g.pieceFrom[s.piece]!;
      const b = g.pieceTo[s.piece]!;
      const viaEnd = uc.toEnd + res.dist(b);
      const viaStart = uc.toStart + res.dist(a);
      const direct = samePieceCost(s, aSnap, w);
      const best = Math.min(viaEnd, viaStart, direct);
      if (!(best <= maxSeconds)) return; // Infinity or beyond horizon
      const via = best === direct ? 'direct' : best === viaEnd ? 'end' : 'start';
      const refs: number[] = [];
      let metres = s.distance + aSnap.distance;
      if (via === 'direct') metres += Math.abs(aSnap.offset - s.offset);
      else {
        metres += via === 'end' ? s.length - s.offset : s.offset;
        let x = via === 'end' ? b : a;
        for (let ref = res.pred(x); ref >= 0; ref = res.pred(x)) {
          refs.push(ref);
          const p = ref >> 1;
          metres += g.pieceLength[p]!;
          x = ref & 1 ? g.pieceFrom[p]! : g.pieceTo[p]!;
        }
        // x is now a seed: an end node of the alert's piece.
        const fromStart = x === g.pieceFrom[q] && (x !== g.pieceTo[q] || ac.fromStart <= ac.fromEnd);
        metres += fromStart ? aSnap.offset : aSnap.length - aSnap.offset;
      }
      const o = out[i]!;
      o.status = 'ok';
      o.seconds = best + aOff + router.offRoadSeconds(s, o.type);
      o.metres = metres;
      paths[i] = { unitSnap: s, alertSnap: aSnap, via, refs };
    });
  }

  const order = out.map((_, i) => i).sort((x, y) => (out[x]!.seconds ?? Infinity) - (out[y]!.seconds ?? Infinity) || x - y);
  const k = opts.routes ?? 3;
  for (const i of order.slice(0, k)) {
    const p = paths[i];
    if (p) out[i]!.route = routeGeometry(router, units[i]!, alert, p);
  }
  return { results: order.map((i) => out[i]!), settled };
}

function routeGeometry(router: Router, unit: RankUnit, alert: { lng: number; lat: number }, p: PathInfo): Position[] {
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
