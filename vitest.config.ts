import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'node/**/*.test.ts',
      'gateway/**/*.test.ts',
      'resources/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'tests/unit/**/*.test.ts',
    ],
    environment: 'node',
    // Test files share their worker's module cache instead of re-importing every module per file:
    // the suite's CPU halves (import and transform were most of it on two cores). It holds because
    // no test keeps state in a module: each builds its own stores in a temp dir, and the few that
    // fake timers restore them (tests/unit/setup.ts fails a test that leaves them on).
    isolate: false,
    testTimeout: 20_000,
    setupFiles: ['tests/unit/setup.ts'],
  },
});
