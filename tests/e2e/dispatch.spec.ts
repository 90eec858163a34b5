import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, openConsole, test, signIn } from './fixtures';
import { scenarioAlert } from './stack';

const URGENT = scenarioAlert(42, {
  id: '110-E2E-DISPATCH',
  category: 'assault',
  priority: 1,
  location: { lng: 112.851, lat: 35.5005, crs: 'WGS84' },
});

/** Scenario speed while the dispatched unit drives to the scene (its whole route, reported as it goes). */
const SPEED_TO_SCENE = 30;

test('receive → acknowledge and dispatch by keyboard → the unit drives and arrives → resolve → close, with times and tier recorded', async ({
  stack,
  consolePage: page,
}) => {
  test.setTimeout(100_000); // 19 s at load 7-8 on two cores (34 s before the clock waited for the dispatch)
  await openConsole(stack, page, [1], 3600, 10);
  // Until the dispatch no unit needs to move: the scenario clock waits, so no position batches
  // repaint the software-rendered map while the operator signs in, acknowledges and ranks units.
  await stack.pauseScenario();
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
  await stack.resumeScenario(SPEED_TO_SCENE);
  // The gateway's simulated unit accepts, drives its route and reports on scene.
  await expect(page.locator('[data-testid=timeline-step][data-status=on_scene]')).toBeVisible({
    timeout: 90_000,
  });
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
  // (A resolved alert already leaves the queue: this does not wait for the close to be stored.)
  await expect(item).toHaveCount(0);

  const db = new Database(path.join(stack.dataDir, 'console.sqlite'), { readonly: true });
  try {
    const d = db
      .prepare(
        "SELECT response_seconds, tier_target_seconds, tier_met FROM dispatches WHERE alert_id = '110-E2E-DISPATCH'",
      )
      .get() as { response_seconds: number; tier_target_seconds: number; tier_met: number };
    expect(d.response_seconds).toBeGreaterThan(0);
    expect(d.tier_target_seconds).toBeGreaterThan(0);
    expect(d.tier_met === 1).toBe(d.response_seconds <= d.tier_target_seconds);
    const stepsOf = () =>
      db
        .prepare(
          "SELECT to_status, operator FROM alert_events WHERE alert_id = '110-E2E-DISPATCH' ORDER BY id",
        )
        .all() as { to_status: string; operator: string }[];
    // Polled: the close is stored shortly after the click (seen missing once under load).
    await expect
      .poll(() => stepsOf().map((s) => s.to_status))
      .toEqual(['received', 'acknowledged', 'dispatched', 'en_route', 'on_scene', 'resolved', 'closed']);
    expect(
      stepsOf()
        .filter((s) => s.operator === 'duty')
        .map((s) => s.to_status),
    ).toEqual(['acknowledged', 'dispatched', 'resolved', 'closed']);
  } finally {
    db.close();
  }
});

test('gateway down during assign: the command waits in the outbox and is delivered once after restart', async ({
  stack,
  consolePage: page,
}) => {
  test.setTimeout(100_000);
  await openConsole(stack, page, [1], 3600, 10);
  // Only the command's delivery is checked, no unit needs to drive: the clock stays paused (a
  // restarted gateway keeps its clock), so no position batches repaint the map.
  await stack.pauseScenario();
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

  const state = (await (
    await fetch(`${stack.gatewayUrl}/admin/state`, { headers: { Authorization: 'Bearer e2e-gateway-token' } })
  ).json()) as Record<string, unknown>;
  expect(JSON.stringify(state)).toContain('110-E2E-DISPATCH');
  const db = new Database(path.join(stack.dataDir, 'console.sqlite'), { readonly: true });
  try {
    expect(db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'unit.assign'").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT state FROM outbox WHERE kind = 'unit.assign'").get()).toEqual({
      state: 'acked',
    });
  } finally {
    db.close();
  }
});

