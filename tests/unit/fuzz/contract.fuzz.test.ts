import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  bindRequestHandlers,
  ContractViolation,
  type ValidatedHandler,
} from '../../../shared/contract/bridge';
import {
  requestContract,
  requestNames,
  type RequestHandlers,
  type RequestName,
} from '../../../shared/contract/api';
import { FUZZ_RUNS, junk, shapedJunk } from './arbitraries';

/** Every request bound to a stub that records its call: what each transport registers. */
const calls: RequestName[] = [];
const bound = new Map<RequestName, ValidatedHandler>();
const stubs = Object.fromEntries(
  requestNames.map((name) => [name, async () => (calls.push(name), null)]),
) as unknown as RequestHandlers;
bindRequestHandlers(stubs, (_channel, name, handler) => bound.set(name, handler));

/** Keys of the request's first argument when it is an object, so junk also comes near-valid. */
function firstArgKeys(name: RequestName): string[] {
  const first = (requestContract[name].args as z.ZodTuple).def.items[0];
  return first instanceof z.ZodObject ? Object.keys(first.shape) : [];
}

const argsFor = (name: RequestName) => {
  const keys = firstArgKeys(name);
  return fc.oneof(
    junk,
    fc.array(junk, { maxLength: 3 }),
    keys.length > 0 ? fc.tuple(shapedJunk(keys)) : fc.constant([]),
  );
};

describe('fuzz: contract request arguments', () => {
  it.each(requestNames)(
    '%s: junk arguments end in the handler or a ContractViolation, nothing else',
    async (name) => {
      const handler = bound.get(name)!;
      await fc.assert(
        fc.asyncProperty(argsFor(name), async (args) => {
          calls.length = 0;
          try {
            await handler(args);
            expect(calls).toEqual([name]);
          } catch (err) {
            expect(err).toBeInstanceOf(ContractViolation);
            expect(calls).toEqual([]);
          }
        }),
        { numRuns: Math.ceil(FUZZ_RUNS / 10) },
      );
    },
  );
});
