import { z } from 'zod';
import { AlertCategorySchema, AlertSourceSchema } from '../domain/alert';
import { request } from './request';

/**
 * The statistics part of the API contract (docs/statistics.md): KPI figures for a period and
 * filters, and their report export. Merged into requestContract in ./api.ts.
 */

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');

/** A period in the console's local days: the day / ISO week (Monday first) / calendar month containing `date`, or `from`..`to` inclusive. */
export const StatsPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['day', 'week', 'month']), date: LocalDate }),
  z
    .object({ kind: z.literal('custom'), from: LocalDate, to: LocalDate })
    .refine((p) => p.from <= p.to, { message: 'from must not be after to' }),
]);
export type StatsPeriod = z.infer<typeof StatsPeriodSchema>;

export const StatsFiltersSchema = z.object({
  districtId: z.string().min(1).max(64).optional(),
  /** The responsible unit: the first one sent to the alert. */
  unitId: z.string().min(1).max(64).optional(),
  unitType: z.string().min(1).max(32).optional(),
  category: AlertCategorySchema.optional(),
  source: AlertSourceSchema.optional(),
  /** Local hour of day of receipt, 0–23. */
  hour: z.number().int().min(0).max(23).optional(),
});
export type StatsFilters = z.infer<typeof StatsFiltersSchema>;

export const StatsRequestSchema = z.object({
  period: StatsPeriodSchema,
  filters: StatsFiltersSchema.default({}),
});
export type StatsRequest = z.input<typeof StatsRequestSchema>;

const Rate = z.number().min(0).max(1).nullable();
const Seconds = z.number().nullable();

export const StatsKpisSchema = z.object({
  alerts: z.number().int(),
  /** Alerts that are not duplicates (merged) nor cancelled: the incidents worked. */
  incidents: z.number().int(),
  cancelled: z.number().int(),
  merged: z.number().int(),
  dispatched: z.number().int(),
  arrived: z.number().int(),
  /** 1/3/5: alerts judged against the target stored at dispatch, and how many met it. */
  tierJudged: z.number().int(),
  tierMet: z.number().int(),
  tierRate: Rate,
  responseP50: Seconds,
  responseP90: Seconds,
  handlingP50: Seconds,
  handlingP90: Seconds,
  cases12345: z.number().int(),
  closed12345: z.number().int(),
  closureRate12345: Rate,
  transferred: z.number().int(),
  overdue: z.number().int(),
  overdueRate: Rate,
});
export type StatsKpis = z.infer<typeof StatsKpisSchema>;

export const StatsResultSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  previousPeriod: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  filters: StatsFiltersSchema,
  generatedAt: z.string(),
  kpis: StatsKpisSchema,
  previous: StatsKpisSchema,
  /** Response time (接警 → first unit on scene) histogram: [fromSeconds, toSeconds) with toSeconds null for the last, open bin. */
  histogram: z.array(
    z.object({ fromSeconds: z.number(), toSeconds: z.number().nullable(), count: z.number().int() }),
  ),
  tiers: z.array(
    z.object({
      targetSeconds: z.number(),
      judged: z.number().int(),
      met: z.number().int(),
      rate: Rate,
      unreached: z.number().int(),
      p50: Seconds,
      p90: Seconds,
    }),
  ),
  /** Per local day of the period. */
  daily: z.array(
    z.object({
      day: z.string(),
      alerts: z.number().int(),
      tierJudged: z.number().int(),
      tierMet: z.number().int(),
    }),
  ),
  hourly: z.array(z.number().int()).length(24),
  categories: z.array(z.object({ category: z.string(), count: z.number().int() })),
  /** How many of the alerts counted are generated demo history (docs/statistics.md). */
  demoHistory: z.number().int(),
});
export type StatsResult = z.infer<typeof StatsResultSchema>;

export const StatsReportFormatSchema = z.enum(['html', 'pdf', 'xlsx']);
export type StatsReportFormat = z.infer<typeof StatsReportFormatSchema>;

export const statsRequests = {
  /** KPI figures for a period and filters, computed now from the console database. */
  'stats.query': request(z.tuple([StatsRequestSchema]), StatsResultSchema),
  /** Writes the statistics report (HTML, PDF or XLSX) into the data folder's reports/; answers its path. */
  'stats.exportReport': request(
    z.tuple([StatsRequestSchema.extend({ format: StatsReportFormatSchema })]),
    z.object({ path: z.string() }),
  ),
} as const;
