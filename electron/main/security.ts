import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { bindRequestHandlers } from '../../shared/contract/bridge';
import type { RequestHandlers } from '../../shared/contract/api';
import { denyWebPermissions } from './permissions';

export const APP_ORIGIN = 'app://console';

/** Only our own top frame, loaded from the app protocol, may call the API. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/** Registers one ipcMain handler per contract request: sender checked, arguments validated. */
export function registerIpcHandlers(handlers: RequestHandlers): void {
  bindRequestHandlers(handlers, (channel, name, handler) => {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) throw new Error(`Refused ${name} from an untrusted frame`);
      return handler(args);
    });
  });
}

/** No navigation away from the app, no new windows, no webviews, no permission prompts. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // A redirect is a navigation too (a server answer could otherwise take the window away).
    const stayInApp = (event: Electron.Event, url: string) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    };
    contents.on('will-navigate', stayInApp);
    contents.on('will-redirect', stayInApp);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    denyWebPermissions(contents.session);
  });
}
