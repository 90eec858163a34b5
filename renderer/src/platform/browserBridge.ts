import { io, type Socket } from 'socket.io-client';
import { createConsoleApi } from '../../../shared/contract/bridge';
import type { ConsoleApi } from '../../../shared/contract/api';
import type { TransportReply } from '../../../shared/contract/channels';

/**
 * How long a request may wait for the host's answer. A dropped connection rejects pending
 * requests at once (socket.io clears their acks on disconnect), so this only catches a host that
 * is connected but stuck. It was 15 s: a PDF export (a headless Chromium in the host), a month's
 * statistics report or an import on a loaded two-core seat took longer, and the officer got
 * "operation has timed out" for an export that then completed. Electron's invoke has no limit.
 */
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * The browser host's transport: the same contract over a loopback socket.io connection,
 * authenticated with the token the host printed in the console URL.
 */
export function createBrowserBridge(origin: string, token: string): { api: ConsoleApi; socket: Socket } {
  const socket = io(origin, { path: '/api', auth: { token }, transports: ['websocket'] });
  const api = createConsoleApi({
    invoke: async (channel, args) => {
      const reply = (await socket
        .timeout(REQUEST_TIMEOUT_MS)
        .emitWithAck(channel, args)) as TransportReply<unknown>;
      if (!reply.ok) throw new Error(reply.error);
      return reply.value;
    },
    listen: (channel, listener) => {
      socket.on(channel, listener);
      return () => {
        socket.off(channel, listener);
      };
    },
  });
  return { api, socket };
}
