import path from 'node:path';
import { expect, test, signIn } from './fixtures';
import { ROOT } from './processes';

const ROBBERY_DRILL = path.join(ROOT, 'resources', 'drills', 'robbery-drill.json');

test('training drill: banner, replay controls, acknowledge the first report, scored after-action report', async ({ stack, consolePage: page }) => {
  test.setTimeout(240_000);
  await stack.startGateway(ROBBERY_DRILL, 1);
  await stack.startHost(['--drill', 'robbery-drill']);
  await page.goto(stack.hostUrl);
  await expect(page.getByTestId('feed-state')).toHaveAttribute('data-state', 'connected');

  const banner = page.getByTestId('drill-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('演练');
  await expect(banner).toContainText('DRILL');
  await expect(banner).toContainText('robbery-drill');
  await expect(page.locator('html')).toHaveClass(/drill-mode/);

  const controls = page.getByTestId('drill-controls');
  await expect(controls).toBeVisible();
  await controls.getByTestId('drill-pause').click();
  await expect(controls.getByTestId('drill-time')).toHaveAttribute('data-paused', 'true');
  const pausedAt = await controls.getByTestId('drill-time').textContent();
  await page.waitForTimeout(1200);
  await expect(controls.getByTestId('drill-time')).toHaveText(pausedAt!);
  await controls.getByTestId('drill-resume').click();
  await expect(controls.getByTestId('drill-time')).toHaveAttribute('data-paused', 'false');
  await controls.getByTestId('drill-speed-10').click();
  await expect(controls.getByTestId('drill-speed-10')).toHaveAttribute('aria-pressed', 'true');
  await expect(controls.getByTestId('drill-time')).toHaveAttribute('data-speed', '10');

  await signIn(page);
  const first = page.locator('[data-testid=alert-item][data-alert-id="110-DRILL-0001"]');
  await expect(first).toBeVisible({ timeout: 20_000 });
  // Pause again: the trainee works the first report while the scenario waits (and the map stops moving).
  await controls.getByTestId('drill-pause').click();
  await expect(controls.getByTestId('drill-time')).toHaveAttribute('data-paused', 'true');
  await page.keyboard.press('Home'); // selects the top of the queue: the first (oldest urgent) report
  await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-alert-id', '110-DRILL-0001');
  await page.keyboard.press('a');
  await expect(page.locator('[data-testid=timeline-step][data-status=acknowledged]')).toBeVisible();

  await controls.getByTestId('drill-open-report').click();
  const report = page.getByTestId('drill-report');
  await expect(report).toBeVisible();
  await expect(report.getByTestId('drill-score')).toHaveText(/^\d+(\.\d)?$/);
  await expect(report.locator('[data-testid=drill-chart] canvas, [data-testid=drill-chart] svg').first()).toBeVisible();
  const row = report.locator('[data-testid=drill-report-row][data-alert-id="110-DRILL-0001"]');
  await expect(row).toBeVisible();
  await report.getByTestId('drill-export-html').click();
  await expect(report.getByTestId('drill-exported')).toContainText(path.join(stack.dataDir, 'reports'));
});
