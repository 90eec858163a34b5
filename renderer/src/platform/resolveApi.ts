import type { ConsoleApi } from '../../../shared/contract/api';
import { createBrowserBridge } from './browserBridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    dispatchConsole?: ConsoleApi;
  }
}

/**
 * The one place that looks at `window` for the host: Electron's preload bridge when present,
 * otherwise the browser host's loopback bridge. Everything else receives the ConsoleApi
 * through React context.
 */
export function resolveConsoleApi(): ConsoleApi {
  if (window.dispatchConsole) return window.dispatchConsole;
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? sessionStorage.getItem('console.token') ?? '';
  sessionStorage.setItem('console.token', token);
  return createBrowserBridge(window.location.origin, token).api;
}
