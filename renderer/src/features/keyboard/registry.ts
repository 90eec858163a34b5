/** Handlers by command id and the context the when-clauses read; one per console window. Pure. */
import { COMMANDS, type Command, type CommandId, type ContextKey, type KeyContext } from './commands';
import { resolveCommand, type KeyInput, type KeyMatch } from './dispatch';

export type CommandHandler = (match: KeyMatch) => void;

export class ShortcutRegistry {
  private readonly handlers = new Map<CommandId, CommandHandler[]>();
  private readonly context: Omit<KeyContext, 'textField'> = {
    helpOpen: false,
    signedIn: false,
    alertSelected: false,
    reassigning: false,
  };

  constructor(private readonly commands: readonly Command[] = COMMANDS) {}

  /** Attaches a handler to a command; the latest registration wins until it is removed. */
  register(id: CommandId, handler: CommandHandler): () => void {
    const list = this.handlers.get(id) ?? [];
    list.push(handler);
    this.handlers.set(id, list);
    return () => {
      const at = list.lastIndexOf(handler);
      if (at >= 0) list.splice(at, 1);
    };
  }

  setContext(key: ContextKey, value: boolean): void {
    this.context[key] = value;
  }

  /** Runs the command a key press selects; returns its id, or null when the key is not a shortcut now. */
  handle(event: KeyInput & { preventDefault(): void }): CommandId | null {
    const found = resolveCommand(
      event,
      this.context,
      (id) => (this.handlers.get(id)?.length ?? 0) > 0,
      this.commands,
    );
    if (!found) return null;
    if (found.command.preventDefault) event.preventDefault();
    this.handlers.get(found.command.id)!.at(-1)!(found.match);
    return found.command.id;
  }
}
