import type { EventName, RequestName } from './api';

/**
 * Transport channel names, derived from the contract. IPC (Electron) and socket.io (browser
 * host) use the same names; nothing else spells a channel.
 */
export const requestChannel = (name: RequestName): string => `req:${name}`;
export const eventChannel = (name: EventName): string => `evt:${name}`;

/** Browser-host transport reply shape (errors cross the wire as data, not exceptions). */
export type TransportReply<T> = { ok: true; value: T } | { ok: false; error: string };
