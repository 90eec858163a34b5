import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/api';
import type { ConsoleState, ConsoleStore } from './consoleStore';

interface ConsoleServices {
  api: ConsoleApi;
  store: ConsoleStore;
}

const ConsoleContext = createContext<ConsoleServices | null>(null);

export function ConsoleProvider({ api, store, children }: ConsoleServices & { children: ReactNode }) {
  return <ConsoleContext.Provider value={{ api, store }}>{children}</ConsoleContext.Provider>;
}

function useServices(): ConsoleServices {
  const services = useContext(ConsoleContext);
  if (!services) throw new Error('ConsoleProvider is missing');
  return services;
}

/** The host API (Electron preload or browser bridge), whichever this renderer runs under. */
export const useConsoleApi = (): ConsoleApi => useServices().api;
export const useConsoleStore = (): ConsoleStore => useServices().store;

export function useConsoleState<T>(select: (state: ConsoleState) => T): T {
  const { store } = useServices();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
