import { z } from 'zod';
import { ConsoleCommandSchema, type CommandAck, type ConsoleCommand } from '../../shared/protocol/feed';
import type { FeedLog, WireEnvelope } from './feedLog';
import type { Camera } from '../../shared/domain/camera';
import { CameraPtzPayloadSchema, isPtz } from '../../shared/domain/cameraSelection';
import {
  UnitAssignPayloadSchema as UnitAssignCommand,
  UnitRecallPayloadSchema as UnitRecallCommand,
  UnitStatusPayloadSchema as UnitStatusCommand,
  UnitRepositionPayloadSchema as UnitRepositionCommand,
} from '../simulation/dispatchPayloads';
import type { DispatchSimulator } from '../simulation/dispatchSimulator';
import { intakeRefusal } from '../../shared/protocol/envelopeIntake';
import type { RefusedIntake } from './refusedIntake';
import type { SeatArbiter } from './seatArbiter';
import {
  AlertClaimCommandSchema,
  AlertStepCommandSchema,
  SeatAssignExtrasSchema,
  SeatPresenceCommandSchema,
  type SeatPresenceCommand,
  type SeatRef,
} from '../../shared/protocol/seats';

export interface CommandContext {
  log: FeedLog;
  unitIds: ReadonlySet<string>;
  /** Sends appended envelopes to connected consoles. */
  publish: (entries: WireEnvelope[]) => void;
  now: () => number;
  /** Unit motion: dispatched units drive to the scene, recalled ones patrol again. */
  dispatch: DispatchSimulator;
  /** Scenario seconds now (never before the emitted frontier): when a unit command takes effect. */
  scenarioTime: () => number;
  /** Cameras of the pack, for `camera.ptz`; without them every PTZ command fails. */
  cameras?: ReadonlyMap<string, Camera>;
  /** Live online state of a camera (pack, then camera.status). */
  cameraOnline?: (cameraId: string) => boolean;
  /** Where refused commands are kept for inspection (their failed ack is in the log too). */
  refused?: RefusedIntake;
  /**
   * Protocol 2: the arbiter across seats (claims, steps, unit commitments). Without it (older
   * callers, tests of unit motion alone) unit commands are not arbitrated and seat commands fail.
   */
  arbiter?: SeatArbiter;
  /** The sending seat's console id, from its connection's auth (trusted over any id in a payload). */
  consoleId?: string;
  /** Presence of the sending seat changed: the `seat.presence` envelope to append (all seats on duty). */
  presence?: (change: SeatPresenceCommand) => { type: string; payload: unknown }[];
}

const describe = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');

/** `moves`: the command changes how units move, so it is kept (with its scenario time) for the simulation. */
type Outcome = { messages: { type: string; payload: unknown }[]; moves?: boolean } | { error: string };

/** The sender as the gateway knows it: its console id from the connection, the rest as the seat stated it. */
function sender(ctx: CommandContext, stated: SeatRef | undefined): SeatRef {
  const consoleId = ctx.consoleId ?? stated?.consoleId ?? 'unknown';
  return stated
    ? { ...stated, consoleId }
    : { consoleId, operator: 'unknown', role: 'unknown', seat: consoleId };
}

