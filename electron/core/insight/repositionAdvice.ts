/**
 * Repositioning advice on the road network: demand cells from past alerts of this hour, the
 * 3-minute road reach of every idle unit where it stands and at every candidate target (unit
 * posts and the busiest demand cells), then the pure greedy plan (./reposition.ts).
 * Reach is the routing engine's own: one bounded reverse search per demand cell (rankUnits), so
 * "reachable within 3 minutes" means exactly what the ranking's ETA means, calibrated speeds included.
 */
import type { Unit, UnitType } from '../../../shared/domain/unit';
import type { RepositionAdvice } from '../../../shared/contract/insightContract';
import { cellKey } from '../../../shared/domain/riskGrading';
import { rankUnits, type RankUnit } from '../../../node/routing';
import type { Router } from '../../../node/routing';
import { planRepositioning, type ReachUnit } from './reposition';

export const REPOSITION_BUDGET_SECONDS = 180;
export const DEMAND_CELL_METRES = 500;
/** The busiest demand cells are also candidate targets ("point"), beside the posts. */
export const CELL_TARGETS = 8;

export interface DemandPoint {
  lng: number;
  lat: number;
  weight?: number;
}

export interface DemandCell {
  lng: number;
  lat: number;
  weight: number;
}

/** Demand points summed into square cells (centre, total weight), heaviest first. */
export function demandCells(points: readonly DemandPoint[], cellMetres = DEMAND_CELL_METRES): DemandCell[] {
  const cells = new Map<string, DemandCell>();
  for (const p of points) {
    const c = cellKey(p.lng, p.lat, cellMetres);
    const cell = cells.get(c.key) ?? { lng: c.lng, lat: c.lat, weight: 0 };
    cell.weight += p.weight ?? 1;
    cells.set(c.key, cell);
  }
  return [...cells.values()].sort((a, b) => b.weight - a.weight || a.lng - b.lng || a.lat - b.lat);
}

export interface Target {
  lng: number;
  lat: number;
  kind: 'post' | 'cell';
  label: string;
}

export interface AdviceInput {
  router: Router;
  cells: readonly DemandCell[];
  units: readonly Unit[];
  /** Unit posts (home points), labelled. */
  posts: readonly Omit<Target, 'kind'>[];
  maxMoves: number;
  budgetSeconds?: number;
}

const isIdle = (u: Unit): boolean => u.status === 'available' && u.position !== null;

export function adviseRepositioning(
  input: AdviceInput,
): Pick<RepositionAdvice, 'before' | 'after' | 'idleUnits' | 'moves'> {
  const budget = input.budgetSeconds ?? REPOSITION_BUDGET_SECONDS;
  const targets: Target[] = [];
  const seen = new Set<string>();
  const addTarget = (t: Target) => {
    const key = `${t.lng.toFixed(5)},${t.lat.toFixed(5)}`;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(t);
  };
  for (const p of input.posts) addTarget({ ...p, kind: 'post' });
  for (const c of input.cells.slice(0, CELL_TARGETS))
    addTarget({ lng: c.lng, lat: c.lat, kind: 'cell', label: `${c.lat.toFixed(4)}, ${c.lng.toFixed(4)}` });

  const idle = input.units.filter(isIdle);
  const types = [...new Set(idle.map((u) => u.type))];
  const entries: RankUnit[] = [
    ...idle.map((u) => ({ id: `u:${u.id}`, type: u.type, lng: u.position!.lng, lat: u.position!.lat })),
    ...types.flatMap((type) =>
      targets.map((t, k) => ({ id: `t:${type}:${k}`, type, lng: t.lng, lat: t.lat })),
    ),
  ];
  const reach = new Map<string, number[]>(entries.map((e) => [e.id, []]));
  if (entries.length) {
    input.cells.forEach((cell, j) => {
      for (const r of rankUnits(input.router, cell, entries, { maxSeconds: budget, routes: 0 }).results) {
        if (r.status === 'ok' && r.seconds !== null && r.seconds <= budget) reach.get(r.unitId)!.push(j);
      }
    });
  }
  const reachUnits: ReachUnit[] = input.units.map((u) => ({
    id: u.id,
    busy: !isIdle(u),
    reach: isIdle(u) ? reach.get(`u:${u.id}`)! : [],
    options: isIdle(u) ? targets.map((_, k) => ({ target: k, reach: reach.get(`t:${u.type}:${k}`)! })) : [],
  }));
  const plan = planRepositioning({
    weights: input.cells.map((c) => c.weight),
    units: reachUnits,
    maxMoves: input.maxMoves,
  });
  const byId = new Map(input.units.map((u) => [u.id, u]));
  return {
    before: plan.before,
    after: plan.after,
    idleUnits: idle.length,
    moves: plan.moves.map((m) => {
      const u = byId.get(m.unitId)!;
      const t = targets[m.target]!;
      return {
        unitId: u.id,
        callsign: u.callsign,
        unitType: u.type as UnitType,
        from: { lng: u.position!.lng, lat: u.position!.lat },
        to: { lng: t.lng, lat: t.lat },
        toKind: t.kind,
        toLabel: t.label,
        gain: m.gain,
      };
    }),
  };
}
