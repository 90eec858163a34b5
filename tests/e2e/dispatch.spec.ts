import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, openConsole, test, signIn } from './fixtures';
import { scenarioAlert } from './stack';

const URGENT = scenarioAlert(42, { id: '110-E2E-DISPATCH', category: 'assault', priority: 1, location: { lng: 112.851, lat: 35.5005, crs: 'WGS84' } });

test('receive → acknowledge and dispatch by keyboard → the unit drives and arrives → resolve → close, with times and tier recorded', async ({ stack, consolePage: page }) => {
  test.setTimeout(150_000);
  await openConsole(stack, page, [1], 3600, 10);
  await signIn(page);
  await stack.inject('alert', URGENT);
  const item = page.locator('[data-testid=alert-item][data-alert-id="110-E2E-DISPATCH"]');
  await expect(item).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-alert-id', '110-E2E-DISPATCH');
  await page.keyboard.press('a');
  await expect(page.locator('[data-testid=timeline-step][data-status=acknowledged]')).toBeVisible();
  await expect(page.getByTestId('unit-item').first()).toBeVisible();
  await page.keyboard.press('d');
  await expect(page.locator('[data-testid=timeline-step][data-status=dispatched]')).toBeVisible();
  // The gateway's simulated unit accepts, drives its route and reports on scene.
  await expect(page.locator('[data-testid=timeline-step][data-status=on_scene]')).toBeVisible({ timeout: 90_000 });
  const record = page.getByTestId('dispatch-record').first();
  await expect(record).not.toHaveAttribute('data-tier-met', 'unknown');
  await expect(page.getByTestId('response-time')).toBeVisible();

  await page.getByTestId('action-resolve').click();
  await page.getByTestId('action-text').fill('已将双方带回派出所调解');
  await page.getByTestId('action-confirm').click();
  await expect(page.locator('[data-testid=timeline-step][data-status=resolved]')).toBeVisible();
  await page.getByTestId('action-close').click();
  await page.getByTestId('action-text').fill('回访报警人，满意');
  await page.getByTestId('action-confirm').click();
  await expect(item).toHaveCount(0); // closed alerts leave the queue

  const db = new Database(path.join(stack.dataDir, 'console.sqlite'), { readonly: true });
  try {
    const d = db.prepare("SELECT response_seconds, tier_target_seconds, tier_met FROM dispatches WHERE alert_id = '110-E2E-DISPATCH'").get() as { response_seconds: number; tier_target_seconds: number; tier_met: number };
    expect(d.response_seconds).toBeGreaterThan(0);
    expect(d.tier_target_seconds).toBeGreaterThan(0);
    expect(d.tier_met === 1).toBe(d.response_seconds <= d.tier_target_seconds);
    const steps = db.prepare("SELECT to_status, operator FROM alert_events WHERE alert_id = '110-E2E-DISPATCH' ORDER BY id").all() as { to_status: string; operator: string }[];
    expect(steps.map((s) => s.to_status)).toEqual(['received', 'acknowledged', 'dispatched', 'en_route', 'on_scene', 'resolved', 'closed']);
    expect(steps.filter((s) => s.operator === 'duty').map((s) => s.to_status)).toEqual(['acknowledged', 'dispatched', 'resolved', 'closed']);
  } finally {
    db.close();
  }
});

test('gateway down during assign: the command waits in the outbox and is delivered once after restart', async ({ stack, consolePage: page }) => {
  test.setTimeout(120_000);
  await openConsole(stack, page, [1], 3600, 10);
  await signIn(page);
  await stack.inject('alert', URGENT);
  await page.locator('[data-testid=alert-item][data-alert-id="110-E2E-DISPATCH"]').click();
  await expect(page.getByTestId('unit-item').first()).toBeVisible();
  await stack.gateway!.stop('SIGKILL');
  await expect(page.getByTestId('feed-state')).not.toHaveAttribute('data-state', 'connected');
  await page.getByTestId('action-dispatch-best').click();
  await expect(page.locator('[data-testid=timeline-step][data-status=dispatched]')).toBeVisible();
  await expect(page.getByTestId('dispatch-record').first()).toContainText(/待发送|已发送/);
  await stack.startGateway(path.join(stack.dir, 'scenario.json'), 10);
  await expect(page.getByTestId('feed-state')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('dispatch-record').first()).toContainText('已确认', { timeout: 30_000 });

  const state = (await (await fetch(`${stack.gatewayUrl}/admin/state`, { headers: { Authorization: 'Bearer e2e-gateway-token' } })).json()) as Record<string, unknown>;
  expect(JSON.stringify(state)).toContain('110-E2E-DISPATCH');
  const db = new Database(path.join(stack.dataDir, 'console.sqlite'), { readonly: true });
  try {
    expect(db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'unit.assign'").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT state FROM outbox WHERE kind = 'unit.assign'").get()).toEqual({ state: 'acked' });
  } finally {
    db.close();
  }
});

test('a 12345 case is transferred to a city department with a due time', async ({ stack, consolePage: page }) => {
  await openConsole(stack, page, [1], 3600);
  await signIn(page);
  await stack.inject('alert', scenarioAlert(33, { id: '12345-E2E-TRANSFER', source: '12345', category: 'public_facility', priority: 4, description: '路灯损坏' }));
  const item = page.locator('[data-testid=alert-item][data-alert-id="12345-E2E-TRANSFER"]');
  await item.click();
  await page.getByTestId('action-transfer').click();
  await page.getByTestId('transfer-department').fill('市城市管理局');
  await page.getByTestId('transfer-confirm').click();
  await expect(page.locator('[data-testid=timeline-step][data-status=transferred]')).toBeVisible();
  await expect(item).toHaveCount(0);
  const db = new Database(path.join(stack.dataDir, 'console.sqlite'), { readonly: true });
  try {
    const row = db.prepare("SELECT lifecycle FROM alerts WHERE id = '12345-E2E-TRANSFER'").get() as { lifecycle: string };
    const lifecycle = JSON.parse(row.lifecycle) as { transfer: { department: string; dueAt: string } };
    expect(lifecycle.transfer.department).toBe('市城市管理局');
    expect(Date.parse(lifecycle.transfer.dueAt)).toBeGreaterThan(Date.now());
  } finally {
    db.close();
  }
});
