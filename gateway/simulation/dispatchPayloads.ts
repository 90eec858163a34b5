import { z } from 'zod';
import { UnitStatusSchema } from '../../shared/domain/unit';

/**
 * Command payloads the simulation acts on. Kept apart from the simulator because the gateway's
 * command handler validates incoming commands with the same schemas (one owner per rule), and the
 * simulator re-validates them when it replays the feed log on load.
 */
export const UnitAssignPayloadSchema = z.object({
  unitId: z.string().min(1),
  alertId: z.string().min(1),
  /** WGS84 position of the scene. */
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export const UnitRecallPayloadSchema = z.object({ unitId: z.string().min(1) });
/** An idle unit moves to a better post or point (repositioning advice) and waits there, still available. */
export const UnitRepositionPayloadSchema = z.object({
  unitId: z.string().min(1),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export const UnitStatusPayloadSchema = z.object({
  unitId: z.string().min(1),
  status: UnitStatusSchema,
  alertId: z.string().min(1).optional(),
});

/** An accepted command that moves units, with the scenario time it took effect. Persisted in the feed log. */
export interface SimulatedCommand {
  kind: string;
  payload: unknown;
  /** Scenario seconds. */
  at: number;
}
