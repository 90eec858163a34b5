import { z } from 'zod';

/**
 * Protocol version 2: many seats on one queue (docs/protocol.md, "Seats"). The gateway is the
 * authority: it orders claims (接警) and unit commitments, and broadcasts the result as feed
 * envelopes, so every seat sees the same owner of each alert and the same commitment of each
 * unit, and a seat that was offline catches up through the ordinary resume-from-seq path.
 */

/** Who a seat is on the wire: its console id, the operator signed in, their role and the seat's name. */
export const SeatRefSchema = z.object({
  consoleId: z.string().min(1).max(128),
  operator: z.string().min(1).max(128),
  role: z.string().min(1).max(32),
  seat: z.string().min(1).max(128),
});
export type SeatRef = z.infer<typeof SeatRefSchema>;

/** How an owner came to own an alert. `claim`: first come; `takeover`/`handoff`: a supervisor's (or the owner's) decision. */
export const CLAIM_MODES = ['claim', 'takeover', 'handoff'] as const;
export type ClaimMode = (typeof CLAIM_MODES)[number];

/** Command `alert.claim`: the sender claims the alert, takes it over, or hands it to `to`. */
export const AlertClaimCommandSchema = z.object({
  alertId: z.string().min(1).max(64),
  by: SeatRefSchema,
  mode: z.enum(CLAIM_MODES).default('claim'),
  /** `handoff` only: the seat that gets the alert. */
  to: SeatRefSchema.optional(),
  note: z.string().max(500).optional(),
});
export type AlertClaimCommand = z.infer<typeof AlertClaimCommandSchema>;

/** Envelope `alert.owner`: the alert's owner from now on (and who it was before). */
export const AlertOwnerPayloadSchema = z.object({
  alertId: z.string().min(1).max(64),
  owner: SeatRefSchema,
  previous: SeatRefSchema.nullable(),
  mode: z.enum(CLAIM_MODES),
  /** Who decided it (the claimer itself, or the supervisor who took over / handed off). */
  by: SeatRefSchema,
  at: z.iso.datetime({ offset: true }),
  note: z.string().max(500).optional(),
});
export type AlertOwnerPayload = z.infer<typeof AlertOwnerPayloadSchema>;

/** Command `alert.step` and envelope `alert.step`: one lifecycle step taken at a seat, for every seat to see. */
export const AlertStepCommandSchema = z.object({
  alertId: z.string().min(1).max(64),
  by: SeatRefSchema,
  action: z.string().min(1).max(64),
  from: z.string().min(1).max(32),
  to: z.string().min(1).max(32),
  /** When the step was taken at the seat (the envelope's `sentAt` is when the gateway ordered it). */
  at: z.iso.datetime({ offset: true }),
  unitIds: z.array(z.string().max(64)).max(50).optional(),
});
export type AlertStepCommand = z.infer<typeof AlertStepCommandSchema>;
export const AlertStepPayloadSchema = AlertStepCommandSchema;
export type AlertStepPayload = AlertStepCommand;

/** Envelope `unit.assignment`: the unit is committed to an alert by a seat (or released: `alertId` null). */
export const UnitAssignmentPayloadSchema = z.object({
  unitId: z.string().min(1).max(64),
  alertId: z.string().min(1).max(64).nullable(),
  by: SeatRefSchema,
  at: z.iso.datetime({ offset: true }),
  /** An explicit reassignment took the unit from this commitment. */
  reassignedFrom: z.object({ alertId: z.string(), by: SeatRefSchema }).optional(),
});
export type UnitAssignmentPayload = z.infer<typeof UnitAssignmentPayloadSchema>;

/** Command `seat.presence`: who is on duty at the sending seat (operator null: signed out). */
export const SeatPresenceCommandSchema = z.object({
  seat: z.string().min(1).max(128),
  operator: z.string().min(1).max(128).nullable(),
  role: z.string().min(1).max(32).nullable(),
});
export type SeatPresenceCommand = z.infer<typeof SeatPresenceCommandSchema>;

/**
 * Envelope `seat.presence`: every seat connected to the publishing gateway with an operator signed
 * in, as of now. `gateway`: the publishing gateway process (several gateways on one database each
 * publish their own list; a console shows the latest list of each, merged). Absent: the only
 * gateway (a file log), so an old console and an old gateway read and write the same envelope.
 */
export const SeatPresencePayloadSchema = z.object({
  seats: z.array(SeatRefSchema.extend({ since: z.iso.datetime({ offset: true }) })).max(500),
  at: z.iso.datetime({ offset: true }),
  gateway: z.string().min(1).max(128).optional(),
});
export type SeatPresencePayload = z.infer<typeof SeatPresencePayloadSchema>;

/** `unit.assign` in protocol 2: who sends it, and whether it explicitly takes the unit from another seat's alert. */
export const SeatAssignExtrasSchema = z.object({
  by: SeatRefSchema.optional(),
  reassign: z.boolean().optional(),
});

/** The words a refused claim or assignment uses to name the winner (shown to the losing seat as is). */
export const describeSeat = (s: Pick<SeatRef, 'operator' | 'seat'>): string => `${s.operator} at ${s.seat}`;

/** Whose list a `seat.presence` is: its `gateway`, or '' for the untagged list of a single gateway. */
export const presencePublisher = (payload: unknown): string => {
  const gateway = (payload as { gateway?: unknown } | null)?.gateway;
  return typeof gateway === 'string' ? gateway : '';
};
