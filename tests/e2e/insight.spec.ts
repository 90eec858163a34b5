import { expect, mapDebug, openConsole, test } from './fixtures';
import { scenarioAlert } from './stack';

test.describe('command-center insight on the map', () => {
  test('the alert detail shows a risk grade, and the heat map toggles on and off', async ({
    stack,
    consolePage: page,
  }) => {
    await openConsole(stack, page, [1], 600);
    await stack.inject(
      'alert',
      scenarioAlert(77, {
        id: '110-E2E-RISK',
        priority: 2,
        location: { lng: 112.851, lat: 35.4995, crs: 'WGS84' },
      }),
    );
    await page.locator('[data-testid=alert-item][data-alert-id="110-E2E-RISK"]').click();
    await expect(page.getByTestId('alert-detail').getByTestId('risk-badge')).toHaveAttribute(
      'data-grade',
      /^[ABC]$/,
    );

    await page.getByTestId('heatmap-toggle').click();
    const count = page.getByTestId('heatmap-count');
    await expect(count).toHaveText(/\d+ 起警情/);
    const total = Number(await count.getAttribute('data-total'));
    await expect.poll(async () => (await mapDebug(page))?.counts['insight-heat']).toBe(total);
    await page.getByTestId('heatmap-toggle').click();
    await expect(page.getByTestId('heatmap-filters')).toHaveCount(0);
  });
});
