import type { Page } from '@playwright/test';
import { expect, signIn, test, writeScenario } from './fixtures';
import { GATEWAY_TOKEN, scenarioAlert } from './stack';

const X = scenarioAlert(51, {
  id: '110-E2E-SEAT-X',
  category: 'assault',
  priority: 2,
  location: { lng: 112.851, lat: 35.5005, crs: 'WGS84' },
});
const Y = scenarioAlert(52, {
  id: '110-E2E-SEAT-Y',
  category: 'theft',
  priority: 3,
  location: { lng: 112.8512, lat: 35.5006, crs: 'WGS84' },
});

/** Fails the test on any console error or uncaught exception of a second page, like the fixture's. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && errors.push(`console.error: ${msg.text()}`));
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  return errors;
}

const row = (page: Page, id: string) => page.locator(`[data-testid=alert-item][data-alert-id="${id}"]`);

// Priorities 2 and 3: an unseen urgent (1) row flashes, and a flashing row is never "stable" to click.
// Two seats (two hosts, two data folders) on one gateway: the gateway decides who handles what.
test('seat A claims and dispatches; seat B sees the owner and the unit busy, and takes the unit only by reassignment', async ({
  stack,
  consolePage: pageA,
  browser,
}) => {
  test.setTimeout(100_000); // 44-53 s at load 10 with the clock paused
  // Nothing here waits for a unit to drive: once both hosts are up (the units' first positions in
  // the log), the scenario clock stops, so no position batches are stored by two hosts and repaint
  // two software-rendered maps all through the test (at 10×: 5.2 min, at 1×: 1.4–2.3 min, on a
  // loaded two-core machine). The two hosts start side by side, and the two consoles open so.
  await stack.startGateway(writeScenario(stack.dir, [1], 3600), 1);
  const [urlB] = await Promise.all([
    stack.startSeatHost('console-b', ['--seat', 'B']),
    stack.startHost(['--seat', 'A']),
  ]);
  await stack.pauseScenario();
  // Its own browser context (own storage), as a second workstation would be.
  // Contexts made here do not take the config's options: the same reduced motion and screen as seat A
  // (two software-rendered maps share the machine's two cores).
  const contextB = await browser.newContext({
    reducedMotion: 'reduce',
    viewport: { width: 1280, height: 800 },
  });
  const pageB = await contextB.newPage();
  const errorsB = watchErrors(pageB);
  await Promise.all([pageA.goto(stack.hostUrl), pageB.goto(urlB)]);
  for (const page of [pageA, pageB]) {
    await expect(page.getByTestId('status-bar')).toBeVisible();
    await expect(page.getByTestId('feed-state')).toHaveAttribute('data-state', 'connected');
  }
  await signIn(pageB, 'supervisor');
  await signIn(pageA, 'duty');
  // Presence: both seats on duty, in both status bars.
  for (const page of [pageA, pageB]) {
    await expect(page.getByTestId('seat-list')).toHaveAttribute('data-count', '2');
    await expect(page.locator('[data-testid=seat][data-operator=duty][data-seat=A]')).toBeVisible();
    await expect(page.locator('[data-testid=seat][data-operator=supervisor][data-seat=B]')).toBeVisible();
  }

  await stack.inject('alert', X);
  await stack.inject('alert', Y);
  // Seat A acknowledges (an implicit claim) and dispatches the best unit by keyboard, as a single seat does.
  await row(pageA, X.id).click();
  await expect(pageA.getByTestId('unit-item').first()).toBeVisible();
  await pageA.keyboard.press('a');
  await expect(pageA.locator('[data-testid=timeline-step][data-status=acknowledged]')).toBeVisible();
  await expect(row(pageA, X.id).getByTestId('alert-owner')).toHaveAttribute('data-mine', 'true');
  await pageA.keyboard.press('d');
  await expect(pageA.locator('[data-testid=timeline-step][data-status=dispatched]')).toBeVisible();
  const unitOf = async (alertId: string) => {
    const res = await fetch(`${stack.gatewayUrl}/admin/state`, {
      headers: { Authorization: `Bearer ${GATEWAY_TOKEN}` },
    });
    const units = ((await res.json()) as { units: Record<string, { alertId: string | null }> }).units;
    return Object.entries(units).find(([, u]) => u.alertId === alertId)?.[0] ?? null;
  };
  await expect.poll(() => unitOf(X.id)).not.toBeNull();
  const unitId = (await unitOf(X.id))!;

  // Seat B: the owner on the queue row and in the detail, X's status mirrored.
  await expect(row(pageB, X.id).getByTestId('alert-owner')).toHaveAttribute('data-owner', 'duty');
  await expect(row(pageB, X.id).getByTestId('alert-owner')).toHaveAttribute('data-seat', 'A');
  await row(pageB, X.id).click();
  await expect(pageB.getByTestId('alert-detail').getByTestId('alert-owner')).toHaveAttribute(
    'data-owner',
    'duty',
  );
  await expect(pageB.getByTestId('action-acknowledge')).toHaveCount(0);

  // Seat B on its own alert Y: A's unit is ranked but busy, and a plain assignment is refused with the reason.
  await row(pageB, Y.id).click();
  const busy = pageB.locator(`[data-testid=unit-item][data-unit-id="${unitId}"]`);
  await expect(busy).toHaveAttribute('data-busy', 'true');
  await expect(busy).toHaveAttribute('data-committed-to', X.id);
  await busy.getByTestId('unit-assign').click();
  await expect(pageB.getByTestId('action-error')).toContainText(`committed to alert ${X.id} by duty at A`);
  await expect(pageB.locator('[data-testid=timeline-step][data-status=dispatched]')).toHaveCount(0);

  // An explicit reassignment takes it: the gateway moves the unit to Y, and seat A sees it as B's.
  await busy.getByTestId('unit-take').click();
  await expect(pageB.locator('[data-testid=timeline-step][data-status=dispatched]')).toBeVisible();
  await expect.poll(() => unitOf(Y.id)).toBe(unitId);
  await expect(row(pageA, Y.id).getByTestId('alert-owner')).toHaveAttribute('data-owner', 'supervisor');
  expect(errorsB, 'seat B logged errors').toEqual([]);
  await contextB.close();
});
