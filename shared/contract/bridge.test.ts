import { describe, expect, it } from 'vitest';
import { bindRequestHandlers, createConsoleApi, createEventSink, type ValidatedHandler } from './bridge';
import { eventNames, requestNames, type RequestHandlers } from './api';
import { eventChannel, requestChannel } from './channels';

/** An in-process transport pair: what IPC or socket.io does, minus the wire. */
function loopback(handlers: Partial<RequestHandlers>) {
  const registered = new Map<string, ValidatedHandler>();
  bindRequestHandlers(handlers as RequestHandlers, (channel, _name, handler) =>
    registered.set(channel, handler),
  );
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const api = createConsoleApi({
    invoke: (channel, args) => registered.get(channel)!(args),
    listen: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  });
  const emit = createEventSink((channel, payload) => listeners.get(channel)?.forEach((l) => l(payload)));
  return { api, emit, registered };
}

describe('contract bridge', () => {
  it('derives one channel per request and event, all distinct', () => {
    const channels = [...requestNames.map(requestChannel), ...eventNames.map(eventChannel)];
    expect(new Set(channels).size).toBe(channels.length);
    const { registered } = loopback({});
    expect([...registered.keys()].sort()).toEqual(requestNames.map(requestChannel).sort());
  });

  it('passes validated arguments to the handler and returns its result', async () => {
    const { api } = loopback({ 'alerts.list': async ({ includeClosed }) => (includeClosed ? [] : []) });
    await expect(api.requests['alerts.list']({ includeClosed: true })).resolves.toEqual([]);
  });

  it('refuses arguments that break the contract before the handler runs', async () => {
    let called = false;
    const { api } = loopback({
      'quarantine.list': async () => {
        called = true;
        return [];
      },
    });
    const bad = api.requests['quarantine.list'] as unknown as (a: unknown) => Promise<unknown>;
    await expect(bad({ limit: -5 })).rejects.toThrow(/Invalid arguments for quarantine.list/);
    await expect(bad('DROP TABLE')).rejects.toThrow(/Invalid arguments/);
    expect(called).toBe(false);
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { api, emit } = loopback({});
    const seen: unknown[] = [];
    const off = api.subscribe['feed.status']((s) => seen.push(s.state));
    const status = {
      state: 'connected' as const,
      gatewayUrl: 'x',
      lastSeq: 1,
      lagMs: 3,
      lastMessageAt: null,
      messagesReceived: 1,
      quarantineCount: 0,
      error: null,
    };
    emit('feed.status', status);
    off();
    emit('feed.status', { ...status, state: 'disconnected' });
    expect(seen).toEqual(['connected']);
  });

  it('exposes a frozen API object (nothing can be added across the bridge)', () => {
    const { api } = loopback({});
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.requests)).toBe(true);
  });
});
