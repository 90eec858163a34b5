import { expect, openConsole, test } from './fixtures';
import { scenarioAlert } from './stack';

// A call-taker's amendment: the same alert id again with a higher revision (docs/protocol.md).
test('an amendment raises the priority and corrects the address of the one alert, and keeps both revisions', async ({
  stack,
  consolePage: page,
}) => {
  await openConsole(stack, page, [1], 600);
  const original = scenarioAlert(1); // theft, priority 3
  const items = page.getByTestId('alert-item');
  await expect(items).toHaveCount(1);
  await stack.inject('alert', scenarioAlert(2, { id: '110-E2E-OTHER', priority: 2 }));
  await expect(items.first()).toHaveAttribute('data-alert-id', '110-E2E-OTHER');
  await items.first().click();
  await expect(page.getByTestId('alarm')).toHaveAttribute('data-state', 'idle');

  await stack.inject('alert', { ...original, priority: 1, address: '测试路100号（更正）', revision: 2 });
  await expect(items.first()).toHaveAttribute('data-alert-id', original.id);
  await expect(items).toHaveCount(2);
  await expect(page.getByTestId('alarm')).toHaveAttribute('data-state', 'sounding');

  await items.first().click();
  const revisions = page.getByTestId('alert-revisions');
  await expect(revisions).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('alert-revision')).toHaveCount(2);
  await expect(revisions.locator('.revision-change')).toHaveCount(2);
  await expect(revisions.locator('.revision-change[data-field=address]')).toContainText(
    '测试路100号（更正）',
  );
  await expect(page.getByTestId('alert-detail')).toContainText('测试路100号（更正）');

  // A resend of revision 2 changes nothing: still one alert with two revisions.
  await stack.inject('alert', { ...original, priority: 1, address: '不应出现', revision: 2 });
  await stack.inject('alert', scenarioAlert(3, { id: '110-E2E-MARKER' }));
  await expect(items).toHaveCount(3);
  await expect(revisions).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('alert-detail')).not.toContainText('不应出现');
});
