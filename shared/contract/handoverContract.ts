import { z } from 'zod';
import { AlertSchema } from '../domain/alert';
import { request } from './request';

/** Shift handover (交接班): the outgoing officer's open work, accepted and signed by the incoming one. */

export const HandoverUnitSchema = z.object({
  unitId: z.string(),
  callsign: z.string(),
  status: z.string(),
  alertId: z.string().nullable(),
});
export const HandoverContentSchema = z.object({
  outgoing: z.string(),
  seat: z.string(),
  /** Open alerts this seat handles (or nobody does yet). */
  openCases: z.array(AlertSchema),
  /** Cases handed to a department and awaiting feedback. */
  transferredCases: z.array(
    z.object({ alert: AlertSchema, department: z.string(), dueAt: z.string(), overdue: z.boolean() }),
  ),
  unitsOut: z.array(HandoverUnitSchema),
  at: z.string(),
});
export type HandoverContent = z.infer<typeof HandoverContentSchema>;

export const HandoverRecordSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  outgoing: z.string(),
  incoming: z.string(),
  notes: z.string(),
  content: HandoverContentSchema,
  outgoingAuditSeq: z.number().int(),
  incomingAuditSeq: z.number().int(),
});
export type HandoverRecord = z.infer<typeof HandoverRecordSchema>;

export const handoverRequests = {
  /** What the signed-in (outgoing) officer would hand over now. */
  'handover.draft': request(z.tuple([]), HandoverContentSchema),
  /** The incoming officer accepts with their password at this seat: both sign in the audit log, the seat is theirs. */
  'handover.accept': request(
    z.tuple([
      z.object({
        incoming: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        notes: z.string().max(4000),
      }),
    ]),
    HandoverRecordSchema,
  ),
  /** Writes the handover as printable HTML beside the data folder; returns its path and the HTML. */
  'handover.export': request(
    z.tuple([z.object({ id: z.number().int().positive() })]),
    z.object({ path: z.string(), html: z.string() }),
  ),
} as const;
