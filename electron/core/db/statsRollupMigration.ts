/**
 * Migration 12: the per-day statistics rollup (docs/statistics.md, "Storage"). A month of a
 * Xi'an-size city (500,000 alerts) read row by row from alert_stats took seconds; the rollup
 * answers the same figures from a few thousand rows per day.
 *
 * Each alert_stats row counts in four slices — all alerts (dim ''), its district (dim 'd'), its
 * unit type ('t') and its source ('s') — of three tables keyed by local day:
 * - stats_day: counts per local hour and category (the KPIs, the daily / hourly / category breakdown);
 * - stats_day_response: first arrivals of worked alerts per stored target, verdict and whole second
 *   (the histogram, p50 / p90 exact to the second, per tier);
 * - stats_day_handling: first arrival → resolve per whole second.
 * Triggers on alert_stats (itself kept by the triggers of migration 7) take the old row out and put
 * the new one in, inside the transaction of the write. What depends on the time of the query (a
 * target passed with nobody on scene, a hand-over past its due time and still open) is not rolled
 * up: the queries read those few rows from alert_stats through a partial index.
 */

/** Not incidents of their own (as in statsQueries.ts). */
const worked = (r: string) => `(${r}.status <> 'merged' AND ${r}.status <> 'cancelled')`;

/** A slice of the rollup: its dim key and the value of row r in it (NULL: the row counts in none of that dim). */
export type RollupSlice = readonly [dim: string, value: (r: string) => string];

/** Migration 12's slices; a NULL district or unit type (nobody sent) counts in none of those. */
export const SLICES_12: readonly RollupSlice[] = [
  ['', () => `''`],
  ['d', (r) => `${r}.district_id`],
  ['t', (r) => `${r}.unit_type`],
  ['s', (r) => `${r}.source`],
];

/**
 * A period bucket of the rollup: its key from the row's local day (SQL). Migration 12 keeps only
 * the day itself; migration 18 adds the ISO week and the calendar month (statsRollupBucketsMigration.ts).
 */
export type RollupBucket = (localDay: string) => string;
const DAY_ONLY: readonly RollupBucket[] = [(day) => day];

/** The buckets a row counts in, joined as bk (nothing for the day alone: migration 12's text). */
const bucketsTable = (buckets: readonly RollupBucket[]) =>
  buckets.length === 1
    ? ''
    : `, (${buckets.map((_, i) => (i === 0 ? `SELECT 0 AS b` : `SELECT ${i}`)).join(' UNION ALL ')}) AS bk`;
const bucketValue = (buckets: readonly RollupBucket[], day: string) =>
  buckets.length === 1
    ? buckets[0]!(day)
    : `CASE bk.b ${buckets
        .slice(0, -1)
        .map((b, i) => `WHEN ${i} THEN ${b(day)}`)
        .join(' ')} ELSE ${buckets.at(-1)!(day)} END`;

/** The slices a row counts in (join `${slicesTable(s)}` and select `${sliceValue(s, r)}`). */
const slicesTable = (slices: readonly RollupSlice[]) =>
  `(${slices.map(([dim], i) => (i === 0 ? `SELECT '${dim}' AS dim` : `SELECT '${dim}'`)).join(' UNION ALL ')}) AS sl`;
const sliceValue = (slices: readonly RollupSlice[], r: string) =>
  `CASE sl.dim ${slices
    .slice(0, -1)
    .map(([dim, value]) => `WHEN '${dim}' THEN ${value(r)}`)
    .join(' ')} ELSE ${slices.at(-1)![1](r)} END`;

const COUNT_COLUMNS = [
  'alerts',
  'cancelled',
  'merged',
  'dispatched',
  'arrived',
  'judged',
  'met',
  'cases12345',
  'closed12345',
  'transferred',
  'overdue_closed',
  'demo',
] as const;

/** Each count column's value (0/1, never NULL) for row r. */
const counts = (r: string): string[] =>
  [
    '1',
    `${r}.status = 'cancelled'`,
    `${r}.status = 'merged'`,
    `(${r}.dispatched_ms IS NOT NULL AND ${worked(r)})`,
    `(${r}.arrived_ms IS NOT NULL AND ${worked(r)})`,
    `(${r}.tier_met IS NOT NULL AND ${worked(r)})`,
    `(${r}.tier_met = 1 AND ${worked(r)})`,
    `(${r}.source = '12345' AND ${worked(r)})`,
    `(${r}.source = '12345' AND ${r}.status = 'closed')`,
    `(${r}.transfer_due_ms IS NOT NULL AND ${worked(r)})`,
    `(${r}.transfer_due_ms IS NOT NULL AND ${worked(r)} AND ${r}.closed_ms > ${r}.transfer_due_ms)`,
    `${r}.origin <> 'live'`,
  ].map((c) => `COALESCE(${c}, 0)`);

