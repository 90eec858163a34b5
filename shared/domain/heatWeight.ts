/**
 * How much an alert heats the heat map (警情云图), by priority: 1 for urgent … 0.25 for low, so an
 * urgent alert counts four times a consultation. One rule for the map layer (points) and for the
 * database's grid aggregation (cells).
 */
export const heatWeight = (priority: number): number => (5 - Math.min(4, Math.max(1, priority))) / 4;

/** The same rule as an SQL expression over a priority column. */
export const heatWeightSql = (column: string): string => `((5 - MIN(4, MAX(1, ${column}))) / 4.0)`;
