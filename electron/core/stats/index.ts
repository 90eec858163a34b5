/** Statistics (docs/statistics.md): KPI figures over the alert_stats summary, reports, demo history. */
export { StatsService } from './statsService';
export { resolvePeriod, localDate, type ResolvedPeriod } from './period';
export { percentile, histogram, RESPONSE_BIN_EDGES } from './figures';
