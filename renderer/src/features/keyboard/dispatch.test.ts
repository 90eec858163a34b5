import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { COMMAND_GROUPS, COMMANDS, type Command, type CommandId, type KeyContext } from './commands';
import { isTextField, resolveCommand, type KeyInput } from './dispatch';
import { ShortcutRegistry } from './registry';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: { tagName: 'BODY', isContentEditable: false },
  ...extra,
});
const CONTEXT: Omit<KeyContext, 'textField'> = {
  helpOpen: false,
  signedIn: true,
  alertSelected: true,
  reassigning: false,
};
const all = () => true;
const resolved = (
  k: KeyInput,
  context: Partial<KeyContext> = {},
  handled: (id: CommandId) => boolean = all,
) => resolveCommand(k, { ...CONTEXT, ...context }, handled)?.command.id ?? null;

describe('shortcut registry dispatch', () => {
  it('Escape: the overlay first, then reassigning, then the queue selection', () => {
    expect(resolved(key('Escape'), { helpOpen: true, reassigning: true })).toBe('help.close');
    expect(resolved(key('Escape'), { reassigning: true })).toBe('dispatch.cancelReassign');
    expect(resolved(key('Escape'))).toBe('queue.clear');
    // Reassigning needs the signed-in desk; without it Esc clears the queue as before.
    expect(resolved(key('Escape'), { reassigning: true, signedIn: false })).toBe('queue.clear');
  });

  it('priority wins over table order, and a command without a handler is skipped', () => {
    const commands: Command[] = [
      { id: 'queue.clear', keys: ['x'], group: 'queue', when: all, priority: 0 },
      { id: 'help.close', keys: ['x'], group: 'general', when: all, priority: 5 },
    ];
    expect(resolveCommand(key('x'), CONTEXT, all, commands)?.command.id).toBe('help.close');
    expect(resolveCommand(key('x'), CONTEXT, (id) => id !== 'help.close', commands)?.command.id).toBe(
      'queue.clear',
    );
    expect(resolveCommand(key('x'), CONTEXT, () => false, commands)).toBeNull();
  });

  it('when-clauses: the desk keys need a signed-in officer, D not while reassigning, Q a selected alert', () => {
    expect(resolved(key('a'))).toBe('dispatch.acknowledge');
    expect(resolved(key('a'), { signedIn: false })).toBeNull();
    expect(resolved(key('d'))).toBe('dispatch.assignBest');
    expect(resolved(key('d'), { reassigning: true })).toBeNull();
    expect(resolved(key('q'))).toBe('cordon.toggle');
    expect(resolved(key('q'), { alertSelected: false })).toBeNull();
  });

  it('the open overlay is modal: only its own keys act', () => {
    for (const k of ['j', 'ArrowDown', 'a', 's', 'c', '3'])
      expect(resolved(key(k), { helpOpen: true })).toBeNull();
    expect(resolved(key('?'), { helpOpen: true })).toBe('help.close');
    expect(resolved(key('?'))).toBe('help.open');
  });

  it('text fields keep their keys; modifiers are never shortcuts', () => {
    const input = { tagName: 'INPUT', isContentEditable: false };
    for (const k of ['j', 'a', '1', 'Escape', '?', 's'])
      expect(resolved(key(k, { target: input }))).toBeNull();
    expect(resolved(key('j', { target: { tagName: 'DIV', isContentEditable: true } }))).toBeNull();
    expect(resolved(key('j', { target: { tagName: 'TEXTAREA' } }))).toBeNull();
    expect(resolved(key('j', { target: { tagName: 'SELECT' } }))).toBeNull();
    // The overlay's close key works from anywhere.
    expect(resolved(key('Escape', { target: input }), { helpOpen: true })).toBe('help.close');
    expect(resolved(key('j', { ctrlKey: true }))).toBeNull();
    expect(resolved(key('a', { metaKey: true }))).toBeNull();
    expect(resolved(key('s', { altKey: true }))).toBeNull();
    expect(isTextField(null)).toBe(false);
    expect(isTextField({ tagName: 'BUTTON' })).toBe(false);
  });

  it('digits report their place in the key list (key N → the Nth ranked unit)', () => {
    expect(resolveCommand(key('3'), CONTEXT, all)).toMatchObject({
      command: { id: 'dispatch.assignRanked' },
      match: { key: '3', index: 2 },
    });
    expect(resolved(key('0'))).toBeNull();
  });
});

describe('ShortcutRegistry', () => {
  const event = (k: string) => {
    const e = { ...key(k), prevented: false, preventDefault: () => void (e.prevented = true) };
    return e;
  };

  it('runs the latest handler, honours context and preventDefault, and unregisters', () => {
    const registry = new ShortcutRegistry();
    const calls: string[] = [];
    const offNext = registry.register('queue.next', () => calls.push('next'));
    const offClear = registry.register('queue.clear', () => calls.push('clear'));
    registry.register('dispatch.cancelReassign', () => calls.push('cancel'));
    registry.register('dispatch.assignRanked', ({ index }) => calls.push(`unit ${index}`));

    const down = event('j');
    expect(registry.handle(down)).toBe('queue.next');
    expect(down.prevented).toBe(true);
    const esc = event('Escape');
    expect(registry.handle(esc)).toBe('queue.clear');
    expect(esc.prevented).toBe(false);

    registry.setContext('signedIn', true);
    registry.setContext('reassigning', true);
    expect(registry.handle(event('Escape'))).toBe('dispatch.cancelReassign');
    expect(registry.handle(event('5'))).toBe('dispatch.assignRanked');

    const later = registry.register('queue.next', () => calls.push('next, later'));
    registry.handle(event('ArrowDown'));
    later();
    registry.handle(event('ArrowDown'));
    offNext();
    offClear();
    registry.setContext('reassigning', false);
    expect(registry.handle(event('j'))).toBeNull();
    expect(registry.handle(event('Escape'))).toBeNull();
    expect(calls).toEqual(['next', 'clear', 'cancel', 'unit 4', 'next, later', 'next']);
  });
});

describe('the registry table', () => {
  it('every command has help text in Chinese and English and a known group', () => {
    for (const c of COMMANDS) {
      expect(COMMAND_GROUPS).toContain(c.group);
      expect(zhCN.keyboard.commands[c.id]).toMatch(/\S/);
      expect(en.keyboard.commands[c.id]).toMatch(/\S/);
    }
  });

  it('each key has one command per context (no two commands with the same key and priority)', () => {
    const seen = new Map<string, string>();
    for (const c of COMMANDS)
      for (const k of c.keys) {
        const slot = `${k}@${c.priority}`;
        expect(seen.get(slot), `${k} bound twice at priority ${c.priority}`).toBeUndefined();
        seen.set(slot, c.id);
      }
  });
});
