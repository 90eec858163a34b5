import { io, type Socket } from 'socket.io-client';
import { createConsoleApi } from '../../../shared/contract/bridge';
import type { ConsoleApi } from '../../../shared/contract/api';
import type { TransportReply } from '../../../shared/contract/channels';

/**
 * The browser host's transport: the same contract over a loopback socket.io connection,
 * authenticated with the token the host printed in the console URL.
 */
export function createBrowserBridge(origin: string, token: string): { api: ConsoleApi; socket: Socket } {
  const socket = io(origin, { path: '/api', auth: { token }, transports: ['websocket'] });
  const api = createConsoleApi({
    invoke: async (channel, args) => {
      const reply = (await socket.timeout(15_000).emitWithAck(channel, args)) as TransportReply<unknown>;
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
