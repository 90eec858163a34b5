/**
 * Repositioning advice (pure): which idle units to move where so that the most demand (past alerts
 * of this hour) lies within the 3-minute road reach of some idle unit. Greedy: each round takes
 * the one move (idle unit → free target) with the largest positive gain, until `maxMoves` or no
 * move gains. Every accepted move has a positive gain, so coverage never goes down; busy units are
 * neither moved nor counted (they are not there for the next alert).
 */

export interface ReachUnit {
  id: string;
  busy: boolean;
  /** Demand cells reachable from where the unit stands now. */
  reach: readonly number[];
  /** Where it could go: target index (into `targets`) and the cells reachable from there. */
  options: readonly { target: number; reach: readonly number[] }[];
}

export interface RepositionInput {
  /** Demand weight per cell (e.g. past alerts); the share is over their sum. */
  weights: readonly number[];
  units: readonly ReachUnit[];
  maxMoves: number;
}

export interface PlannedMove {
  unitId: string;
  target: number;
  /** Weighted share gained by this move, given the moves before it. */
  gain: number;
}

export interface RepositionPlan {
  before: number;
  after: number;
  moves: PlannedMove[];
}

const EPS = 1e-12;

/** Weighted share of cells reached by at least one of the reach lists. */
export function weightedCoverage(
  weights: readonly number[],
  reaches: readonly (readonly number[])[],
): number {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return 0;
  const hit = new Uint8Array(weights.length);
  for (const r of reaches) for (const j of r) hit[j] = 1;
  let covered = 0;
  for (let j = 0; j < weights.length; j++) if (hit[j]) covered += weights[j]!;
  return covered / total;
}

export function planRepositioning({ weights, units, maxMoves }: RepositionInput): RepositionPlan {
  const total = weights.reduce((s, w) => s + w, 0);
  // A cell listed twice in a reach counts once.
  const uniq = (r: readonly number[]): number[] => [...new Set(r)];
  const idle: ReachUnit[] = units
    .filter((u) => !u.busy)
    .map((u) => ({
      ...u,
      reach: uniq(u.reach),
      options: u.options.map((o) => ({ target: o.target, reach: uniq(o.reach) })),
    }));
  const position = new Map(idle.map((u) => [u.id, u.reach]));
  const count = new Int32Array(weights.length);
  for (const r of position.values()) for (const j of r) count[j]!++;
  const before = weightedCoverage(weights, [...position.values()]);
  const moves: PlannedMove[] = [];
  const moved = new Set<string>();
  const taken = new Set<number>();
  if (total <= 0) return { before, after: before, moves };

  while (moves.length < maxMoves) {
    let best: { unit: ReachUnit; target: number; reach: readonly number[]; gain: number } | null = null;
    for (const unit of idle) {
      if (moved.has(unit.id)) continue;
      const now = position.get(unit.id)!;
      let loss = 0;
      for (const j of now) if (count[j] === 1) loss += weights[j]!;
      for (const j of now) count[j]!--;
      for (const opt of unit.options) {
        if (taken.has(opt.target)) continue;
        let gain = 0;
        for (const j of opt.reach) if (count[j] === 0) gain += weights[j]!;
        const net = gain - loss;
        if (net > EPS && (!best || net > best.gain + EPS))
          best = { unit, target: opt.target, reach: opt.reach, gain: net };
      }
      for (const j of now) count[j]!++;
    }
    if (!best) break;
    for (const j of position.get(best.unit.id)!) count[j]!--;
    for (const j of best.reach) count[j]!++;
    position.set(best.unit.id, best.reach);
    moved.add(best.unit.id);
    taken.add(best.target);
    moves.push({ unitId: best.unit.id, target: best.target, gain: best.gain / total });
  }
  return { before, after: weightedCoverage(weights, [...position.values()]), moves };
}
