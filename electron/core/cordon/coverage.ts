/**
 * Checkpoint coverage of crossings. A checkpoint covers a crossing when it lies within `radius`
 * metres of it *along the road network* (direction ignored: a checkpoint stops traffic both ways),
 * plus its own off-road distance. Straight-line distance would let a checkpoint on a parallel road
 * 200 m away "cover" a different exit; the network search is a tiny bounded one (≤ radius metres).
 * A checkpoint farther than 150 m from every road falls back to straight-line distance.
 */
import type { Checkpoint, CheckpointLevel } from '../../../shared/domain/checkpoint';
import type { RoadGraph } from '../../../node/routing';
import { distanceMeters as distanceM } from '../../../shared/domain/geo';
import type { Router } from '../../../node/routing';
import type { Snap } from '../../../node/routing';
import { timeToPoint, type RoadPoint } from './race';
import type { RingId } from './types';

const CHECKPOINT_SNAP_METRES = 150;

const metreWeightCache = new WeakMap<RoadGraph, Float64Array>();

/** Metres per directed edge, both directions open. */
function metreWeights(g: RoadGraph): Float64Array {
  let w = metreWeightCache.get(g);
  if (!w) {
    w = new Float64Array(2 * g.pieceCount);
    for (let p = 0; p < g.pieceCount; p++) w[2 * p] = w[2 * p + 1] = g.pieceLength[p]!;
    metreWeightCache.set(g, w);
  }
  return w;
}

/** Which checkpoint levels guard which ring under `checkpointLevels: 'matching'`. */
const MATCHING: Readonly<Record<RingId, readonly CheckpointLevel[]>> = {
  1: ['district', 'city', 'provincial'],
  2: ['city', 'provincial'],
  3: ['provincial'],
};

export interface CoverageResult {
  checkpointId: string | null;
  metres: number | null;
}

export function checkpointCoverage(
  router: Router,
  crossings: readonly (RoadPoint & { ring: RingId; lng: number; lat: number })[],
  checkpoints: readonly Checkpoint[],
  radius: number,
  levels: 'any' | 'matching',
): CoverageResult[] {
  const g = router.graph;
  const w = metreWeights(g);
  const snaps = new Map<Checkpoint, Snap | null>();
  const snapOf = (cp: Checkpoint) => {
    let s = snaps.get(cp);
    if (s === undefined)
      snaps.set(cp, (s = router.index.snap(cp.lng, cp.lat, () => true, CHECKPOINT_SNAP_METRES)));
    return s;
  };
  return crossings.map((c) => {
    const allowed = levels === 'any' ? null : MATCHING[c.ring];
    // Straight line is a lower bound of the road distance: prefilter with it.
    const near = checkpoints.filter(
      (cp) => (!allowed || allowed.includes(cp.level)) && distanceM(c.lng, c.lat, cp.lng, cp.lat) <= radius,
    );
    if (near.length === 0) return { checkpointId: null, metres: null };
    const p = c.piece;
    const f = c.length > 0 ? c.offset / c.length : 0;
    const res = router.engine.run({
      weights: w,
      reverse: false,
      seedNodes: [g.pieceFrom[p]!, g.pieceTo[p]!],
      seedCosts: [f * g.pieceLength[p]!, (1 - f) * g.pieceLength[p]!],
      maxCost: radius,
    });
    let best: CoverageResult = { checkpointId: null, metres: null };
    for (const cp of near) {
      const s = snapOf(cp);
      let d: number;
      if (!s) d = distanceM(c.lng, c.lat, cp.lng, cp.lat);
      else {
        const along =
          s.piece === p
            ? Math.abs(s.offset - c.offset)
            : timeToPoint(g, (v) => res.dist(v), w, { piece: s.piece, offset: s.offset, length: s.length });
        d = along + s.distance;
      }
      if (d <= radius && (best.metres === null || d < best.metres))
        best = { checkpointId: cp.id, metres: Math.round(d) };
    }
    return best;
  });
}
