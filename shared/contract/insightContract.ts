import { z } from 'zod';
import { AlertCategorySchema, PrioritySchema } from '../domain/alert';
import { UnitTypeSchema } from '../domain/unit';
import { RiskConfigSchema, RiskGradeSchema } from '../domain/riskGrading';
import { CoverageSnapshotSchema } from './routingContract';
import { request } from './request';

/**
 * The command-center insight part of the API contract (issue 15): the alert heat map (警情云图),
 * risk grading, ETA calibration and repositioning advice. Merged into requestContract in ./api.ts.
 */

const IsoSchema = z.iso.datetime({ offset: true });

/** Which stored alerts a heat map or grading looks at. `hour` (0–23, city time) narrows to one hour of day. */
export const HeatmapQuerySchema = z
  .object({
    from: IsoSchema,
    to: IsoSchema,
    /** Empty or absent: every category. */
    categories: z.array(AlertCategorySchema).max(50).optional(),
    hour: z.number().int().min(0).max(23).nullable().optional(),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, { message: 'at most 400 days' });
export type HeatmapQuery = z.infer<typeof HeatmapQuerySchema>;

export const HeatPointSchema = z.object({
  id: z.string(),
  lng: z.number(),
  lat: z.number(),
  category: AlertCategorySchema,
  priority: PrioritySchema,
  reportedAt: z.string(),
  address: z.string(),
});
export type HeatPoint = z.infer<typeof HeatPointSchema>;

/** A grid cell of the heat map: its centre, how many alerts and their summed priority weight (1 urgent … 0.25 low). */
export const HeatCellSchema = z.object({
  lng: z.number(),
  lat: z.number(),
  count: z.number().int().positive(),
  weight: z.number().nonnegative(),
});
export type HeatCell = z.infer<typeof HeatCellSchema>;

export const HeatmapResultSchema = z.object({
  points: z.array(HeatPointSchema),
  /** Alerts matching the query; `points` holds at most `limit` of them (newest first) when capped. */
  total: z.number().int().nonnegative(),
  capped: z.boolean(),
  /**
   * When capped: every matching alert, aggregated by the database on a grid (a month of a large
   * city is hundreds of thousands of alerts); the map heats from these, a click lists `points`.
   * Empty when not capped (the points are all of them).
   */
  cells: z.array(HeatCellSchema),
});
export type HeatmapResult = z.infer<typeof HeatmapResultSchema>;

export const GradedDistrictSchema = z.object({
  id: z.string(),
  grade: RiskGradeSchema,
  score: z.number(),
  count: z.number().int(),
});
export const GradedPlaceSchema = z.object({
  key: z.string(),
  kind: z.enum(['address', 'cell']),
  label: z.string(),
  lng: z.number(),
  lat: z.number(),
  grade: RiskGradeSchema,
  score: z.number(),
  count: z.number().int(),
});
export type GradedDistrict = z.infer<typeof GradedDistrictSchema>;
export type GradedPlace = z.infer<typeof GradedPlaceSchema>;

export const RiskReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  districts: z.array(GradedDistrictSchema),
  /** Places graded A or B only (C is the rest of the city). */
  places: z.array(GradedPlaceSchema),
  config: RiskConfigSchema,
  /** Where the rules came from: the defaults, or the override file's path. */
  configSource: z.string(),
});
export type RiskReport = z.infer<typeof RiskReportSchema>;

export const AlertRiskSchema = z.object({
  alertId: z.string(),
  /** The worse of the place's and the district's grade. */
  grade: RiskGradeSchema,
  district: GradedDistrictSchema.nullable(),
  place: GradedPlaceSchema.nullable(),
});
export type AlertRisk = z.infer<typeof AlertRiskSchema>;