function execute(command: ConsoleCommand, ctx: CommandContext, at: string): Outcome {
  const statusChange = (unitId: string, status: string, alertId?: string): Outcome => {
    if (!ctx.unitIds.has(unitId)) return { error: `unknown unit ${unitId}` };
    // A unit that is free again (or out of service) ends its commitment, whoever made it.
    const released =
      ctx.arbiter && (status === 'available' || status === 'off_duty')
        ? ctx.arbiter.release(unitId, null, at)
        : [];
    return {
      messages: [
        { type: 'unit.status', payload: { unitId, status, at, ...(alertId ? { alertId } : {}) } },
        ...released,
      ],
      moves: true,
    };
  };
  switch (command.kind) {
    case 'unit.status': {
      const p = UnitStatusCommand.safeParse(command.payload);
      return p.success
        ? statusChange(p.data.unitId, p.data.status, p.data.alertId)
        : { error: `invalid payload: ${describe(p.error)}` };
    }
    case 'unit.assign': {
      // Acknowledged at once; the simulation then sets off (en_route) and arrives (on_scene).
      const p = UnitAssignCommand.safeParse(command.payload);
      if (!p.success) return { error: `invalid payload: ${describe(p.error)}` };
      if (ctx.unitIds.has(p.data.unitId) && ctx.dispatch.statusOf(p.data.unitId) === 'off_duty')
        return { error: `unit ${p.data.unitId} is off duty` };
      if (!ctx.arbiter || !ctx.unitIds.has(p.data.unitId))
        return statusChange(p.data.unitId, 'dispatched', p.data.alertId);
      // Protocol 2: the unit is committed to the alert for this seat, or refused with who has it.
      const extras = SeatAssignExtrasSchema.safeParse(command.payload);
      const by = sender(ctx, extras.success ? extras.data.by : undefined);
      const decision = ctx.arbiter.assign(
        p.data.unitId,
        p.data.alertId,
        by,
        at,
        extras.success && extras.data.reassign === true,
      );
      if (!decision.ok) return { error: decision.error };
      const moved = statusChange(p.data.unitId, 'dispatched', p.data.alertId);
      return 'messages' in moved
        ? { messages: [...decision.messages, ...moved.messages], moves: true }
        : moved;
    }
    case 'unit.recall': {
      const p = UnitRecallCommand.safeParse(command.payload);
      return p.success
        ? statusChange(p.data.unitId, 'available')
        : { error: `invalid payload: ${describe(p.error)}` };
    }
    case 'alert.claim': {
      if (!ctx.arbiter) return { error: `command ${command.kind} is not supported by this gateway` };
      const p = AlertClaimCommandSchema.safeParse(command.payload);
      if (!p.success) return { error: `invalid payload: ${describe(p.error)}` };
      const decision = ctx.arbiter.claim(
        p.data.alertId,
        sender(ctx, p.data.by),
        p.data.mode,
        at,
        p.data.to,
        p.data.note,
      );
      return decision.ok ? { messages: decision.messages } : { error: decision.error };
    }
    case 'alert.step': {
      if (!ctx.arbiter) return { error: `command ${command.kind} is not supported by this gateway` };
      const p = AlertStepCommandSchema.safeParse(command.payload);
      if (!p.success) return { error: `invalid payload: ${describe(p.error)}` };
      const decision = ctx.arbiter.step({ ...p.data, by: sender(ctx, p.data.by) });
      return decision.ok ? { messages: decision.messages } : { error: decision.error };
    }
    case 'seat.presence': {
      if (!ctx.presence) return { error: `command ${command.kind} is not supported by this gateway` };
      const p = SeatPresenceCommandSchema.safeParse(command.payload);
      if (!p.success) return { error: `invalid payload: ${describe(p.error)}` };
      return { messages: ctx.presence(p.data) };
    }
    case 'unit.reposition': {
      // Only an idle unit is moved: a unit on a job keeps it.
      const p = UnitRepositionCommand.safeParse(command.payload);
      if (!p.success) return { error: `invalid payload: ${describe(p.error)}` };
      if (!ctx.unitIds.has(p.data.unitId)) return { error: `unknown unit ${p.data.unitId}` };
      const status = ctx.dispatch.statusOf(p.data.unitId);
      if (status !== 'available')
        return { error: `unit ${p.data.unitId} is ${status}, not available: it is not moved` };
      return { messages: [], moves: true };
    }
    case 'camera.ptz': {
      // The drill has no motors to turn: a valid aim at an online dome is acknowledged and logged.
      const p = CameraPtzPayloadSchema.safeParse(command.payload);
      if (!p.success) return { error: `invalid payload: ${describe(p.error)}` };
      const camera = ctx.cameras?.get(p.data.cameraId);
      if (!camera) return { error: `unknown camera ${p.data.cameraId}` };
      if (!isPtz(camera))
        return { error: `camera ${camera.id} (${camera.kind}) is fixed, not PTZ: it cannot be aimed` };
      if (ctx.cameraOnline && !ctx.cameraOnline(camera.id))
        return { error: `camera ${camera.id} is offline` };
      return { messages: [] };
    }
    default:
      return { error: `command ${command.kind} is not supported by this gateway` };
  }
}

/**
 * Executes a console command at most once per commandId. The ack is stored in the same log
 * line as the messages the command produced, so after a crash either both exist or neither:
 * a console retrying after a lost ack gets `duplicate: true` and no second status change.
 * Failed commands are recorded too: a commandId names one attempt; a retry of a different
 * intent must use a new id.
 */
export function handleCommand(raw: unknown, ctx: CommandContext): CommandAck {
  const parsed = ConsoleCommandSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { commandId?: unknown } | null)?.commandId;
    return {
      commandId: typeof id === 'string' ? id : '',
      ok: false,
      error: `invalid command: ${describe(parsed.error)}`,
    };
  }
  const command = parsed.data;
  const previous = ctx.log.commandAck(command.commandId);
  if (previous) return { ...previous, duplicate: true };

  const nowMs = ctx.now();
  // A command's text ends up in messages to every console: refuse what a console would alter.
  const refusal = intakeRefusal({ type: command.kind, payload: command.payload });
  if (refusal)
    ctx.refused?.record(
      'command',
      { type: command.kind, payload: command.payload },
      refusal,
      new Date(nowMs).toISOString(),
    );
  const outcome = refusal
    ? { error: `refused: ${refusal.reason}` }
    : execute(command, ctx, new Date(nowMs).toISOString());
  const ack: CommandAck =
    'error' in outcome
      ? { commandId: command.commandId, ok: false, error: outcome.error }
      : { commandId: command.commandId, ok: true };
  const messages = 'messages' in outcome ? outcome.messages : [];
  // A unit command is stored with the scenario time it took effect, in the same line as its ack.
  const simulated =
    'messages' in outcome && outcome.moves
      ? { kind: command.kind, payload: command.payload, at: ctx.scenarioTime() }
      : null;
  // The console's audit head rides along: recorded with the ack, it anchors the console's log here.
  const anchor = command.auditHead ? { auditHead: command.auditHead } : {};
  const record = simulated
    ? {
        commandId: command.commandId,
        ack,
        command: { kind: simulated.kind, payload: simulated.payload },
        at: simulated.at,
        ...anchor,
      }
    : { commandId: command.commandId, ack, ...anchor };
  const entries = ctx.log.append({ messages, commands: [record], sentAt: new Date(nowMs).toISOString() });
  // Decided and applied before the next command is handled: that is what orders a race.
  ctx.arbiter?.observe(entries);
  if (entries.length > 0) ctx.publish(entries);
  if (simulated) ctx.dispatch.apply(simulated);
  return ack;
}
