/**
 * Command-center insight (issue 15): the request handlers of shared/contract/insightContract.ts
 * over the console's database, city pack and routing service.
 */
import type { RequestHandlers } from '../../../shared/contract/api';
import type { insightRequests } from '../../../shared/contract/insightContract';
import type { CityPack } from '../../../shared/citypack/schema';
import type { Db } from '../db/database';
import type { MetaRepository } from '../db/metaRepository';
import { guardSeatControl, type SeatGuardDeps } from '../seatGuard';
import { heatmapPoints } from './heatmap';
import { HeatDayCache } from './heatDayCache';
import { createRiskService } from './riskService';
import { createEtaService, type SpeedFactorTarget } from './etaService';
import { createRepositionService } from './repositionService';
import type { Router } from '../../../node/routing';
import type { Unit } from '../../../shared/domain/unit';
import type { CoverageSnapshot } from '../../../shared/contract/routingContract';
import type { CommandOutbox } from '../outbox/commandOutbox';

export type InsightHandlers = Pick<RequestHandlers, keyof typeof insightRequests>;

export interface InsightDeps {
  db: Db;
  meta: MetaRepository;
  pack: CityPack;
  /** Folders searched, in order, for override files (the pack's, then the data folder). */
  configDirs: readonly string[];
  /** The routing service: its speed factors (ETA calibration) and Router (repositioning reach). */
  routing: SpeedFactorTarget & {
    readonly router: Router;
    /** The coverage with some available units moved (repositioning preview). */
    coverageWith(moves: readonly { unitId: string; lng: number; lat: number }[]): CoverageSnapshot;
  };
  /** Units as stored now (status and position). */
  units: () => readonly Unit[];
  /** The command outbox and a nudge for its dispatcher (repositioning moves go as commands). */
  commands: { outbox: CommandOutbox; kick: () => void };
  /** Seat controls: who may accept factors or send moves, and their audit. */
  seat: SeatGuardDeps;
  now?: () => number;
}

export function createInsightHandlers(deps: InsightDeps): InsightHandlers {
  const nowOpt = deps.now ? { now: deps.now } : {};
  const risk = createRiskService({ db: deps.db, pack: deps.pack, configDirs: deps.configDirs, ...nowOpt });
  const eta = createEtaService({ db: deps.db, meta: deps.meta, routing: deps.routing, ...nowOpt });
  const reposition = createRepositionService({
    db: deps.db,
    pack: deps.pack,
    router: () => deps.routing.router,
    units: deps.units,
    outbox: () => deps.commands.outbox,
    kick: deps.commands.kick,
    ...nowOpt,
  });
  let lastApplied: { before: object; after: object } | null = null;
  const heatDays = new HeatDayCache();
  return {
    'insight.heatmap': async (query) => heatmapPoints(deps.db, query, undefined, { cache: heatDays }),
    'insight.risk': async ({ days }) => risk.report(days),
    'insight.alertRisk': async ({ alertId }) => risk.alertRisk(alertId),
    'insight.etaCalibration': async ({ days }) => eta.report(days),
    'insight.applySpeedFactors': guardSeatControl(
      deps.seat,
      'speedCalibration',
      async ({ factors }) => {
        lastApplied = eta.apply(factors);
        return lastApplied.after;
      },
      () => ({ action: 'routing.speedFactors', subject: 'routing:speedFactors', payload: lastApplied }),
    ),
    'insight.reposition': async ({ maxMoves, weeks }) => reposition.advise(maxMoves, weeks),
    'insight.repositionCoverage': async ({ moves }) => deps.routing.coverageWith(moves),
    'insight.sendMove': guardSeatControl(
      deps.seat,
      'reposition',
      async ({ unitId, lng, lat }) => reposition.send(unitId, { lng, lat }),
      ([move], result) => ({
        action: 'unit.reposition',
        subject: `unit:${move.unitId}`,
        payload: { to: { lng: move.lng, lat: move.lat }, commandId: result.commandId },
      }),
    ),
  };
}
