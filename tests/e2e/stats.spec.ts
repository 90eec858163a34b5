import { expect, openConsole, signIn, test } from './fixtures';

test('statistics view on a console with demo history: 1-3-5 compliance and the response histogram', async ({
  stack,
  consolePage: page,
}) => {
  // A fresh data folder of the synthetic demo pack: --demo-history writes 30 days of marked history.
  await openConsole(stack, page, [1], 600, 1, ['--demo-history']);
  await signIn(page, 'supervisor');
  await page.keyboard.press('s');
  const view = page.getByTestId('stats-view');
  await expect(view).toBeVisible();
  // The default period, the last seven days, holds six days of the generated history.
  await expect(page.getByTestId('kpi-135')).toHaveText(/^\d{1,3}\.\d%$/);
  await expect(page.getByTestId('kpi-alerts')).not.toHaveAttribute('data-value', '0');
  const histogram = page.getByTestId('response-histogram');
  await expect(histogram.locator('canvas')).toHaveCount(1);
  expect(Number(await histogram.getAttribute('data-total'))).toBeGreaterThan(100);
  await expect(page.getByTestId('stats-tiers').locator('tbody tr')).not.toHaveCount(0);
  await page.keyboard.press('s');
  await expect(view).toBeHidden();
});
