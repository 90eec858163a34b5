/**
 * Repositioning advice for the console: demand from the stored alerts of the current hour of day
 * over recent weeks, the idle units as they stand, the routing service's Router; and the chosen
 * move sent to the unit as a `unit.reposition` command through the outbox.
 */
import type { Db } from '../db/database';
import type { CityPack } from '../../../shared/citypack/schema';
import type { Unit } from '../../../shared/domain/unit';
import type { RepositionAdvice } from '../../../shared/contract/insightContract';
import { cityHour } from '../../../shared/domain/cityTime';
import type { Router } from '../../../node/routing';
import type { CommandOutbox } from '../outbox/commandOutbox';
import {
  adviseRepositioning,
  demandCells,
  REPOSITION_BUDGET_SECONDS,
  type DemandPoint,
} from './repositionAdvice';

export const DEFAULT_WEEKS = 4;

/** Alerts reported at city hour `hour` on any day of the last `weeks` weeks (merged/transferred left out). */
export function hourDemand(db: Db, nowMs: number, hour: number, weeks: number): DemandPoint[] {
  const since = nowMs - weeks * 7 * 86_400_000;
  return db
    .prepare<[string], { lng: number; lat: number; reported_at: string }>(
      "SELECT lng, lat, reported_at FROM alerts WHERE reported_at >= ? AND status NOT IN ('merged', 'transferred')",
    )
    .all(new Date(since - 86_400_000).toISOString().slice(0, 10))
    .filter((r) => {
      const t = Date.parse(r.reported_at);
      return t >= since && t <= nowMs && cityHour(r.reported_at) === hour;
    })
    .map((r) => ({ lng: r.lng, lat: r.lat }));
}

export interface RepositionDeps {
  db: Db;
  pack: Pick<CityPack, 'units'>;
  router: () => Router;
  units: () => readonly Unit[];
  outbox: () => CommandOutbox;
  kick: () => void;
  now?: () => number;
}

export function createRepositionService(deps: RepositionDeps) {
  const now = deps.now ?? Date.now;
  return {
    advise(maxMoves: number, weeks = DEFAULT_WEEKS): RepositionAdvice {
      const at = now();
      const hour = cityHour(new Date(at).toISOString());
      const points = hourDemand(deps.db, at, hour, weeks);
      const cells = demandCells(points);
      const posts = deps.pack.units.map((u) => ({ lng: u.home.lng, lat: u.home.lat, label: u.callsign }));
      const advice = adviseRepositioning({
        router: deps.router(),
        cells,
        units: deps.units(),
        posts,
        maxMoves,
      });
      return {
        hour,
        weeks,
        budgetSeconds: REPOSITION_BUDGET_SECONDS,
        demandAlerts: points.length,
        ...advice,
      };
    },
    /** Sends one move; refused unless the unit is available now (a busy unit is never moved). */
    send(unitId: string, to: { lng: number; lat: number }): { commandId: string } {
      const unit = deps.units().find((u) => u.id === unitId);
      if (!unit) throw new Error(`Unknown unit ${unitId}`);
      if (unit.status !== 'available')
        throw new Error(`unit ${unitId} is ${unit.status}, not available: it is not moved`);
      const { commandId } = deps
        .outbox()
        .enqueue({ kind: 'unit.reposition', payload: { unitId, lng: to.lng, lat: to.lat } });
      deps.kick();
      return { commandId };
    },
  };
}