test('a 12345 case is transferred with a due time, found in the Transferred list (overdue flagged), feedback recorded and closed', async ({
  stack,
  consolePage: page,
}) => {
  test.setTimeout(100_000);
  await openConsole(stack, page, [1], 3600);
  await stack.pauseScenario(); // no unit takes part: no position batches repaint the map
  await signIn(page);
  await stack.inject(
    'alert',
    scenarioAlert(33, {
      id: '12345-E2E-TRANSFER',
      source: '12345',
      category: 'public_facility',
      priority: 4,
      description: '路灯损坏',
    }),
  );
  const item = page.locator('[data-testid=alert-item][data-alert-id="12345-E2E-TRANSFER"]');
  await item.click();
  await page.getByTestId('action-transfer').click();
  await page.getByTestId('transfer-department').fill('市城市管理局');
  await page.getByTestId('transfer-confirm').click();
  await expect(page.locator('[data-testid=timeline-step][data-status=transferred]')).toBeVisible();
  await expect(item).toHaveCount(0);
  const dbPath = path.join(stack.dataDir, 'console.sqlite');
  const readLifecycle = () => {
    const db = new Database(dbPath, { readonly: true });
    try {
      const row = db
        .prepare("SELECT status, lifecycle FROM alerts WHERE id = '12345-E2E-TRANSFER'")
        .get() as { status: string; lifecycle: string };
      return {
        status: row.status,
        ...(JSON.parse(row.lifecycle) as {
          transfer: { department: string; dueAt: string } | null;
          feedback: string | null;
        }),
      };
    } finally {
      db.close();
    }
  };
  const transferred = readLifecycle();
  expect(transferred.transfer!.department).toBe('市城市管理局');
  expect(Date.parse(transferred.transfer!.dueAt)).toBeGreaterThan(Date.now());

  // Key T shows the transferred cases: this one, with its due time, not overdue yet.
  await page.keyboard.press('Escape');
  await page.keyboard.press('t');
  const row = page.locator('[data-testid=transferred-item][data-alert-id="12345-E2E-TRANSFER"]');
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-overdue', 'false');
  await expect(row).toContainText('市城市管理局');

  // Let the due time pass (the department has not answered): rewrite it into the past, as a day later would.
  const db = new Database(dbPath);
  try {
    const lc = JSON.parse(
      (
        db.prepare("SELECT lifecycle FROM alerts WHERE id = '12345-E2E-TRANSFER'").get() as {
          lifecycle: string;
        }
      ).lifecycle,
    ) as { transfer: { dueAt: string } };
    lc.transfer.dueAt = new Date(Date.now() - 3_600_000).toISOString();
    db.prepare("UPDATE alerts SET lifecycle = ? WHERE id = '12345-E2E-TRANSFER'").run(JSON.stringify(lc));
  } finally {
    db.close();
  }
  await page.reload();
  await expect(page.getByTestId('feed-state')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('queue-tab-transferred').click();
  await expect(row).toHaveAttribute('data-overdue', 'true');
  await expect(row.getByTestId('transferred-overdue')).toBeVisible();

  // Select it with the keyboard, record the department's feedback and close the case.
  await page.keyboard.press('Home');
  await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-alert-id', '12345-E2E-TRANSFER');
  await page.getByTestId('action-close').click();
  await page.getByTestId('action-text').fill('城管局已修复路灯，回访市民满意');
  await page.getByTestId('action-confirm').click();
  await expect(page.locator('[data-testid=timeline-step][data-status=closed]')).toBeVisible();
  await expect(row).toHaveCount(0);
  const closed = readLifecycle();
  expect(closed.status).toBe('closed');
  expect(closed.feedback).toBe('城管局已修复路灯，回访市民满意');
});

test('assign a non-best unit by key 2, recall it, dispatch again by key 1 and reassign that unit to the 3rd ranked one', async ({
  stack,
  consolePage: page,
}) => {
  test.setTimeout(100_000); // 22 s at load 9-12 on two cores
  // Real-time speed: the units must still be on their way when they are recalled and reassigned.
  await openConsole(stack, page, [1], 3600, 1);
  await signIn(page);
  await stack.inject('alert', { ...URGENT, id: '110-E2E-DESK' });
  await expect(page.locator('[data-testid=alert-item][data-alert-id="110-E2E-DESK"]')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-alert-id', '110-E2E-DESK');
  const rank = (n: number) => page.locator(`[data-testid=unit-item][data-rank="${n}"]`);
  await expect(rank(3)).toBeVisible();
  const best = await rank(1).getAttribute('data-unit-id');
  const second = (await rank(2).getAttribute('data-unit-id'))!;
  expect(second).not.toBe(best);

  await page.keyboard.press('2');
  const assigned = page.getByTestId('assigned-unit');
  await expect(assigned).toHaveCount(1);
  await expect(assigned.first()).toHaveAttribute('data-unit-id', second);
  await expect(page.locator('[data-testid=timeline-step][data-status=dispatched]')).toBeVisible();

  await assigned.first().getByTestId('unit-recall').click();
  await expect(page.locator('[data-testid=timeline-step][data-action=recall]')).toBeVisible();
  await expect(assigned).toHaveCount(0);
  // Once the gateway reports the recalled unit free again it is back in the ranked list.
  await expect(
    page.locator(`[data-testid=unit-item][data-unit-id="${second}"] [data-testid=unit-assign]`),
  ).toBeEnabled({ timeout: 30_000 });

  const first = (await rank(1).getAttribute('data-unit-id'))!;
  await page.keyboard.press('1');
  await expect(assigned).toHaveCount(1);
  await expect(assigned.first()).toHaveAttribute('data-unit-id', first);
  // The dispatched unit leaves the ranked list when the gateway reports it dispatched.
  await expect(page.locator(`[data-testid=unit-item][data-unit-id="${first}"]`)).toHaveCount(0, {
    timeout: 30_000,
  });

  await assigned.first().getByTestId('unit-reassign').click();
  await expect(page.getByTestId('reassign-hint')).toBeVisible();
  const third = (await rank(3).getAttribute('data-unit-id'))!;
  expect(third).not.toBe(first);
  await page.keyboard.press('3');
  await expect(page.locator('[data-testid=timeline-step][data-action=reassign]')).toBeVisible();
  await expect(assigned).toHaveCount(1);
  await expect(assigned.first()).toHaveAttribute('data-unit-id', third);
  await expect(page.getByTestId('reassign-hint')).toHaveCount(0);
  await expect(page.locator(`[data-testid=dispatch-record][data-unit-id="${first}"]`)).toHaveAttribute(
    'data-released',
    'true',
  );

  const db = new Database(path.join(stack.dataDir, 'console.sqlite'), { readonly: true });
  try {
    const commands = (
      db.prepare("SELECT kind, payload FROM outbox WHERE kind LIKE 'unit.%' ORDER BY seq").all() as {
        kind: string;
        payload: string;
      }[]
    ).map((c) => `${c.kind}:${(JSON.parse(c.payload) as { unitId: string }).unitId}`);
    expect(commands).toEqual([
      `unit.assign:${second}`,
      `unit.recall:${second}`,
      `unit.assign:${first}`,
      `unit.assign:${third}`,
      `unit.recall:${first}`,
    ]);
    const audited = (
      db
        .prepare("SELECT action, operator FROM audit_log WHERE subject = 'alert:110-E2E-DESK' ORDER BY seq")
        .all() as { action: string; operator: string }[]
    ).filter((a) => a.operator === 'duty');
    expect(audited.map((a) => a.action)).toEqual([
      'alert.dispatch',
      'alert.recall',
      'alert.dispatch',
      'alert.reassign',
    ]);
  } finally {
    db.close();
  }
});

test('merging a duplicate moves its unit to the surviving alert, whose detail lists both callers and reports', async ({
  stack,
  consolePage: page,
}) => {
  test.setTimeout(100_000);
  await openConsole(stack, page, [1], 3600, 1);
  // The unit's commands are checked, not its drive: no position batches repaint the map.
  await stack.pauseScenario();
  await signIn(page);
  const place = { lng: 112.853, lat: 35.5012, crs: 'WGS84' };
  await stack.inject(
    'alert',
    scenarioAlert(50, {
      id: '110-E2E-MERGE-A',
      category: 'fight',
      priority: 2,
      location: place,
      caller: { phone: '13800000050' },
      description: '广场有人打架',
    }),
  );
  await stack.inject(
    'alert',
    scenarioAlert(51, {
      id: '110-E2E-MERGE-B',
      category: 'assault',
      priority: 2,
      location: { ...place, lng: 112.8532 },
      caller: { phone: '13900000051' },
      description: '有人被打伤了',
    }),
  );
  await page.locator('[data-testid=alert-item][data-alert-id="110-E2E-MERGE-B"]').click();
  await expect(page.getByTestId('unit-item').first()).toBeVisible();
  const unit = (await page.locator('[data-testid=unit-item][data-rank="1"]').getAttribute('data-unit-id'))!;
  await page.keyboard.press('1');
  await expect(page.getByTestId('assigned-unit')).toHaveAttribute('data-unit-id', unit);

  await page
    .locator('[data-testid=duplicate-suggestion][data-other-id="110-E2E-MERGE-A"]')
    .getByTestId('merge-duplicate')
    .click();
  await expect(page.locator('[data-testid=alert-item][data-alert-id="110-E2E-MERGE-B"]')).toHaveCount(0);
  await page.locator('[data-testid=alert-item][data-alert-id="110-E2E-MERGE-A"]').click();
  await expect(page.getByTestId('merged-caller')).toHaveCount(2);
  await expect(page.getByTestId('merged-reports')).toContainText('有人被打伤了');
  await expect(page.getByTestId('assigned-unit')).toHaveAttribute('data-unit-id', unit);

  const db = new Database(path.join(stack.dataDir, 'console.sqlite'), { readonly: true });
  try {
    const commands = (
      db.prepare("SELECT kind, payload FROM outbox WHERE kind LIKE 'unit.%' ORDER BY seq").all() as {
        kind: string;
        payload: string;
      }[]
    ).map((c) => ({ kind: c.kind, ...(JSON.parse(c.payload) as object) }));
    expect(commands).toEqual([
      expect.objectContaining({ kind: 'unit.assign', unitId: unit, alertId: '110-E2E-MERGE-B' }),
      expect.objectContaining({ kind: 'unit.assign', unitId: unit, alertId: '110-E2E-MERGE-A' }),
    ]);
  } finally {
    db.close();
  }
});
