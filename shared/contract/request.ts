import type { z } from 'zod';

/**
 * One request of the API contract: its argument tuple and its result, both zod schemas. Preload,
 * main-process handlers and the browser-host bridge are derived from these pairs (bridge.ts).
 */
export const request = <A extends z.ZodTuple, R extends z.ZodTypeAny>(args: A, result: R) => ({
  args,
  result,
});
