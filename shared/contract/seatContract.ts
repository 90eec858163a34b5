import { z } from 'zod';
import { UnitSchema } from '../domain/unit';
import { SeatOnDutySchema } from '../domain/seat';
import { request } from './request';

/**
 * Many seats on one queue (protocol 2, docs/protocol.md "Seats"): the seats on duty, and a
 * supervisor's takeover or handoff of an alert. Merged into the contract in ./api.ts.
 */

export const seatRequests = {
  /** The seats on duty as the gateway last announced them. */
  'seats.onDuty': request(z.tuple([]), z.array(SeatOnDutySchema)),
  /** A supervisor takes the alert over for this seat (audited). */
  'alerts.takeOver': request(
    z.tuple([z.object({ alertId: z.string().min(1), note: z.string().max(500).optional() })]),
    z.object({ ok: z.literal(true) }),
  ),
  /** A supervisor (or the alert's owner) hands the alert to a seat on duty (audited). */
  'alerts.handOff': request(
    z.tuple([
      z.object({
        alertId: z.string().min(1),
        toConsoleId: z.string().min(1),
        note: z.string().max(500).optional(),
      }),
    ]),
    z.object({ ok: z.literal(true) }),
  ),
} as const;

export const seatEvents = {
  /** The seats on duty changed (gateway presence). */
  'seats.changed': z.array(SeatOnDutySchema),
  /** Units whose commitment changed (another seat sent or released them). */
  'units.upserted': z.array(UnitSchema),
} as const;
