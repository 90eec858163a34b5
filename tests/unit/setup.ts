import { afterEach, beforeEach, vi } from 'vitest';

// Unit tests fail on any console.error: an error printed is an error unhandled.
let errorSpy: ReturnType<typeof vi.spyOn> | undefined;
beforeEach(() => {
  errorSpy = vi.spyOn(console, 'error');
});
afterEach(() => {
  // Test files share a worker's modules (isolate: false in vitest.config.ts): fake timers left on
  // would run the next file's tests on a frozen clock.
  if (vi.isFakeTimers()) {
    vi.useRealTimers();
    throw new Error('the test left fake timers on: restore them (vi.useRealTimers) in afterEach');
  }
  const calls = errorSpy?.mock.calls ?? [];
  errorSpy?.mockRestore();
  if (calls.length > 0)
    throw new Error(
      `console.error was called: ${calls.map((c: unknown[]) => c.map(String).join(' ')).join(' | ')}`,
    );
});
