import { z } from 'zod';

/**
 * Seats as the console shows them (protocol 2, docs/protocol.md "Seats"): the owner of an
 * alert, the commitment of a unit, the seats on duty. `mine`: this console's own seat.
 */
export const SeatOwnerSchema = z.object({
  consoleId: z.string(),
  operator: z.string(),
  role: z.string(),
  seat: z.string(),
  mine: z.boolean(),
});
export type SeatOwner = z.infer<typeof SeatOwnerSchema>;

/** The alert a unit is committed to, and by which seat. */
export const UnitCommitmentSchema = SeatOwnerSchema.extend({ alertId: z.string() });
export type UnitCommitment = z.infer<typeof UnitCommitmentSchema>;

/** One seat on duty, from the gateway's latest `seat.presence`. */
export const SeatOnDutySchema = SeatOwnerSchema.extend({ since: z.string() });
export type SeatOnDuty = z.infer<typeof SeatOnDutySchema>;

/** How an owner is named on screen: "operator · seat". */
export const ownerLabel = (o: Pick<SeatOwner, 'operator' | 'seat'>): string => `${o.operator} · ${o.seat}`;
