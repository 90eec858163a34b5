/**
 * Command-center insight (issue 15): the request handlers of shared/contract/insightContract.ts
 * over the console's database, city pack and routing service.
 */
import type { RequestHandlers } from '../../../shared/contract/api';
import type { insightRequests } from '../../../shared/contract/insightContract';
import type { CityPack } from '../../../shared/citypack/schema';
import type { Db } from '../db/database';
import { heatmapPoints } from './heatmap';
import { createRiskService } from './riskService';

export type InsightHandlers = Pick<RequestHandlers, keyof typeof insightRequests>;

export interface InsightDeps {
  db: Db;
  pack: CityPack;
  /** Folders searched, in order, for override files (the pack's, then the data folder). */
  configDirs: readonly string[];
  now?: () => number;
}

export function createInsightHandlers(deps: InsightDeps): InsightHandlers {
  const risk = createRiskService({ db: deps.db, pack: deps.pack, configDirs: deps.configDirs, ...(deps.now ? { now: deps.now } : {}) });
  const later = async (): Promise<never> => {
    throw new Error('not available yet');
  };
  return {
    'insight.heatmap': async (query) => heatmapPoints(deps.db, query),
    'insight.risk': async ({ days }) => risk.report(days),
    'insight.alertRisk': async ({ alertId }) => risk.alertRisk(alertId),
    'insight.etaCalibration': later,
    'insight.applySpeedFactors': later,
    'insight.reposition': later,
    'insight.sendMove': later,
  };
}
