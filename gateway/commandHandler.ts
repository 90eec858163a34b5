import { z } from 'zod';
import { ConsoleCommandSchema, type CommandAck, type ConsoleCommand } from '../shared/protocol/feed';
import { UnitStatusSchema } from '../shared/domain/unit';
import type { FeedLog, WireEnvelope } from './feedLog';

const UnitStatusCommand = z.object({ unitId: z.string().min(1), status: UnitStatusSchema, alertId: z.string().min(1).optional() });
const UnitAssignCommand = z.object({ unitId: z.string().min(1), alertId: z.string().min(1) });
const UnitRecallCommand = z.object({ unitId: z.string().min(1) });

export interface CommandContext {
  log: FeedLog;
  unitIds: ReadonlySet<string>;
  /** Sends appended envelopes to connected consoles. */
  publish: (entries: WireEnvelope[]) => void;
  now: () => number;
}

const describe = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');

type Outcome = { messages: { type: string; payload: unknown }[] } | { error: string };

function execute(command: ConsoleCommand, ctx: CommandContext, at: string): Outcome {
  const statusChange = (unitId: string, status: string, alertId?: string): Outcome => {
    if (!ctx.unitIds.has(unitId)) return { error: `unknown unit ${unitId}` };
    return { messages: [{ type: 'unit.status', payload: { unitId, status, at, ...(alertId ? { alertId } : {}) } }] };
  };
  switch (command.kind) {
    case 'unit.status': {
      const p = UnitStatusCommand.safeParse(command.payload);
      return p.success ? statusChange(p.data.unitId, p.data.status, p.data.alertId) : { error: `invalid payload: ${describe(p.error)}` };
    }
    case 'unit.assign': {
      // The simulation does not yet drive a dispatched unit to the scene; it reports the status.
      const p = UnitAssignCommand.safeParse(command.payload);
      return p.success ? statusChange(p.data.unitId, 'dispatched', p.data.alertId) : { error: `invalid payload: ${describe(p.error)}` };
    }
    case 'unit.recall': {
      const p = UnitRecallCommand.safeParse(command.payload);
      return p.success ? statusChange(p.data.unitId, 'available') : { error: `invalid payload: ${describe(p.error)}` };
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
    return { commandId: typeof id === 'string' ? id : '', ok: false, error: `invalid command: ${describe(parsed.error)}` };
  }
  const command = parsed.data;
  const previous = ctx.log.commandAck(command.commandId);
  if (previous) return { ...previous, duplicate: true };

  const nowMs = ctx.now();
  const outcome = execute(command, ctx, new Date(nowMs).toISOString());
  const ack: CommandAck = 'error' in outcome ? { commandId: command.commandId, ok: false, error: outcome.error } : { commandId: command.commandId, ok: true };
  const messages = 'messages' in outcome ? outcome.messages : [];
  const entries = ctx.log.append({ messages, commands: [{ commandId: command.commandId, ack }], sentAt: new Date(nowMs).toISOString() });
  if (entries.length > 0) ctx.publish(entries);
  return ack;
}
