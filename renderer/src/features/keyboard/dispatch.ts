/** Choosing the command for a key press: pure, so priority and when-clauses are unit-tested. */
import { COMMANDS, type Command, type CommandId, type KeyContext } from './commands';

/** The parts of a KeyboardEvent the registry reads. */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: unknown;
}

/** The key that matched and its place in the command's key list (key 3 → index 2 of 1–9). */
export interface KeyMatch {
  key: string;
  index: number;
}

const TEXT_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Whether a key event's target is a text field (duck-typed: no DOM needed in tests). */
export function isTextField(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as { tagName?: unknown; isContentEditable?: unknown };
  return el.isContentEditable === true || (typeof el.tagName === 'string' && TEXT_TAGS.has(el.tagName));
}

/**
 * The command a key press runs: among the commands bound to the key whose when-clause holds and
 * that have a handler (`handled`), the one with the highest priority (table order breaks ties).
 * Keys with Ctrl / Meta / Alt are never shortcuts; text fields keep their keys unless a command
 * opts in.
 */
export function resolveCommand(
  input: KeyInput,
  context: Omit<KeyContext, 'textField'>,
  handled: (id: CommandId) => boolean,
  commands: readonly Command[] = COMMANDS,
): { command: Command; match: KeyMatch } | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const full: KeyContext = { ...context, textField: isTextField(input.target) };
  let best: { command: Command; match: KeyMatch } | null = null;
  for (const command of commands) {
    const index = command.keys.indexOf(input.key);
    if (index < 0) continue;
    if (full.textField && !command.inTextField) continue;
    if (!command.when(full) || !handled(command.id)) continue;
    if (!best || command.priority > best.command.priority)
      best = { command, match: { key: input.key, index } };
  }
  return best;
}
