import { afterEach, beforeEach, vi } from 'vitest';

// Unit tests fail on any console.error: an error printed is an error unhandled.
let errorSpy: ReturnType<typeof vi.spyOn> | undefined;
beforeEach(() => {
  errorSpy = vi.spyOn(console, 'error');
});
afterEach(() => {
  const calls = errorSpy?.mock.calls ?? [];
  errorSpy?.mockRestore();
  if (calls.length > 0)
    throw new Error(
      `console.error was called: ${calls.map((c: unknown[]) => c.map(String).join(' ')).join(' | ')}`,
    );
});
