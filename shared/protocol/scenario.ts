import { z } from 'zod';

/**
 * Drill/demo scenario: a timeline replayed by the gateway in scenario time.
 * Unit positions are not listed; the gateway simulates units on the city pack's roads.
 * Payloads are validated by the gateway on load against the feed payload schemas.
 */
export const SCENARIO_FORMAT = 'dispatch-scenario';
export const SCENARIO_VERSION = 1;

export const ScenarioEventSchema = z.object({
  /** Seconds from scenario start. */
  t: z.number().nonnegative(),
  type: z.enum(['alert', 'unit.status', 'camera.status']),
  payload: z.record(z.string(), z.unknown()),
});
export type ScenarioEvent = z.infer<typeof ScenarioEventSchema>;

export const ScenarioSchema = z.object({
  format: z.literal(SCENARIO_FORMAT),
  version: z.literal(SCENARIO_VERSION),
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.object({ zh: z.string(), en: z.string() }),
  description: z.string(),
  /** City pack id this scenario is written for. */
  cityPack: z.string(),
  durationSec: z.number().positive(),
  events: z.array(ScenarioEventSchema),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
