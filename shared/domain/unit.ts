import { z } from 'zod';
import { UnitCommitmentSchema } from './seat';
import { LngLatSchema } from './geo';

/** Quick-response unit kinds (快反力量): patrol car, e-bike patrol, foot patrol, special police (特警). */
export const UnitTypeSchema = z.enum(['car', 'ebike', 'foot', 'special']);
export type UnitType = z.infer<typeof UnitTypeSchema>;

export const UnitStatusSchema = z.enum(['available', 'dispatched', 'en_route', 'on_scene', 'off_duty']);
export type UnitStatus = z.infer<typeof UnitStatusSchema>;

/** A unit as configured in the city pack. */
export const UnitDefinitionSchema = z.object({
  id: z.string().min(1),
  callsign: z.string().min(1),
  type: UnitTypeSchema,
  districtId: z.string().min(1),
  home: LngLatSchema,
});
export type UnitDefinition = z.infer<typeof UnitDefinitionSchema>;

/** Live position report (AVL). Heading in degrees clockwise from north, speed in m/s. */
export const UnitPositionSchema = z.object({
  unitId: z.string().min(1),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  heading: z.number().min(0).max(360),
  speed: z.number().min(0).max(100),
  at: z.iso.datetime({ offset: true }),
});
export type UnitPosition = z.infer<typeof UnitPositionSchema>;

/**
 * Whether a position report should replace the one held: not older than it. Times are compared
 * parsed, never as strings (two reports may carry different UTC offsets). One rule for the store
 * and the map.
 */
export function isPositionCurrent(
  held: Pick<UnitPosition, 'at'> | null | undefined,
  report: Pick<UnitPosition, 'at'>,
): boolean {
  return !held || Date.parse(held.at) <= Date.parse(report.at);
}

export const UnitStatusReportSchema = z.object({
  unitId: z.string().min(1),
  status: UnitStatusSchema,
  at: z.iso.datetime({ offset: true }),
  alertId: z.string().optional(),
});
export type UnitStatusReport = z.infer<typeof UnitStatusReportSchema>;

/** The console's view of a unit: definition, latest status and latest position. */
export const UnitSchema = UnitDefinitionSchema.extend({
  status: UnitStatusSchema,
  position: UnitPositionSchema.nullable(),
  /** The alert the unit is committed to and by which seat (protocol 2, `unit.assignment`); null or absent: none. */
  commitment: UnitCommitmentSchema.nullable().optional(),
});
export type Unit = z.infer<typeof UnitSchema>;
