import {
  eventContract,
  eventNames,
  requestContract,
  requestNames,
  type ConsoleApi,
  type EventName,
  type EventPayload,
  type RequestHandlers,
  type RequestName,
} from './api';
import { eventChannel, requestChannel } from './channels';
import { loneSurrogateReason } from '../protocol/wellFormedText';

/** The two primitives a transport (Electron IPC or socket.io) must provide on the renderer side. */
export interface ClientTransport {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  listen(channel: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the renderer-facing API from the contract: one function per request, one
 * subscribe function per event. Used by the Electron preload and by the browser bridge.
 */
export function createConsoleApi(transport: ClientTransport): ConsoleApi {
  const requests = Object.fromEntries(
    requestNames.map((name) => [name, (...args: unknown[]) => transport.invoke(requestChannel(name), args)]),
  ) as unknown as ConsoleApi['requests'];
  const subscribe = Object.fromEntries(
    eventNames.map((name) => [
      name,
      (listener: (payload: unknown) => void) => transport.listen(eventChannel(name), listener),
    ]),
  ) as unknown as ConsoleApi['subscribe'];
  return Object.freeze({ requests: Object.freeze(requests), subscribe: Object.freeze(subscribe) });
}

export class ContractViolation extends Error {
  constructor(
    readonly request: string,
    detail: string,
  ) {
    super(`Invalid arguments for ${request}: ${detail}`);
    this.name = 'ContractViolation';
  }
}

/** A validated request handler as a transport registers it: raw args in, result out. */
export type ValidatedHandler = (rawArgs: unknown) => Promise<unknown>;

/**
 * Host side: pairs every contract request with its handler behind zod validation of the
 * argument tuple (and the refusal of text storage would alter). `register` is called once per request with its channel name.
 */
export function bindRequestHandlers(
  handlers: RequestHandlers,
  register: (channel: string, name: RequestName, handler: ValidatedHandler) => void,
): void {
  for (const name of requestNames) {
    const schema = requestContract[name].args;
    const handler = handlers[name] as (...args: unknown[]) => Promise<unknown>;
    register(requestChannel(name), name, async (rawArgs) => {
      const parsed = schema.safeParse(rawArgs);
      if (!parsed.success)
        throw new ContractViolation(
          name,
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      // Text a handler would store altered (a lone surrogate becomes U+FFFD in SQLite) is refused here, once for all requests.
      const alteredText = loneSurrogateReason(parsed.data);
      if (alteredText) throw new ContractViolation(name, alteredText);
      return handler(...(parsed.data as unknown[]));
    });
  }
}

/** Host side: the typed way to push an event to every connected renderer. */
export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export function createEventSink(send: (channel: string, payload: unknown) => void): EventSink {
  return (name, payload) => send(eventChannel(name), payload);
}

/** For tests and strict hosts: checks a payload against its event schema. */
export function validateEvent<E extends EventName>(name: E, payload: unknown): EventPayload<E> {
  return eventContract[name].parse(payload) as EventPayload<E>;
}
