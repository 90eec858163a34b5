/**
 * Coverage: for every road piece, the earliest arrival of any available unit (each by its own
 * profile), and the share of road length reachable within each tier (e.g. 1/3/5 min).
 *
 * Direction: arrival *at* the road from the units is a FORWARD multi-source search seeded at the
 * units (unit → road), one search per distinct profile, bounded by the largest tier.
 */
import { FLAG_OUTSIDE } from './graph';
import type { RankUnit } from './rank';
import { ownPieceReach, pieceReach, unionIntervals, type Interval } from './reach';
import { partialCosts, type Router } from './router';
import type { Snap } from './snap';

export interface CoverageOptions {
  /** Tier budgets in seconds. Default [60, 180, 300]. */
  tiers?: number[];
}

export interface CoverageResult {
  /** Road length in the city: pieces flagged FLAG_OUTSIDE (beyond the city boundary) are not counted. */
  totalMetres: number;
  tiers: { seconds: number; coveredMetres: number; share: number }[];
  /** Earliest arrival at each piece's midpoint, seconds (Infinity beyond the largest tier). */
  pieceSeconds: Float32Array;
  /** Units that could not be placed on the network. */
  offNetwork: string[];
}

export function coverage(
  router: Router,
  units: readonly RankUnit[],
  opts: CoverageOptions = {},
): CoverageResult {
  const g = router.graph;
  const tiers = [...(opts.tiers ?? [60, 180, 300])].sort((a, b) => a - b);
  const horizon = tiers[tiers.length - 1] ?? 0;
  const P = g.pieceCount;
  const pieceSeconds = new Float32Array(P).fill(Infinity);
  // Reach from a piece's ends always starts AT the end, so across profiles the union is just the
  // longest reach from each end: two Float64Arrays per tier. Only units standing on a piece add
  // free intervals; those few go to a sparse map and are unioned exactly at the end.
  const reachA = tiers.map(() => new Float64Array(P));
  const reachB = tiers.map(() => new Float64Array(P));
  const ownIv = tiers.map(() => new Map<number, Interval[]>());
  const offNetwork: string[] = [];
  const groups = new Map<Float64Array, { unit: RankUnit; snap: Snap }[]>();
  for (const u of units) {
    const s = router.snap(u.lng, u.lat, u.type);
    if (!s) {
      offNetwork.push(u.id);
      continue;
    }
    const w = router.weights[u.type];
    const list = groups.get(w) ?? [];
    list.push({ unit: u, snap: s });
    groups.set(w, list);
  }
  const iv: Interval[] = [];
  for (const [w, members] of groups) {
    const seedNodes: number[] = [];
    const seedCosts: number[] = [];
    const onPiece = new Map<number, { offset: number; cost: number }[]>();
    for (const { unit, snap } of members) {
      const off = router.offRoadSeconds(snap, unit.type);
      const pc = partialCosts(snap, w);
      seedNodes.push(g.pieceFrom[snap.piece]!, g.pieceTo[snap.piece]!);
      seedCosts.push(off + pc.toStart, off + pc.toEnd);
      const l = onPiece.get(snap.piece) ?? [];
      l.push({ offset: snap.offset, cost: off });
      onPiece.set(snap.piece, l);
    }
    const res = router.engine.run({ weights: w, reverse: false, seedNodes, seedCosts, maxCost: horizon });
    for (let p = 0; p < P; p++) {
      const L = g.pieceLength[p]!;
      const da = res.dist(g.pieceFrom[p]!);
      const db = res.dist(g.pieceTo[p]!);
      let mid = Math.min(da + 0.5 * w[2 * p]!, db + 0.5 * w[2 * p + 1]!);
      const own = onPiece.get(p);
      if (own)
        for (const o of own)
          mid = Math.min(
            mid,
            o.cost + Math.abs(0.5 - o.offset / L) * (o.offset < L / 2 ? w[2 * p]! : w[2 * p + 1]!),
          );
      if (mid < pieceSeconds[p]!) pieceSeconds[p] = mid;
      if (da > horizon && db > horizon && !own) continue;
      for (let k = 0; k < tiers.length; k++) {
        const t = tiers[k]!;
        iv.length = 0;
        pieceReach(g, res, w, p, t, true, iv);
        for (const [a, b] of iv) {
          if (a === 0 && b > reachA[k]![p]!) reachA[k]![p] = b;
          if (b === L && L - a > reachB[k]![p]!) reachB[k]![p] = L - a;
        }
        if (own) {
          const list = ownIv[k]!.get(p) ?? [];
          for (const o of own) ownPieceReach(L, o.offset, w, p, t, o.cost, true, list);
          ownIv[k]!.set(p, list);
        }
      }
    }
  }
  for (let p = 0; p < P; p++) if (pieceSeconds[p]! > horizon) pieceSeconds[p] = Infinity;
  let totalMetres = 0;
  const inCity = (p: number) => !(g.pieceFlags[p]! & FLAG_OUTSIDE);
  for (let p = 0; p < P; p++) if (inCity(p)) totalMetres += g.pieceLength[p]!;
  return {
    totalMetres,
    tiers: tiers.map((seconds, k) => {
      let covered = 0;
      const ra = reachA[k]!;
      const rb = reachB[k]!;
      const own = ownIv[k]!;
      for (let p = 0; p < P; p++) {
        if (!inCity(p)) continue;
        const L = g.pieceLength[p]!;
        const extra = own.get(p);
        if (!extra) covered += Math.min(L, ra[p]! + rb[p]!);
        else {
          const list: Interval[] = [...extra];
          if (ra[p]! > 0) list.push([0, ra[p]!]);
          if (rb[p]! > 0) list.push([L - rb[p]!, L]);
          for (const [a, b] of unionIntervals(list)) covered += b - a;
        }
      }
      return { seconds, coveredMetres: covered, share: totalMetres > 0 ? covered / totalMetres : 0 };
    }),
    pieceSeconds,
    offNetwork,
  };
}
