import { test as base, expect, type Page } from '@playwright/test';
import { Stack, writeScenario } from './stack';

interface Fixtures {
  stack: Stack;
  /** The console page; any console error or uncaught exception fails the test. */
  consolePage: Page;
  /**
   * Console errors a test expects and names (test.use): only the browser's own resource-load
   * lines, e.g. a stream request answered 502/429 while encoders start under churn; never page errors.
   */
  expectedResourceErrors: RegExp | null;
}

interface WorkerFixtures {
  /**
   * A gateway (one scenario alert, an hour long, speed 1) and, when a test asks, a media server,
   * shared by the tests of a worker that use it: their players start on encoders already running.
   * Each test still runs its own host on a fresh data folder (`openConsoleOn`).
   */
  sharedGateway: Stack;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  sharedGateway: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const shared = new Stack();
      // The stream cap (16 by default) counts the encoders of the worker's earlier tests until they
      // idle out (20 s), so a pop-out's nine players plus the main wall's could meet 429s that are
      // another test's leftovers: the shared gateway gets room for three tests' players. Nine
      // encoders starting at once on a loaded 2-core machine can take longer than the default 8 s
      // to write their first playlist (a 502 the player retries, but the page logs it).
      await shared.startGateway(writeScenario(shared.dir, [1], 3600), 1, [
        '--max-streams',
        '48',
        '--stream-start-ms',
        '30000',
      ]);
      await use(shared);
      await shared.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  expectedResourceErrors: [null, { option: true }],
  // Playwright requires the object pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  stack: async ({}, use) => {
    const stack = new Stack();
    await use(stack);
    await stack.stop();
  },
  consolePage: async ({ page, expectedResourceErrors }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      if (
        expectedResourceErrors &&
        text.startsWith('Failed to load resource') &&
        expectedResourceErrors.test(text)
      )
        return;
      errors.push(`console.error: ${text}`);
    });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    await use(page);
    expect(errors, 'the renderer logged errors').toEqual([]);
  },
});

export { expect, writeScenario };

/** Starts gateway + host with a scenario and opens the console. */
export async function openConsole(
  stack: Stack,
  page: Page,
  alertTimes: number[],
  durationSec: number,
  speed = 1,
  hostArgs: string[] = [],
): Promise<void> {
  await stack.startGatewayAndHost(writeScenario(stack.dir, alertTimes, durationSec), speed, hostArgs);
  await showConsole(stack, page);
}

/** Starts a host on a fresh data folder against the worker's shared gateway and opens the console. */
export async function openConsoleOn(
  sharedGateway: Stack,
  stack: Stack,
  page: Page,
  hostArgs: string[] = [],
): Promise<void> {
  stack.useGateway(sharedGateway);
  await stack.startHost(hostArgs);
  await showConsole(stack, page);
}

async function showConsole(stack: Stack, page: Page): Promise<void> {
  await page.goto(stack.hostUrl);
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await expect(page.getByTestId('feed-state')).toHaveAttribute('data-state', 'connected');
}

export interface MapDebugState {
  ready: boolean;
  counts: Record<string, number>;
  selectedAlertId: string | null;
  /** Features MapLibre actually drew, per layer group (queryRenderedFeatures). */
  rendered?: Record<string, number>;
  /** Camera points and cones drawn offline in view, by camera id. */
  offlineCameras?: { points: string[]; cones: string[] };
  [key: string]: unknown;
}

export const mapDebug = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __mapDebug?: () => unknown }).__mapDebug?.() as MapDebugState | undefined,
  );

/** Signs in with a demo account (created by the host's --demo-operators). */
export async function signIn(page: Page, username = 'duty'): Promise<void> {
  await page.getByTestId('operator-signin').click();
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill('demo-1234');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('operator-name')).toBeVisible();
}
