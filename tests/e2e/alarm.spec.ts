import { expect, openConsole, signIn, test } from './fixtures';
import { scenarioAlert } from './stack';

test('an urgent 110 alert sounds the alarm until it is looked at; mute silences it', async ({
  stack,
  consolePage: page,
}) => {
  await openConsole(stack, page, [1], 600);
  await expect(page.getByTestId('alert-item')).toHaveCount(1);
  await expect(page.getByTestId('alarm')).toHaveAttribute('data-state', 'idle'); // a theft does not ring

  await stack.inject(
    'alert',
    scenarioAlert(7, { id: '110-E2E-URGENT', category: 'robbery', priority: 1, source: '110' }),
  );
  await expect(page.getByTestId('alarm')).toHaveAttribute('data-state', 'sounding');
  await expect(page.locator('[data-alert-id="110-E2E-URGENT"]')).toHaveClass(/flash/);
  await page.locator('[data-testid=alert-item][data-alert-id="110-E2E-URGENT"]').click();
  await expect(page.getByTestId('alarm')).toHaveAttribute('data-state', 'idle');

  // Silencing the alarm is an operator's decision: signed out, mute and volume are disabled.
  await expect(page.getByTestId('alarm-toggle')).toBeDisabled();
  await expect(page.getByTestId('alarm-volume')).toBeDisabled();
  await expect(page.getByTestId('alarm-toggle')).toHaveAttribute('title', '请先登录');
  await signIn(page);
  await page.getByTestId('alarm-toggle').click();
  await stack.inject(
    'alert',
    scenarioAlert(8, { id: '110-E2E-URGENT-2', category: 'assault', priority: 1, source: '110' }),
  );
  await expect(page.getByTestId('alarm')).toHaveAttribute('data-state', 'muted');
});