const StatsSchema = z.object({
  n: z.number().int(),
  biasSeconds: z.number(),
  maeSeconds: z.number(),
  ratio: z.number(),
});
export const EtaCalibrationSchema = z.object({
  from: z.string(),
  to: z.string(),
  samples: z.number().int(),
  byUnitType: z.array(
    StatsSchema.extend({
      unitType: UnitTypeSchema,
      proposedFactor: z.number().nullable(),
      currentFactor: z.number(),
    }),
  ),
  byHour: z.array(StatsSchema.extend({ hour: z.number().int() })),
  /**
   * By the road class covering most of each unit's route when sent (shared/domain/roadClass.ts),
   * bigger roads first; `unknown` for dispatches stored without one (before migration 15).
   */
  byRoadClass: z.array(StatsSchema.extend({ roadClass: z.string() })),
});
export type EtaCalibration = z.infer<typeof EtaCalibrationSchema>;

export const SpeedFactorsSchema = z.partialRecord(UnitTypeSchema, z.number().min(0.5).max(2));
export type SpeedFactors = z.infer<typeof SpeedFactorsSchema>;

export const RepositionMoveSchema = z.object({
  unitId: z.string(),
  callsign: z.string(),
  unitType: UnitTypeSchema,
  from: z.object({ lng: z.number(), lat: z.number() }),
  to: z.object({ lng: z.number(), lat: z.number() }),
  /** 'post' = another unit's home post; 'cell' = the centre of a demand cell. */
  toKind: z.enum(['post', 'cell']),
  toLabel: z.string(),
  /** Demand-weighted 3-minute coverage gained by this move (share points, 0–1). */
  gain: z.number(),
});
export type RepositionMove = z.infer<typeof RepositionMoveSchema>;

export const RepositionAdviceSchema = z.object({
  hour: z.number().int(),
  weeks: z.number().int(),
  budgetSeconds: z.number(),
  demandAlerts: z.number().int(),
  idleUnits: z.number().int(),
  /** Demand-weighted share reachable within the budget now and after all moves. */
  before: z.number().min(0).max(1),
  after: z.number().min(0).max(1),
  moves: z.array(RepositionMoveSchema),
});
export type RepositionAdvice = z.infer<typeof RepositionAdviceSchema>;

export const insightRequests = {
  /** Stored alerts for the heat map (at most 20,000 points; 5,000 plus the grid cells when capped). */
  'insight.heatmap': request(z.tuple([HeatmapQuerySchema]), HeatmapResultSchema),
  /** Districts and places graded A/B/C over the period (docs/risk-grading.md). */
  'insight.risk': request(z.tuple([z.object({ days: z.number().int().min(1).max(365) })]), RiskReportSchema),
  /** The risk grade of one alert's place and district. */
  'insight.alertRisk': request(z.tuple([z.object({ alertId: z.string().min(1) })]), AlertRiskSchema),
  /** ETA bias and error from the dispatches with a predicted ETA and an arrival. */
  'insight.etaCalibration': request(
    z.tuple([z.object({ days: z.number().int().min(1).max(365) })]),
    EtaCalibrationSchema,
  ),
  /** A supervisor accepts speed factors per unit type (audited; used by the routing ETAs from then on). */
  'insight.applySpeedFactors': request(
    z.tuple([z.object({ factors: SpeedFactorsSchema })]),
    SpeedFactorsSchema,
  ),
  /** Up to `maxMoves` idle-unit moves raising demand-weighted 3-minute coverage. */
  'insight.reposition': request(
    z.tuple([
      z.object({
        maxMoves: z.number().int().min(1).max(10),
        weeks: z.number().int().min(1).max(12).optional(),
      }),
    ]),
    RepositionAdviceSchema,
  ),
  /** The coverage overlay as it would be after these moves (the preview of a suggestion); busy units are never moved. */
  'insight.repositionCoverage': request(
    z.tuple([
      z.object({
        moves: z
          .array(
            z.object({
              unitId: z.string().min(1),
              lng: z.number().min(-180).max(180),
              lat: z.number().min(-90).max(90),
            }),
          )
          .max(10),
      }),
    ]),
    CoverageSnapshotSchema,
  ),
  /** Sends one move as a command to the unit (through the outbox); refused for a busy unit. */
  'insight.sendMove': request(
    z.tuple([
      z.object({
        unitId: z.string().min(1),
        lng: z.number().min(-180).max(180),
        lat: z.number().min(-90).max(90),
      }),
    ]),
    z.object({ commandId: z.string() }),
  ),
} as const;
