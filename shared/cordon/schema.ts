/**
 * The cordon (三层查控圈) schemas: options in, analysis out. Both are plain JSON, shared by the
 * engine (electron/core/cordon, which re-exports them from types.ts) and the console contract
 * (shared/contract/cordonContract.ts). The input that is not JSON (the Router, pack collections)
 * is typed in electron/core/cordon/analyse.ts. See docs/cordon.md.
 */
import { z } from 'zod';

const Position = z.tuple([z.number(), z.number()]);
const PolygonGeometry = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
]);
const LineGeometry = z.union([
  z.object({ type: z.literal('LineString'), coordinates: z.array(Position) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position)) }),
]);

/** How the suspect moves. motorbike: car speeds without motorways (banned there in most provinces). */
export const SuspectProfileSchema = z.enum(['car', 'motorbike', 'ebike', 'foot']);
export type SuspectProfile = z.infer<typeof SuspectProfileSchema>;

export const RingIdSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type RingId = z.infer<typeof RingIdSchema>;

export const Ring1OptionsSchema = z.discriminatedUnion('mode', [
  /** Convex hull of the suspect's reachable road after elapsed + leadSeconds. */
  z.object({ mode: z.literal('isochrone'), leadSeconds: z.number().min(0).default(0) }),
  /** A pack boundary (county) or patrol district by id. */
  z.object({ mode: z.literal('boundary'), id: z.string() }),
  /** A drawn polygon (WGS84). */
  z.object({ mode: z.literal('polygon'), geometry: PolygonGeometry }),
]);
export type Ring1Options = z.infer<typeof Ring1OptionsSchema>;

export const CordonOptionsSchema = z.object({
  rings: z.array(RingIdSchema).default([1, 2, 3]),
  ring1: Ring1OptionsSchema.default({ mode: 'isochrone', leadSeconds: 0 }),
  ring3: z
    .object({
      /** Keep the province outline within this distance of the city polygon (km). */
      withinKm: z.number().positive().default(30),
      /** Keep only the part shared with a neighbour province polygon (when the pack has one). */
      sharedOnly: z.boolean().default(true),
      /** Tolerance for "shared" (sources simplified differently rarely coincide exactly). */
      sharedToleranceMetres: z.number().positive().default(300),
    })
    .prefault({}),
  /** A crossing is covered by a checkpoint within this many metres along the road. */
  checkpointRadiusMetres: z.number().positive().default(300),
  /** 'any': every checkpoint counts; 'matching': ring 1 district, ring 2 city, ring 3 provincial (+ provincial on ring 2). */
  checkpointLevels: z.enum(['any', 'matching']).default('any'),
  /** Crossings of the same road on the same ring closer than this are one exit (dual carriageways, wiggles). */
  mergeMetres: z.number().min(0).default(150),
  /** Search horizon for suspect and police (s). The Jincheng suspects were caught after six hours. */
  horizonSeconds: z
    .number()
    .positive()
    .default(6 * 3600),
  /** Attach the road route of every assigned unit. */
  routes: z.boolean().default(true),
});
export type CordonOptions = z.input<typeof CordonOptionsSchema>;
export type ResolvedCordonOptions = z.output<typeof CordonOptionsSchema>;

export const CrossingStatusSchema = z.enum(['covered', 'interceptable', 'lost']);
export type CrossingStatus = z.infer<typeof CrossingStatusSchema>;

export const CrossingSchema = z.object({
  /** `R<ring>-<nn>`, numbered along the ring line. */
  id: z.string(),
  ring: RingIdSchema,
  lng: z.number(),
  lat: z.number(),
  /** Graph piece and outbound direction (0 = along its shape, 1 = against), for map highlighting. */
  piece: z.number().int(),
  direction: z.union([z.literal(0), z.literal(1)]),
  roadClass: z.string(),
  roadName: z.string().nullable(),
  roadRef: z.string().nullable(),
  /** Other outbound crossings folded into this one (same road, within mergeMetres). */
  merged: z.number().int(),
  covered: z.boolean(),
  checkpointId: z.string().nullable(),
  checkpointMetres: z.number().nullable(),
  status: CrossingStatusSchema,
  /** Earliest suspect arrival minus elapsed time (s); negative = may already be through; null = cannot get there. */
  suspectSeconds: z.number().nullable(),
  /** Best police road ETA (s) among available units able to use this road; null = none within the horizon. */
  policeSeconds: z.number().nullable(),
  bestUnitId: z.string().nullable(),
});
export type Crossing = z.infer<typeof CrossingSchema>;

export const RingSchema = z.object({
  ring: RingIdSchema,
  source: z.enum(['isochrone', 'boundary', 'polygon', 'city', 'province']),
  name: z.string(),
  /** Polygon for rings 1 and 2; the relevant stretch of the provincial border for ring 3. */
  geometry: z.union([PolygonGeometry, LineGeometry]),
  lengthKm: z.number(),
});
export type Ring = z.infer<typeof RingSchema>;

export const RingCountsSchema = z.object({
  ring: RingIdSchema,
  total: z.number().int(),
  covered: z.number().int(),
  gaps: z.number().int(),
  interceptable: z.number().int(),
  lost: z.number().int(),
  /** Gaps closed by the recommended assignment. */
  closed: z.number().int(),
});
export type RingCounts = z.infer<typeof RingCountsSchema>;

export const AssignmentSchema = z.object({
  unitId: z.string(),
  crossingId: z.string(),
  ring: RingIdSchema,
  etaSeconds: z.number(),
  /** Suspect time minus police ETA (s), > 0; null when the suspect cannot reach the crossing. */
  marginSeconds: z.number().nullable(),
  route: z.array(Position).optional(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const CordonAnalysisSchema = z.object({
  incident: z.object({ lng: z.number(), lat: z.number(), snapMetres: z.number().nullable() }),
  elapsedSeconds: z.number(),
  suspectProfile: SuspectProfileSchema,
  rings: z.array(RingSchema),
  crossings: z.array(CrossingSchema),
  counts: z.array(RingCountsSchema),
  assignment: z.array(AssignmentSchema),
  warnings: z.array(z.string()),
  timings: z.object({
    totalMs: z.number(),
    ringsMs: z.number(),
    crossingsMs: z.number(),
    coverageMs: z.number(),
    raceMs: z.number(),
    assignmentMs: z.number(),
  }),
});
export type CordonAnalysis = z.infer<typeof CordonAnalysisSchema>;
