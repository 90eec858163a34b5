import { z } from 'zod';

/**
 * Drill/demo scenario: a timeline replayed by the gateway in scenario time (docs/scenario.md).
 * Unit positions are not listed; the gateway simulates units on the city pack's roads.
 * Payloads are validated by the gateway on load against the feed payload schemas.
 * Version 2 adds suspect tracks and the expected good actions the drill is scored against;
 * version 1 files still load (without them).
 */
export const SCENARIO_FORMAT = 'dispatch-scenario';
export const SCENARIO_VERSION = 2;
export const SCENARIO_VERSIONS = [1, 2] as const;

export const ScenarioEventSchema = z.object({
  /** Seconds from scenario start. */
  t: z.number().nonnegative(),
  type: z.enum(['alert', 'unit.status', 'camera.status']),
  payload: z.record(z.string(), z.unknown()),
});
export type ScenarioEvent = z.infer<typeof ScenarioEventSchema>;

const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** Where a suspect is when (WGS84), for cordon drills: the gateway does not send it, the scoring uses it. */
export const SuspectTrackSchema = z.object({
  id: z.string().min(1),
  /** The alert the suspects belong to. */
  alertId: z.string().min(1),
  /** How they travel (the cordon's suspect profiles). */
  profile: z.enum(['car', 'motorbike', 'ebike', 'foot']),
  description: z.string().optional(),
  /** Timed points, t in scenario seconds, increasing. */
  points: z.array(z.object({ t: z.number().nonnegative(), lng, lat })).min(2),
});
export type SuspectTrack = z.infer<typeof SuspectTrackSchema>;

/** A good dispatch: one of `unitIds` sent to `alertId` by scenario time `dueT`. */
export const ExpectedDispatchSchema = z.object({
  alertId: z.string().min(1),
  /** Acceptable units, best first. */
  unitIds: z.array(z.string().min(1)).min(1),
  dueT: z.number().nonnegative(),
  note: z.string().optional(),
});
export type ExpectedDispatch = z.infer<typeof ExpectedDispatchSchema>;

/**
 * An exit (road crossing of a cordon ring, or a checkpoint) to close by scenario time `dueT`:
 * closed by a cordon plan sending a unit within `radiusM` of the point, or by activating `checkpointId`.
 */
export const ExpectedExitSchema = z.object({
  id: z.string().min(1),
  alertId: z.string().min(1),
  name: z.string().min(1),
  ring: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  lng,
  lat,
  radiusM: z.number().positive().max(2000).default(150),
  checkpointId: z.string().optional(),
  dueT: z.number().nonnegative(),
});
export type ExpectedExit = z.infer<typeof ExpectedExitSchema>;

export const ExpectedActionsSchema = z.object({
  dispatches: z.array(ExpectedDispatchSchema).default([]),
  exits: z.array(ExpectedExitSchema).default([]),
});
export type ExpectedActions = z.infer<typeof ExpectedActionsSchema>;

export const ScenarioSchema = z.object({
  format: z.literal(SCENARIO_FORMAT),
  version: z.union([z.literal(1), z.literal(2)], {
    error: `version must be one of ${SCENARIO_VERSIONS.join(', ')}`,
  }),
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.object({ zh: z.string(), en: z.string() }),
  description: z.string(),
  /** City pack id this scenario is written for. */
  cityPack: z.string(),
  durationSec: z.number().positive(),
  events: z.array(ScenarioEventSchema),
  /** Version 2: suspect tracks (cordon drills). */
  suspectTracks: z.array(SuspectTrackSchema).optional(),
  /** Version 2: the good actions the drill is scored against. */
  expected: ExpectedActionsSchema.optional(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
