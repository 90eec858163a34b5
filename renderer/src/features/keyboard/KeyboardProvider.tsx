import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CommandId, ContextKey } from './commands';
import type { KeyMatch } from './dispatch';
import { ShortcutRegistry } from './registry';
import { ShortcutHelp } from './ShortcutHelp';

const RegistryContext = createContext<ShortcutRegistry | null>(null);

/** The console window's one keydown listener, dispatching through the shortcut registry; hosts the ? overlay. */
export function KeyboardProvider({ children }: { children: ReactNode }) {
  const [registry] = useState(() => new ShortcutRegistry());
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => void registry.handle(event);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry]);
  return (
    <RegistryContext.Provider value={registry}>
      {children}
      <ShortcutHelp />
    </RegistryContext.Provider>
  );
}

/** Runs `handler` when the command's key is pressed and its when-clause holds (no-op outside a provider). */
export function useCommand(id: CommandId, handler: (match: KeyMatch) => void): void {
  const registry = useContext(RegistryContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => registry?.register(id, (match) => latest.current(match)), [registry, id]);
}

/** Tells the when-clauses a fact about this window (signed in, reassigning, …). */
export function useKeyContext(key: ContextKey, value: boolean): void {
  const registry = useContext(RegistryContext);
  useEffect(() => {
    registry?.setContext(key, value);
    return () => registry?.setContext(key, false);
  }, [registry, key, value]);
}