const HANDLED = (r: string) => `(${worked(r)} AND ${r}.resolved_ms >= ${r}.arrived_ms)`;
const RESPONDED = (r: string) =>
  `(${worked(r)} AND ${r}.arrived_ms IS NOT NULL AND ${r}.response_seconds IS NOT NULL)`;

export type RollupTable = 'stats_day' | 'stats_day_response' | 'stats_day_handling';

/**
 * The alert_stats columns each table's rows are computed from (key and counts): an update that
 * changes none of them leaves that table as it was (migration 20 skips it).
 */
export const ROLLUP_INPUTS: Record<RollupTable, readonly string[]> = {
  stats_day: [
    ...['local_day', 'local_hour', 'category', 'district_id', 'unit_type', 'source'],
    ...['status', 'origin', 'dispatched_ms', 'arrived_ms', 'tier_met', 'transfer_due_ms', 'closed_ms'],
  ],
  stats_day_response: [
    ...['local_day', 'local_hour', 'category', 'district_id', 'unit_type', 'source'],
    ...['status', 'arrived_ms', 'response_seconds', 'tier_target_seconds', 'tier_met'],
  ],
  stats_day_handling: [
    ...['local_day', 'local_hour', 'category', 'district_id', 'unit_type', 'source'],
    ...['status', 'arrived_ms', 'resolved_ms'],
  ],
};

