import { z } from 'zod';
import { UnitSchema } from '../domain/unit';
import { request } from './request';

/**
 * The road-routing part of the API contract: road-ranked nearby units (used by `alerts.nearby`
 * in ./api.ts) and the coverage overlay (requests and event merged into the contract there).
 */

/** [lng, lat] in WGS84. */
export const PositionSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** The 1-3-5 verdict for one unit and one alert; null in NearbyUnit when no target applies. */
export const TierVerdictSchema = z.object({
  /** Id of the matching tier rule, or 'fallback'. */
  ruleId: z.string().min(1),
  targetSeconds: z.number().positive(),
  /** False when the ETA exceeds the target or the unit cannot reach the alert by road. */
  met: z.boolean(),
  /** target − ETA (positive = ahead of target); null when the unit cannot reach the alert. */
  marginSeconds: z.number().nullable(),
});
export type TierVerdict = z.infer<typeof TierVerdictSchema>;

/** Why a unit has no road ETA (see docs/routing.md). */
export const UnreachableReasonSchema = z.enum(['unit_off_network', 'alert_off_network', 'not_reached']);
export type UnreachableReason = z.infer<typeof UnreachableReasonSchema>;

export const NearbyUnitSchema = z.object({
  unit: UnitSchema,
  /** Road travel time to the alert, seconds; null when unreachable (see `unreachable`). */
  etaSeconds: z.number().nonnegative().nullable(),
  /** Road metres to the alert (off-road connectors included); null when unreachable. */
  distanceM: z.number().nonnegative().nullable(),
  /** Straight-line metres, for reference (always known). */
  straightLineM: z.number().nonnegative(),
  tier: TierVerdictSchema.nullable(),
  /** null when `etaSeconds` is known. */
  unreachable: UnreachableReasonSchema.nullable(),
  /** The road class covering most of the route (shared/domain/roadClass.ts), for the routed units; null when none. */
  roadClass: z.string().nullable().optional(),
});
export type NearbyUnit = z.infer<typeof NearbyUnitSchema>;

/** Coverage tier budgets (1/3/5 minutes). */
export const COVERAGE_TIERS = [60, 180, 300] as const;

const MultiLineStringSchema = z.object({
  type: z.literal('MultiLineString'),
  coordinates: z.array(z.array(PositionSchema).min(2)),
});

/** One feature per tier: roads whose best arrival falls in that tier, or 'none' beyond the last. */
export const CoverageFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: MultiLineStringSchema,
  properties: z.object({ tier: z.union([z.number().positive(), z.literal('none')]) }),
});
export type CoverageFeature = z.infer<typeof CoverageFeatureSchema>;

export const CoverageSnapshotSchema = z.object({
  /** Ascending by seconds; share of the road network's length reachable within each budget. */
  tiers: z.array(
    z.object({
      seconds: z.number().positive(),
      share: z.number().min(0).max(1),
      coveredMetres: z.number().nonnegative(),
    }),
  ),
  totalMetres: z.number().nonnegative(),
  computedAt: z.iso.datetime({ offset: true }),
  /** Units that went into the computation (available, with a position). */
  unitCount: z.number().int().nonnegative(),
  geojson: z.object({ type: z.literal('FeatureCollection'), features: z.array(CoverageFeatureSchema) }),
});
export type CoverageSnapshot = z.infer<typeof CoverageSnapshotSchema>;

export const routingRequests = {
  /** Current coverage from available units' latest positions (recomputed if units changed). */
  'coverage.get': request(z.tuple([]), CoverageSnapshotSchema),
  /**
   * A renderer switches the overlay on or off. `clientId` is the renderer's random id: while at
   * least one client has it on (renewed at least every 30 s), the host pushes `coverage.updated`.
   */
  'coverage.setEnabled': request(
    z.tuple([z.object({ clientId: z.string().min(8).max(64), enabled: z.boolean() })]),
    z.object({ enabledClients: z.number().int().nonnegative() }),
  ),
} as const;

export const routingEvents = {
  'coverage.updated': CoverageSnapshotSchema,
} as const;
