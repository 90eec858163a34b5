/** Keyboard shortcuts: one registry (commands.ts), one window listener, handlers by command id. */
export { KeyboardProvider, useCommand, useKeyContext } from './KeyboardProvider';
export { COMMANDS, type CommandId, type KeyContext } from './commands';
export type { KeyMatch } from './dispatch';
