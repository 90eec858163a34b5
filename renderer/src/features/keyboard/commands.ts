/**
 * The console's keyboard shortcuts: every key is bound here and only here (one owner per rule).
 * Features attach handlers by command id (useCommand); the help overlay (key ?) lists this table.
 * Pure data and predicates: no DOM, no React.
 */

/** What the when-clauses can ask about the moment a key is pressed. */
export interface KeyContext {
  /** Focus is in a text field (input, textarea, select, contenteditable). */
  textField: boolean;
  /** The shortcut list (a modal overlay) is open. */
  helpOpen: boolean;
  /** An operator is signed in at this seat (the dispatch keys act on their behalf). */
  signedIn: boolean;
  /** An alert is selected in the queue. */
  alertSelected: boolean;
  /** The officer is choosing the replacement for a unit being reassigned. */
  reassigning: boolean;
}

/** The context keys features set (textField is read from each key event). */
export type ContextKey = Exclude<keyof KeyContext, 'textField'>;

export type CommandGroup = 'general' | 'queue' | 'dispatch' | 'views';
export const COMMAND_GROUPS: readonly CommandGroup[] = ['queue', 'dispatch', 'views', 'general'];

export interface Command {
  id: CommandId;
  /** KeyboardEvent.key values, matched exactly and without Ctrl / Meta / Alt. */
  keys: readonly string[];
  /** Shown in the help overlay instead of the keys one by one (e.g. "1–9"). */
  keyLabel?: string;
  group: CommandGroup;
  /** Whether the command applies now. A key runs the highest-priority command whose clause holds. */
  when: (c: KeyContext) => boolean;
  /** Higher wins when several commands share a key (Escape). */
  priority: number;
  /** Keys are ignored while typing in a text field unless a command says otherwise. */
  inTextField?: boolean;
  /** Stop the browser's own handling of the key (scrolling on arrows / Home, …). */
  preventDefault?: boolean;
}

const idle = (c: KeyContext) => !c.helpOpen;
const desk = (c: KeyContext) => idle(c) && c.signedIn;

export const COMMANDS = [
  // Queue triage (anywhere in the window).
  {
    id: 'queue.next',
    keys: ['ArrowDown', 'j'],
    group: 'queue',
    when: idle,
    priority: 0,
    preventDefault: true,
  },
  {
    id: 'queue.previous',
    keys: ['ArrowUp', 'k'],
    group: 'queue',
    when: idle,
    priority: 0,
    preventDefault: true,
  },
  { id: 'queue.first', keys: ['Home'], group: 'queue', when: idle, priority: 0, preventDefault: true },
  { id: 'queue.clear', keys: ['Escape'], group: 'queue', when: idle, priority: 0 },
  { id: 'queue.toggleTransferred', keys: ['t'], group: 'queue', when: idle, priority: 0 },
  // The selected alert's dispatch desk (signed in).
  { id: 'dispatch.acknowledge', keys: ['a'], group: 'dispatch', when: desk, priority: 0 },
  {
    id: 'dispatch.assignBest',
    keys: ['d'],
    group: 'dispatch',
    when: (c) => desk(c) && !c.reassigning,
    priority: 0,
  },
  {
    id: 'dispatch.assignRanked',
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    keyLabel: '1–9',
    group: 'dispatch',
    when: desk,
    priority: 0,
    preventDefault: true,
  },
  // Before queue.clear: Esc first cancels reassigning, the next Esc clears the selection.
  {
    id: 'dispatch.cancelReassign',
    keys: ['Escape'],
    group: 'dispatch',
    when: (c) => desk(c) && c.reassigning,
    priority: 10,
  },
  {
    id: 'cordon.toggle',
    keys: ['q'],
    group: 'dispatch',
    when: (c) => idle(c) && c.alertSelected,
    priority: 0,
  },
  // Views.
  { id: 'video.toggle', keys: ['v'], group: 'views', when: idle, priority: 0 },
  { id: 'coverage.toggle', keys: ['c'], group: 'views', when: idle, priority: 0, preventDefault: true },
  { id: 'stats.toggle', keys: ['s'], group: 'views', when: idle, priority: 0 },
  // The list of these keys.
  { id: 'help.open', keys: ['?'], group: 'general', when: idle, priority: 0 },
  {
    id: 'help.close',
    keys: ['Escape', '?'],
    group: 'general',
    when: (c) => c.helpOpen,
    priority: 100,
    inTextField: true,
  },
] as const satisfies readonly (Omit<Command, 'id'> & { id: string })[];

export type CommandId = (typeof COMMANDS)[number]['id'];
