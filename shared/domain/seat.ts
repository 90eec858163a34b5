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

/** The latest `seat.presence` list of one gateway as a console stored it ('' : the untagged list of a single gateway). */
export interface PresenceList {
  gateway: string;
  seq: number;
  seats: Omit<SeatOnDuty, 'mine'>[];
}

/**
 * The seats on duty across gateways: the latest list of each, merged. A seat listed by two
 * gateways (it moved from one to another) counts once, as the newer list (higher seq) says.
 * Sorted by seat name, then console id; `mine` marks this console's own seat.
 */
export function mergePresence(lists: readonly PresenceList[], mine: string | null): SeatOnDuty[] {
  const byConsole = new Map<string, { seq: number; seat: Omit<SeatOnDuty, 'mine'> }>();
  for (const list of lists)
    for (const seat of list.seats) {
      const known = byConsole.get(seat.consoleId);
      if (!known || known.seq < list.seq) byConsole.set(seat.consoleId, { seq: list.seq, seat });
    }
  return [...byConsole.values()]
    .map(({ seat }) => ({ ...seat, mine: seat.consoleId === mine }))
    .sort((a, b) => a.seat.localeCompare(b.seat) || a.consoleId.localeCompare(b.consoleId));
}
