import { z } from 'zod';
import { CordonAnalysisSchema, Ring1OptionsSchema, SuspectProfileSchema } from '../cordon/schema';
import { request } from './request';

/**
 * The three-ring cordon (三层查控圈) part of the API contract (docs/cordon.md): the analysis for
 * an alert, sending units to the open exits in one action, and activating checkpoints.
 * Merged into requestContract / eventContract in ./api.ts.
 */

/**
 * Ring 1 as the console asks for it: the engine's modes, plus 'district' — the county (or,
 * failing that, the patrol district) containing the incident, resolved by the service.
 */
export const CordonRing1ArgSchema = z.union([Ring1OptionsSchema, z.object({ mode: z.literal('district') })]);
export type CordonRing1Arg = z.infer<typeof CordonRing1ArgSchema>;

export const CordonAnalyseArgsSchema = z.object({
  alertId: z.string().min(1),
  /** Seconds since the incident; default: now − the alert's reportedAt (clamped to 0 … 6 h). */
  elapsedSeconds: z
    .number()
    .min(0)
    .max(6 * 3600)
    .optional(),
  /** Default 'car'. */
  suspectProfile: SuspectProfileSchema.optional(),
  /** Ring 1 other than the suspect isochrone: the incident's county, a county/district id or a drawn polygon. */
  ring1: CordonRing1ArgSchema.optional(),
  /** Ring 3 stretch: the provincial border within this many km of the city (default 30), only where shared with a neighbour (default true). */
  ring3: z
    .object({ withinKm: z.number().positive().max(500).optional(), sharedOnly: z.boolean().optional() })
    .optional(),
  /** A checkpoint this close along the road covers a crossing (default 300 m). */
  checkpointRadiusMetres: z.number().positive().max(5000).optional(),
  /** Isochrone ring 1 placed this many seconds ahead of the suspect (default 0). */
  leadSeconds: z.number().min(0).max(3600).optional(),
});
export type CordonAnalyseArgs = z.infer<typeof CordonAnalyseArgsSchema>;

/** A unit sent to a crossing of this alert's cordon (cordon.sendPlan). */
export const CordonReinforcementSchema = z.object({
  unitId: z.string(),
  crossingId: z.string(),
  lng: z.number(),
  lat: z.number(),
  commandId: z.string(),
  at: z.string(),
  operator: z.string(),
});
export type CordonReinforcement = z.infer<typeof CordonReinforcementSchema>;

/** The engine's analysis, plus what the console has already done about it for this alert. */
export const CordonResultSchema = CordonAnalysisSchema.extend({
  alertId: z.string(),
  computedAt: z.string(),
  /** Checkpoints activated for this alert (cordon.activateCheckpoint). */
  activeCheckpointIds: z.array(z.string()),
  /** Units sent to crossings for this alert, oldest first. */
  reinforcements: z.array(CordonReinforcementSchema),
});
export type CordonResult = z.infer<typeof CordonResultSchema>;

export const cordonRequests = {
  'cordon.analyse': request(z.tuple([CordonAnalyseArgsSchema]), CordonResultSchema),
  /**
   * Sends each unit to its crossing (a gateway `unit.assign` with the crossing as target), in one
   * audited action recorded as reinforcement on the alert. Crossing ids are those of the latest
   * `cordon.analyse` of this alert.
   */
  'cordon.sendPlan': request(
    z.tuple([
      z.object({
        alertId: z.string().min(1),
        assignments: z
          .array(z.object({ unitId: z.string().min(1), crossingId: z.string().min(1) }))
          .min(1)
          .max(200),
      }),
    ]),
    z.object({ alertId: z.string(), reinforcements: z.array(CordonReinforcementSchema) }),
  ),
  /** Records (audited, in the alert's timeline) that a checkpoint is activated for this alert. */
  'cordon.activateCheckpoint': request(
    z.tuple([z.object({ alertId: z.string().min(1), checkpointId: z.string().min(1) })]),
    z.object({ alertId: z.string(), activeCheckpointIds: z.array(z.string()) }),
  ),
} as const;

export const cordonEvents = {
  /** Units were sent or a checkpoint activated for this alert's cordon: open panels refetch. */
  'cordon.changed': z.object({ alertId: z.string() }),
} as const;
