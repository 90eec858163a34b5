import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, mapDebug, test } from './fixtures';
import { ROOT } from './processes';

/**
 * The console on the demo city and the real demo scenario, as a duty officer sees it. The
 * screenshot in docs/ is this test's output (UPDATE_DOCS_SCREENSHOT=1 refreshes it), so what
 * the README shows is what the test checked.
 */
// The README's picture at a wall seat's size; refreshed on request, not in every run (CI's time).
test.use({ viewport: { width: 1600, height: 1000 } });
test.skip(!process.env.UPDATE_DOCS_SCREENSHOT, 'refreshes docs/console.png: UPDATE_DOCS_SCREENSHOT=1');
test('the demo console: city map, live units, cameras and a queue of alerts', async ({
  stack,
  consolePage: page,
}) => {
  await stack.startGateway(path.join(ROOT, 'resources', 'drills', 'demo-evening.json'), 10);
  await stack.startHost();
  await page.goto(stack.hostUrl);
  await expect
    .poll(() => page.getByTestId('alert-item').count(), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(8);
  await expect.poll(async () => (await mapDebug(page))?.counts.units ?? 0).toBe(39);
  await page.getByTestId('alert-item').first().click();
  await expect(page.getByTestId('camera-item').first()).toBeVisible();
  await expect(page.getByTestId('unit-item').first()).toBeVisible();
  await expect.poll(async () => (await mapDebug(page))?.rendered?.cameras ?? 0).toBeGreaterThan(0);
  await expect.poll(async () => (await mapDebug(page))?.rendered?.alerts ?? 0).toBeGreaterThan(0);
  // Reduced motion (playwright.config.ts): the selection jumps instead of flying; wait for the frame.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  const shot = test.info().outputPath('console.png');
  await page.screenshot({ path: shot });
  if (process.env.UPDATE_DOCS_SCREENSHOT) {
    mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
    copyFileSync(shot, path.join(ROOT, 'docs', 'console.png'));
  }
});
