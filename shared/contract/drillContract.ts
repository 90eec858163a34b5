import { z } from 'zod';
import { request } from './request';

/**
 * The training-drill part of the API contract (docs/drills.md): replay controls for the drill
 * gateway's scenario clock, the scored after-action report and its HTML export.
 * Merged into requestContract in ./api.ts. Every request fails outside drill mode.
 */

export const DrillInfoSchema = z.object({ scenarioId: z.string().min(1), name: z.string().optional() });
export type DrillInfo = z.infer<typeof DrillInfoSchema>;

/** The drill gateway's scenario clock, as POST/GET /admin/clock answers it. */
export const DrillClockSchema = z.object({
  scenario: z.string().nullable(),
  scenarioTime: z.number(),
  speed: z.number().positive(),
  paused: z.boolean(),
  durationSec: z.number().nullable(),
  headSeq: z.number().int().nonnegative(),
});
export type DrillClock = z.infer<typeof DrillClockSchema>;

export const DrillControlSchema = z
  .object({
    action: z.enum(['pause', 'resume', 'seek']).optional(),
    toSeconds: z.number().nonnegative().optional(),
    speed: z.number().positive().max(100).optional(),
  })
  .refine((c) => c.action !== undefined || c.speed !== undefined, { message: 'give an action or a speed' })
  .refine((c) => c.action !== 'seek' || c.toSeconds !== undefined, { message: 'seek needs toSeconds' });
export type DrillControl = z.infer<typeof DrillControlSchema>;

export const DrillAlertScoreSchema = z.object({
  alertId: z.string(),
  priority: z.number(),
  ackSeconds: z.number().nullable(),
  ackTargetSeconds: z.number(),
  dispatchSeconds: z.number().nullable(),
  dispatchTargetSeconds: z.number(),
  handledWithoutDispatch: z.boolean(),
  unitId: z.string().nullable(),
  responseSeconds: z.number().nullable(),
  tierTargetSeconds: z.number().nullable(),
  tierMet: z.boolean().nullable(),
  chosenEtaSeconds: z.number().nullable(),
  bestUnitId: z.string().nullable(),
  bestEtaSeconds: z.number().nullable(),
  choiceCredit: z.number(),
  missed: z.array(z.enum(['acknowledge', 'dispatch', 'arrival'])),
  score: z.number(),
});

const ExpectedStatusSchema = z.enum(['met', 'late', 'missed', 'pending']);

export const ExpectedStepResultSchema = z.object({
  kind: z.enum(['dispatch', 'exit']),
  id: z.string(),
  alertId: z.string(),
  expected: z.string(),
  dueT: z.number(),
  suspectPassT: z.number().nullable(),
  deadlineT: z.number(),
  doneT: z.number().nullable(),
  done: z.string().nullable(),
  status: ExpectedStatusSchema,
});

export const DrillTimelineEntrySchema = z.object({
  t: z.number().nullable(),
  at: z.string().nullable(),
  kind: z.enum(['scenario', 'action', 'expected']),
  event: z.string(),
  alertId: z.string().nullable(),
  subject: z.string(),
  detail: z.string(),
  best: z
    .object({
      unitIds: z.array(z.string()).optional(),
      etaSeconds: z.number().nullable().optional(),
      byT: z.number().optional(),
      ackTargetSeconds: z.number().optional(),
      dispatchTargetSeconds: z.number().optional(),
      ok: z.boolean().optional(),
    })
    .nullable(),
  status: ExpectedStatusSchema.nullable(),
});
export type DrillTimelineEntry = z.infer<typeof DrillTimelineEntrySchema>;

export const DrillReportSchema = z.object({
  scenarioId: z.string(),
  /** The audit log's head when the report was made (printed on it: an anchor for `audit verify --anchor`). */
  auditHead: z.object({ seq: z.number().int().nonnegative(), hash: z.string() }).nullable(),
  name: z.string().nullable(),
  generatedAt: z.string(),
  /** Overall: the alerts' score blended with the expected actions' (docs/drills.md). */
  score: z.number().nullable(),
  /** Priority-weighted alert score alone. */
  alertScore: z.number().nullable(),
  /** Scenario time of the report (null without the clock log or anchors). */
  scenarioTime: z.number().nullable(),
  alerts: z.array(DrillAlertScoreSchema),
  totals: z.object({
    alerts: z.number(),
    acknowledged: z.number(),
    dispatched: z.number(),
    arrived: z.number(),
    tiersJudged: z.number(),
    tiersMet: z.number(),
    missedSteps: z.number(),
  }),
  /** The scenario's expected actions (version 2), judged; empty without any. */
  expected: z.object({
    steps: z.array(ExpectedStepResultSchema),
    met: z.number(),
    late: z.number(),
    missed: z.number(),
    pending: z.number(),
    cordonGaps: z.number(),
    cordonClosedInTime: z.number(),
    score: z.number().nullable(),
  }),
  timeline: z.array(DrillTimelineEntrySchema),
});
export type DrillReport = z.infer<typeof DrillReportSchema>;

export const drillRequests = {
  /** Current scenario clock of the drill gateway. */
  'drill.clock': request(z.tuple([]), DrillClockSchema),
  /** Pause / resume / seek forward and/or change speed; answers the new clock. */
  'drill.control': request(z.tuple([DrillControlSchema]), DrillClockSchema),
  /** The after-action report, computed now from the drill's console database. */
  'drill.report': request(z.tuple([]), DrillReportSchema),
  /** Writes the report as a self-contained HTML file or a PDF into the drill's data folder; answers its path. */
  'drill.exportReport': request(
    z.tuple([z.object({ format: z.enum(['html', 'pdf']) })]),
    z.object({ path: z.string() }),
  ),
} as const;
