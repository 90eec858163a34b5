/**
 * Messages between the host and the cordon's worker thread (cordonWorker.ts ↔ cordonWorkerMain.ts).
 * Both ends validate what they receive: a malformed request is answered with an error, a
 * malformed reply fails that request (the host then analyses it in-process).
 */
import { z } from 'zod';
import { UnitTypeSchema } from '../../../shared/domain/unit';
import type { SharedGraph } from '../../../node/routing';
import { CordonAnalysisSchema, CordonOptionsSchema, SuspectProfileSchema } from './types';
import type { CordonPackWire } from './cordonPack';

/** One analysis as the worker receives it: everything that changes per request (units at 1 Hz). */
export const CordonRequestSchema = z.object({
  incident: z.object({ lng: z.number(), lat: z.number() }),
  elapsedSeconds: z.number().nonnegative(),
  suspectProfile: SuspectProfileSchema,
  units: z.array(
    z.object({
      id: z.string(),
      type: UnitTypeSchema,
      lng: z.number(),
      lat: z.number(),
      available: z.boolean(),
    }),
  ),
  options: CordonOptionsSchema,
  /** The routing service's accepted ETA calibration (its Router's profiles); none = the defaults. */
  speedFactors: z.partialRecord(UnitTypeSchema, z.number().positive()).optional(),
});
export type CordonRequest = z.input<typeof CordonRequestSchema>;

export const HostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('analyse'), id: z.number().int(), request: CordonRequestSchema }),
  z.object({
    type: z.literal('warm'),
    id: z.number().int(),
    types: z.array(UnitTypeSchema),
    speedFactors: CordonRequestSchema.shape.speedFactors,
  }),
]);
export type HostMessage = z.input<typeof HostMessageSchema>;

export const WorkerMessageSchema = z.discriminatedUnion('type', [
  /** The worker's Router is built: `ms` from the start of its script. */
  z.object({ type: z.literal('ready'), ms: z.number() }),
  z.object({ type: z.literal('result'), id: z.number().int(), analysis: CordonAnalysisSchema }),
  z.object({ type: z.literal('warmed'), id: z.number().int(), ms: z.number().nullable() }),
  /** The request failed (the analysis threw, or the request was malformed): the error's message. */
  z.object({ type: z.literal('failed'), id: z.number().int().nullable(), message: z.string() }),
]);
export type WorkerMessage = z.input<typeof WorkerMessageSchema>;

/** The worker's workerData: the graph on shared memory and what the analysis reads of the pack. */
export interface CordonWorkerData {
  graph: SharedGraph;
  pack: CordonPackWire;
}

/** Issues of a failed parse, one line (for the log and the error sent back). */
export const describeIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
