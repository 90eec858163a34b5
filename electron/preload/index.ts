import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createConsoleApi } from '../../shared/contract/bridge';

/**
 * The whole preload: one frozen object built from the contract, exposed as one global.
 * ipcRenderer itself never crosses the bridge; only the contract's channels can be used.
 */
const api = createConsoleApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
  listen: (channel, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
});

contextBridge.exposeInMainWorld('dispatchConsole', api);
