import { z } from 'zod';

/**
 * The gateway wire protocol (socket.io), shared by gateway/ and the console's feed client.
 * Documented in docs/protocol.md. Every server→client message is an envelope with a
 * gateway-wide strictly increasing sequence number; the console resumes with `since`.
 */
/** 2: seats (alert.claim, alert.step, seat.presence commands; alert.owner, alert.step, unit.assignment, seat.presence envelopes). */
export const GATEWAY_PROTOCOL_VERSION = 2;

/** socket.io event names of the gateway protocol (the only place they are spelled). */
export const GatewayEvents = {
  /** server → client, once per connection: GatewayHello */
  hello: 'gw:hello',
  /** server → client: FeedEnvelope[] (a batch, in seq order) */
  feed: 'gw:feed',
  /** client → server with ack: ConsoleCommand → CommandAck */
  command: 'gw:command',
} as const;

/**
 * The feed's byte budget, owned here for both ends. The gateway refuses an envelope over
 * MAX_ENVELOPE_BYTES at intake and packs feed frames of at most FEED_FRAME_MAX_ENVELOPES and
 * FEED_FRAME_BUDGET_BYTES (serialized JSON); the console's socket takes frames up to
 * FEED_FRAME_LIMIT_BYTES, the budget plus room for the socket.io framing. A frame over the
 * limit would make the client drop the connection, reconnect, get the same frame and loop.
 */
export const MAX_ENVELOPE_BYTES = 64 * 1024;
export const FEED_FRAME_MAX_ENVELOPES = 500;
export const FEED_FRAME_BUDGET_BYTES = 1024 * 1024;
export const FEED_FRAME_LIMIT_BYTES = FEED_FRAME_BUDGET_BYTES + 64 * 1024;

/**
 * What a gateway sends in place of an envelope it will not send whole (over MAX_ENVELOPE_BYTES,
 * in a log written before intake refused such): same seq and type, so the console quarantines
 * it with this reason and its resume point moves past it. The original stays in the gateway's log.
 */
export const WithheldPayloadSchema = z
  .object({ withheld: z.object({ reason: z.string(), bytes: z.number().int().nonnegative() }) })
  .strict();
export type WithheldPayload = z.infer<typeof WithheldPayloadSchema>;

export const FEED_MESSAGE_TYPES = [
  'alert',
  'unit.position',
  'unit.status',
  'camera.status',
  'alert.owner',
  'alert.step',
  'unit.assignment',
  'seat.presence',
] as const;
export const FeedMessageTypeSchema = z.enum(FEED_MESSAGE_TYPES);
export type FeedMessageType = z.infer<typeof FeedMessageTypeSchema>;

/**
 * The envelope is validated first; the payload is validated against its type's schema
 * separately, so a bad payload is quarantined with its seq and the feed moves on.
 */
export const FeedEnvelopeSchema = z.object({
  seq: z.number().int().positive(),
  type: FeedMessageTypeSchema,
  /** Gateway send time (wall clock, ISO 8601): feed lag = receive time − this. */
  sentAt: z.iso.datetime({ offset: true }),
  payload: z.unknown(),
});
export type FeedEnvelope = z.infer<typeof FeedEnvelopeSchema>;

/** Connection handshake auth sent by the client. */
export const GatewayAuthSchema = z.object({
  token: z.string(),
  /** Last seq the console has durably stored; 0 for a fresh console. */
  since: z.number().int().nonnegative(),
  consoleId: z.string().min(1),
});
export type GatewayAuth = z.infer<typeof GatewayAuthSchema>;

export const GatewayHelloSchema = z.object({
  protocol: z.literal(GATEWAY_PROTOCOL_VERSION),
  gatewayId: z.string(),
  scenario: z.string().nullable(),
  speed: z.number().positive(),
  /** Highest seq issued so far. */
  headSeq: z.number().int().nonnegative(),
  serverTime: z.iso.datetime({ offset: true }),
  /** Scenario clock: what scenario time it is now (seconds since scenario start), or null when live. */
  scenarioTime: z.number().nullable(),
});
export type GatewayHello = z.infer<typeof GatewayHelloSchema>;

/** Console → gateway commands (dispatch etc.); idempotent by commandId. */
export const ConsoleCommandSchema = z.object({
  commandId: z.string().min(8),
  kind: z.enum([
    'unit.assign',
    'unit.recall',
    'unit.status',
    'camera.ptz',
    'alert.claim',
    'alert.step',
    'seat.presence',
    'unit.reposition',
  ]),
  payload: z.record(z.string(), z.unknown()),
  /**
   * The console's audit log head hash when the command was sent. The gateway records it with
   * the command: an anchor outside the seat that `audit verify --anchor` checks the log against.
   */
  auditHead: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type ConsoleCommand = z.infer<typeof ConsoleCommandSchema>;

export const CommandAckSchema = z.object({
  commandId: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
  duplicate: z.boolean().optional(),
});
export type CommandAck = z.infer<typeof CommandAckSchema>;
