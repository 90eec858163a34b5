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

export const test = base.extend<Fixtures>({
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
  await stack.startGateway(writeScenario(stack.dir, alertTimes, durationSec), speed);
  await stack.startHost(hostArgs);
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
