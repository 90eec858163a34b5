/**
 * Messages between the host and the cordon's worker thread (cordonWorker.ts ↔ cordonWorkerMain.ts).
 * Both ends validate what they receive: a malformed request is answered with an error, a
 * malformed reply fails that request (the host then analyses it in-process).
 */
import { z } from 'zod';
import { UnitTypeSchema, type UnitType } from '../../../shared/domain/unit';
import type { SharedGraph, TravelProfile } from '../../../node/routing';
import {
  AssignmentSchema,
  CordonAnalysisSchema,
  CordonOptionsSchema,
  RingSchema,
  SuspectProfileSchema,
} from './types';
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

/**
 * The analysis as the host checks it: every field, but the rings' geometry and the units' routes
 * only as arrays (their thousands of points cost the host's event loop 10–80 ms to check point by
 * point on the large city; they are the worker's own analyseCordon output, drawn as they come).
 */
const Points = z.object({ type: z.string(), coordinates: z.array(z.unknown()) });
const CordonAnalysisReplySchema = CordonAnalysisSchema.extend({
  rings: z.array(RingSchema.extend({ geometry: Points })),
  assignment: z.array(AssignmentSchema.extend({ route: z.array(z.unknown()).optional() })),
});

export const WorkerMessageSchema = z.discriminatedUnion('type', [
  /** The worker's Router is built: `ms` from the start of its script. */
  z.object({ type: z.literal('ready'), ms: z.number() }),
  z.object({ type: z.literal('result'), id: z.number().int(), analysis: CordonAnalysisReplySchema }),
  z.object({ type: z.literal('warmed'), id: z.number().int(), ms: z.number().nullable() }),
  /** The request failed (the analysis threw, or the request was malformed): the error's message. */
  z.object({ type: z.literal('failed'), id: z.number().int().nullable(), message: z.string() }),
]);
export type WorkerMessage = z.input<typeof WorkerMessageSchema>;

/** The worker's workerData: the graph on shared memory and what the analysis reads of the pack. */
export interface CordonWorkerData {
  graph: SharedGraph;
  pack: CordonPackWire;
  /** The host Router's profiles and their weights (shared memory), and the calibration they follow. */
  profiles: Readonly<Record<UnitType, TravelProfile>>;
  weights: Readonly<Record<UnitType, Float64Array>>;
  speedFactors: Partial<Record<UnitType, number>>;
}

/** Issues of a failed parse, one line (for the log and the error sent back). */
export const describeIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

/**
 * One reply of every kind, parsed when the worker is ready: zod compiles a schema's checks on its
 * first parse (~35 ms for the analysis on a loaded machine), which would otherwise stall the
 * host's event loop on the officer's first cordon instead of during the start-up.
 */
export function primeReplySchema(): boolean {
  const crossing = {
    id: 'R2-01',
    ring: 2,
    lng: 0,
    lat: 0,
    piece: 0,
    direction: 0,
    roadClass: 'primary',
    roadName: null,
    roadRef: null,
    merged: 0,
    covered: false,
    checkpointId: null,
    checkpointMetres: null,
    status: 'lost',
    suspectSeconds: null,
    policeSeconds: null,
    bestUnitId: null,
  };
  const analysis = {
    incident: { lng: 0, lat: 0, snapMetres: null },
    elapsedSeconds: 0,
    suspectProfile: 'car',
    rings: [
      { ring: 2, source: 'city', name: '', geometry: { type: 'Polygon', coordinates: [] }, lengthKm: 0 },
    ],
    crossings: [crossing],
    counts: [{ ring: 2, total: 1, covered: 0, gaps: 1, interceptable: 0, lost: 1, closed: 0 }],
    assignment: [
      { unitId: 'u', crossingId: 'R2-01', ring: 2, etaSeconds: 0, marginSeconds: null, route: [] },
    ],
    warnings: [],
    timings: { totalMs: 0, ringsMs: 0, crossingsMs: 0, coverageMs: 0, raceMs: 0, assignmentMs: 0 },
  };
  return WorkerMessageSchema.safeParse({ type: 'result', id: 0, analysis }).success;
}
