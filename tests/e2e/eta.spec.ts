import { expect, mapDebug, openConsole, test } from './fixtures';
import { scenarioAlert } from './stack';

test.describe('road ETA ranking and coverage', () => {
  test('selecting an alert ranks units by road time against their tier and draws the best route', async ({
    stack,
    consolePage: page,
  }) => {
    await openConsole(stack, page, [1], 600);
    await stack.inject(
      'alert',
      scenarioAlert(77, {
        id: '110-E2E-ETA',
        priority: 1,
        location: { lng: 112.851, lat: 35.4995, crs: 'WGS84' },
      }),
    );
    const item = page.locator('[data-testid=alert-item][data-alert-id="110-E2E-ETA"]');
    await item.click();

    const list = page.getByTestId('unit-list');
    const firstEta = list.getByTestId('unit-eta').first();
    await expect(firstEta).toBeVisible();
    await expect(firstEta).toHaveText(/^(\d+分)?\d+秒$/);
    const badge = list.getByTestId('tier-badge').first();
    await expect(badge).toHaveAttribute('data-met', /^(true|false)$/);
    await expect(badge).toHaveText(/^(\d+分钟达标|超时 (\d+分)?\d+秒|未达\d+分钟)$/);
    await expect(page.getByTestId('distance-method')).toHaveCount(0);

    // Ranked: ETAs never decrease down the list.
    const etas = await list.getByTestId('unit-item').evaluateAll((els) =>
      els
        .map((e) => e.getAttribute('data-eta'))
        .filter((v) => v !== '')
        .map(Number),
    );
    expect(etas.length).toBeGreaterThan(0);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));

    await expect.poll(async () => (await mapDebug(page))?.counts.route).toBe(1);
    await expect.poll(async () => (await mapDebug(page))?.rendered?.route ?? 0).toBeGreaterThan(0);

    // English texts.
    await page.getByTestId('locale-toggle').click();
    await expect(list.getByTestId('unit-eta').first()).toHaveText(/^(\d+ min )?\d+ s$/);
    await expect(list.getByTestId('tier-badge').first()).toHaveText(
      /^(meets \d+ min|misses by (\d+ min )?\d+ s|misses \d+ min)$/,
    );

    // Clearing the selection removes the route.
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await mapDebug(page))?.counts.route).toBe(0);
  });

  test('the coverage toggle shows road coverage per 1/3/5-minute tier on the map', async ({
    stack,
    consolePage: page,
  }) => {
    await openConsole(stack, page, [1], 600);
    await expect(page.getByTestId('coverage-figures')).toHaveCount(0);
    await page.getByTestId('coverage-toggle').click();
    const figures = page.getByTestId('coverage-figures');
    await expect(figures).toBeVisible();
    const tiers = figures.getByTestId('coverage-tier');
    await expect(tiers).toHaveCount(3);
    await expect(tiers.nth(0)).toContainText('1分钟');
    for (let i = 0; i < 3; i++) await expect(tiers.nth(i)).toHaveText(/\d+(\.\d)?%$/);
    const shares = await tiers.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-share'))));
    for (const s of shares) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    await expect.poll(async () => (await mapDebug(page))?.counts.coverage ?? 0).toBeGreaterThan(0);
    await expect.poll(async () => (await mapDebug(page))?.rendered?.coverage ?? 0).toBeGreaterThan(0);

    // Key C switches it off again.
    await page.keyboard.press('c');
    await expect(figures).toHaveCount(0);
    await expect.poll(async () => (await mapDebug(page))?.counts.coverage).toBe(0);
  });
});
