/** Statistics (docs/statistics.md): KPI figures over the alert_stats summary, reports, demo history. */
export { StatsService } from './statsService';
export { resolvePeriod, localDate, type ResolvedPeriod } from './period';
export { percentile, histogram, RESPONSE_BIN_EDGES } from './figures';
export { createStatsHandlers } from './statsHandlers';
export { writeStatsReport } from './statsReport';
export { XLSX_SHEETS } from './reportXlsx';
export {
  generateDemoHistory,
  seedDemoHistoryIfFresh,
  DEMO_HISTORY_ORIGIN,
  DEMO_HISTORY_META,
} from './demoHistory';
