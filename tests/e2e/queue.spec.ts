import { expect, openConsole, test } from './fixtures';
import { scenarioAlert } from './stack';

const selectedRow = '[data-testid=alert-item][aria-selected="true"]';

test('a long queue mounts only the rows in view; the keyboard reaches a row below them, which stays in place as an urgent call sorts above it', async ({
  stack,
  consolePage: page,
}) => {
  await openConsole(
    stack,
    page,
    Array.from({ length: 200 }, () => 1),
    600,
  );
  const count = page.getByTestId('queue-count');
  await expect(count).toHaveAttribute('data-count', '200');
  const rows = page.getByTestId('alert-item');
  await expect(rows.first()).toHaveAttribute('aria-setsize', '200');
  expect(await rows.count()).toBeLessThan(60);

  // Row 31 is below the rows first mounted: selecting it by keyboard mounts it and brings it into view.
  for (let i = 0; i < 31; i++) await page.keyboard.press('j');
  const selected = page.locator(selectedRow);
  await expect(selected).toHaveAttribute('aria-posinset', '31');
  await expect(selected).toBeInViewport({ ratio: 1 });
  const id = await selected.getAttribute('data-alert-id');
  const before = (await selected.boundingBox())!.y;

  await stack.inject('alert', scenarioAlert(900, { id: '110-E2E-URGENT-TOP', priority: 1 }));
  await expect(count).toHaveAttribute('data-count', '201');
  await expect(selected).toHaveAttribute('aria-posinset', '32');
  await expect(selected).toHaveAttribute('data-alert-id', id!);
  // The row being read did not move although a row was inserted above it.
  await expect.poll(async () => Math.round((await selected.boundingBox())!.y - before)).toBe(0);

  await page.keyboard.press('Home');
  await expect(selected).toHaveAttribute('data-alert-id', '110-E2E-URGENT-TOP');
  await expect(selected).toHaveAttribute('aria-posinset', '1');
  await expect(selected).toBeInViewport({ ratio: 1 });
});