/** Adds (sign 1) or takes out (sign -1) row r (NEW / OLD in a trigger) from one table. */
export function applyTo(
  t: RollupTable,
  slices: readonly RollupSlice[],
  buckets: readonly RollupBucket[],
  r: string,
  sign: 1 | -1,
): string {
  const s = sign === 1 ? '' : '-';
  const [table, value] = [slicesTable(slices) + bucketsTable(buckets), sliceValue(slices, r)];
  const day = bucketValue(buckets, `${r}.local_day`);
  if (t === 'stats_day')
    return `
    INSERT INTO stats_day (dim, value, local_day, local_hour, category, ${COUNT_COLUMNS.join(', ')})
      SELECT sl.dim, ${value}, ${day}, ${r}.local_hour, ${r}.category, ${counts(r)
        .map((c) => `${s}(${c})`)
        .join(', ')}
        FROM ${table} WHERE ${value} IS NOT NULL
      ON CONFLICT (dim, value, local_day, local_hour, category) DO UPDATE SET
        ${COUNT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
  if (t === 'stats_day_response')
    return `
    INSERT INTO stats_day_response (dim, value, local_day, target, met, seconds, n)
      SELECT sl.dim, ${value}, ${day}, COALESCE(${r}.tier_target_seconds, -1), COALESCE(${r}.tier_met, -1),
             CAST(${r}.response_seconds AS INTEGER), ${s}1
        FROM ${table} WHERE ${value} IS NOT NULL AND ${RESPONDED(r)}
      ON CONFLICT (dim, value, local_day, target, met, seconds) DO UPDATE SET n = n + excluded.n;`;
  return `
    INSERT INTO stats_day_handling (dim, value, local_day, seconds, n)
      SELECT sl.dim, ${value}, ${day}, (${r}.resolved_ms - ${r}.arrived_ms) / 1000, ${s}1
        FROM ${table} WHERE ${value} IS NOT NULL AND ${HANDLED(r)}
      ON CONFLICT (dim, value, local_day, seconds) DO UPDATE SET n = n + excluded.n;`;
}

/** The columns a row's rollup keys come from (its slices' values and its day). */
export const ROLLUP_KEY_COLUMNS = [
  'local_day',
  'local_hour',
  'category',
  'district_id',
  'unit_type',
  'source',
];

/**
 * An update of a row whose keys stayed: stats_day's counts moved by NEW − OLD in one upsert per
 * slice and bucket, and none at all when no count moved (most status steps: en route, on scene).
 */
export function applyCountDelta(slices: readonly RollupSlice[], buckets: readonly RollupBucket[]): string {
  const [table, value] = [slicesTable(slices) + bucketsTable(buckets), sliceValue(slices, 'NEW')];
  const day = bucketValue(buckets, 'NEW.local_day');
  const [now, before] = [counts('NEW'), counts('OLD')];
  const delta = now.map((c, i) => `(${c}) - (${before[i]})`);
  return `
    INSERT INTO stats_day (dim, value, local_day, local_hour, category, ${COUNT_COLUMNS.join(', ')})
      SELECT sl.dim, ${value}, ${day}, NEW.local_hour, NEW.category, ${delta.join(', ')}
        FROM ${table} WHERE ${value} IS NOT NULL AND (${delta.map((d) => `${d} <> 0`).join(' OR ')})
      ON CONFLICT (dim, value, local_day, local_hour, category) DO UPDATE SET
        ${COUNT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
}

export const STATS_ROLLUP_TABLES: readonly RollupTable[] = [
  'stats_day',
  'stats_day_response',
  'stats_day_handling',
];

/** Adds (sign 1) or takes out (sign -1) row r (NEW / OLD in a trigger) from the three tables. */
function apply(
  slices: readonly RollupSlice[],
  buckets: readonly RollupBucket[],
  r: string,
  sign: 1 | -1,
): string {
  return STATS_ROLLUP_TABLES.map((t) => applyTo(t, slices, buckets, r, sign)).join('');
}

/** The triggers on alert_stats that keep these slices of the rollup. */
export const rollupTriggersSql = (
  slices: readonly RollupSlice[],
  buckets: readonly RollupBucket[] = DAY_ONLY,
): string => `
  CREATE TRIGGER stats_day_on_insert AFTER INSERT ON alert_stats BEGIN ${apply(slices, buckets, 'NEW', 1)}
  END;
  CREATE TRIGGER stats_day_on_update AFTER UPDATE ON alert_stats BEGIN ${apply(slices, buckets, 'OLD', -1)} ${apply(slices, buckets, 'NEW', 1)}
  END;
  CREATE TRIGGER stats_day_on_delete AFTER DELETE ON alert_stats BEGIN ${apply(slices, buckets, 'OLD', -1)}
  END;
`;

/** These slices of the rollup from the summary as it stands. */
export function rollupBackfillSql(slices: readonly RollupSlice[]): string {
  const [table, value] = [slicesTable(slices), sliceValue(slices, 'a')];
  return `
  INSERT INTO stats_day (dim, value, local_day, local_hour, category, ${COUNT_COLUMNS.join(', ')})
    SELECT sl.dim, ${value} AS value, a.local_day, a.local_hour, a.category, ${counts('a')
      .map((c) => `SUM(${c})`)
      .join(', ')}
      FROM alert_stats a, ${table} WHERE value IS NOT NULL
     GROUP BY sl.dim, value, a.local_day, a.local_hour, a.category;
  INSERT INTO stats_day_response (dim, value, local_day, target, met, seconds, n)
    SELECT sl.dim, ${value} AS value, a.local_day, COALESCE(a.tier_target_seconds, -1), COALESCE(a.tier_met, -1),
           CAST(a.response_seconds AS INTEGER), COUNT(*)
      FROM alert_stats a, ${table} WHERE value IS NOT NULL AND ${RESPONDED('a')}
     GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO stats_day_handling (dim, value, local_day, seconds, n)
    SELECT sl.dim, ${value} AS value, a.local_day, (a.resolved_ms - a.arrived_ms) / 1000, COUNT(*)
      FROM alert_stats a, ${table} WHERE value IS NOT NULL AND ${HANDLED('a')}
     GROUP BY 1, 2, 3, 4;
`;
}

/** The partial index's condition: the rows whose figures depend on the time of the query. */
export const PENDING = `((arrived_ms IS NULL AND dispatch_target_seconds IS NOT NULL) OR status = 'transferred')`;

export const STATS_ROLLUP_MIGRATION_SQL = `
  CREATE TABLE stats_day (
    dim TEXT NOT NULL, value TEXT NOT NULL, local_day TEXT NOT NULL, local_hour INTEGER NOT NULL, category TEXT NOT NULL,
    ${COUNT_COLUMNS.map((c) => `${c} INTEGER NOT NULL`).join(', ')},
    PRIMARY KEY (dim, value, local_day, local_hour, category)
  ) WITHOUT ROWID;
  -- target -1: no stored target; met -1: no verdict.
  CREATE TABLE stats_day_response (
    dim TEXT NOT NULL, value TEXT NOT NULL, local_day TEXT NOT NULL,
    target INTEGER NOT NULL, met INTEGER NOT NULL, seconds INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (dim, value, local_day, target, met, seconds)
  ) WITHOUT ROWID;
  CREATE TABLE stats_day_handling (
    dim TEXT NOT NULL, value TEXT NOT NULL, local_day TEXT NOT NULL, seconds INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (dim, value, local_day, seconds)
  ) WITHOUT ROWID;
  -- Covering (every column the pending query reads), so those rows cost no table look-ups.
  CREATE INDEX alert_stats_pending ON alert_stats (
    received_ms, local_day, local_hour, category, status, arrived_ms, dispatch_target_seconds,
    transfer_due_ms, closed_ms, district_id, unit_type, source
  ) WHERE ${PENDING};

${rollupTriggersSql(SLICES_12)}
  -- Backfill from the summary as it stands.
${rollupBackfillSql(SLICES_12)}`;

export const STATS_ROLLUP_TRIGGERS = ['stats_day_on_insert', 'stats_day_on_update', 'stats_day_on_delete'];
