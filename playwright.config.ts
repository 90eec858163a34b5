import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './bench/chromiumLaunch';

// End-to-end tests drive the real renderer in Debian's Chromium (Playwright's own browser
// download is not reachable here) against a real gateway process and a real browser host.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Two spec files at a time (one per core; tests within a file run in order). Every test has
  // its own gateway, host, ports and data folder, so files do not interfere with each other.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [['list']],
  use: {
    // The map is drawn in software (SwiftShader) on two cores: its pixels are most of a test's CPU.
    // A 1280 × 800 seat still shows queue, map, detail and wall side by side.
    viewport: { width: 1280, height: 800 },
    // The urgent-alert pulse repaints the whole software-rendered (SwiftShader) map 30 times a
    // second and selections fly the camera; no test looks at motion, and on two cores those
    // repaints took the CPU the tests need. The console honours the setting (static ring, jumps).
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: chromiumPath(),
      // GPU compositing on ANGLE/SwiftShader, as the benches and as Electron composites: with
      // --disable-gpu every map frame was read back on the page's main thread, which clicks and
      // queries then waited behind (console and dispatch specs 165-169 s -> 146 s, load 8-9).
      args: [
        ...chromiumArgs('gpu'),
        // A dispatch console must sound its alarm without a click (Electron sets the same switch).
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
    // A failed test keeps its trace (actions, DOM snapshots, network, console), but not the
    // screencast: it grabs and encodes a frame on every paint, and with four live players
    // that was 0.8 of a core (GPU and browser processes) on a two-core machine.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
  },
});
