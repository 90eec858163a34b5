import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, mapDebug, openConsole, test, signIn } from './fixtures';
import { scenarioAlert } from './stack';

const ALERT_ID = '110-E2E-CORDON';

test('three-ring cordon: rings, gaps and the map for a robbery; the plan goes out as unit.assign to the crossings, audited', async ({
  stack,
  consolePage: page,
}) => {
  test.setTimeout(100_000); // 16 s at load 7-8 on two cores (21 s with the clock running)
  await openConsole(stack, page, [1], 3600, 10);
  // No unit needs to drive (the plan is checked in the outbox): the scenario clock stops, so no
  // position batches repaint the software-rendered map while the cordon is analysed and drawn.
  await stack.pauseScenario();
  await signIn(page);
  // Reported five minutes ago near the centre: the suspect's ring 1 is a few kilometres wide.
  const robbery = scenarioAlert(7, {
    id: ALERT_ID,
    category: 'robbery',
    priority: 1,
    reportedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    location: { lng: 112.85, lat: 35.5, crs: 'WGS84' },
    description: '两名男子持刀抢劫后驾车逃离',
  });
  await stack.inject('alert', robbery);
  await page.locator(`[data-testid=alert-item][data-alert-id="${ALERT_ID}"]`).click();
  await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-alert-id', ALERT_ID);

  await page.getByTestId('cordon-open').click();
  const panel = page.getByTestId('cordon-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('cordon-ring')).toHaveCount(3);
  for (const ring of ['1', '2', '3'])
    await expect(panel.locator(`[data-testid=cordon-ring][data-ring="${ring}"]`)).toBeVisible();
  expect(await panel.getByTestId('cordon-gap').count()).toBeGreaterThan(0);
  // The demo city's unguarded exits on the city boundary.
  const ring2Gaps = panel.locator('[data-testid=cordon-ring][data-ring="2"] [data-testid=cordon-gap]');
  await expect(ring2Gaps).toHaveCount(3);
  for (const ref of ['X305', 'X318', 'Y027']) await expect(ring2Gaps.filter({ hasText: ref })).toHaveCount(1);
  const totalMs = Number(await page.getByTestId('cordon-timing').getAttribute('data-total-ms'));
  console.log(`cordon analysis in the console: ${totalMs} ms`);

  await expect
    .poll(async () => (await mapDebug(page))?.rendered?.['cordon'] ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(0);
  expect((await mapDebug(page))?.counts['cordon']).toBeGreaterThan(3);

  // Send the recommended plan in one action.
  const send = page.getByTestId('cordon-send-plan');
  await expect(send).toBeEnabled();
  await send.click();
  await expect(page.locator('[data-testid=timeline-step][data-action="cordon.reinforce"]')).toBeVisible();
  await expect(page.getByTestId('cordon-action-error')).toHaveCount(0);
  await expect(panel.getByTestId('cordon-gap').filter({ hasText: /已派/ }).first()).toBeVisible();

  // Activate a checkpoint on the city boundary.
  const ring2 = panel.locator('[data-testid=cordon-ring][data-ring="2"]');
  await ring2.locator('summary').click();
  await ring2.getByTestId('cordon-activate-checkpoint').first().click();
  await expect(ring2.locator('[data-testid=cordon-checkpoint][data-active=true]')).toHaveCount(1);

  const db = new Database(path.join(stack.dataDir, 'console.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const rows = db.prepare("SELECT payload FROM outbox WHERE kind = 'unit.assign'").all() as {
      payload: string;
    }[];
    const payloads = rows.map(
      (r) => JSON.parse(r.payload) as { unitId: string; alertId: string; lng: number; lat: number },
    );
    expect(payloads.length).toBeGreaterThan(0);
    const audit = db
      .prepare(
        "SELECT operator, payload FROM audit_log WHERE action = 'alert.cordon.reinforce' AND subject = ?",
      )
      .all(`alert:${ALERT_ID}`) as { operator: string; payload: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.operator).toBe('duty');
    const planned = (
      JSON.parse(audit[0]!.payload) as {
        data: { assignments: { unitId: string; lng: number; lat: number }[] };
      }
    ).data.assignments;
    // One command per assignment, each to its crossing, not to the scene.
    expect(payloads.map((p) => [p.unitId, p.lng, p.lat]).sort()).toEqual(
      planned.map((a) => [a.unitId, a.lng, a.lat]).sort(),
    );
    for (const p of payloads) {
      expect(p.alertId).toBe(ALERT_ID);
      expect(p.lng === 112.85 && p.lat === 35.5).toBe(false);
    }
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'alert.cordon.checkpoint'").get(),
    ).toEqual({ n: 1 });
    expect(db.prepare('SELECT status FROM alerts WHERE id = ?').get(ALERT_ID)).toEqual({
      status: 'received',
    });
  } finally {
    db.close();
  }
});

test('cordon gaps: road class, a crossing’s bayonet cameras on the video wall, one chosen unit to one gap, ring 1 as the incident county', async ({
  stack,
  consolePage: page,
}) => {
  test.setTimeout(100_000); // 19 s at load 7-8 on two cores (24 s with the clock running)
  const alertId = '110-E2E-CORDON-GAP';
  await openConsole(stack, page, [1], 3600, 10);
  await stack.pauseScenario(); // no unit needs to drive: no position batches repaint the map
  await signIn(page);
  await stack.inject(
    'alert',
    scenarioAlert(7, {
      id: alertId,
      category: 'robbery',
      priority: 1,
      reportedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      location: { lng: 112.85, lat: 35.5, crs: 'WGS84' },
      description: '驾车逃离',
    }),
  );
  await page.locator(`[data-testid=alert-item][data-alert-id="${alertId}"]`).click();
  await page.getByTestId('cordon-open').click();
  const panel = page.getByTestId('cordon-panel');
  const ring = (n: number) => panel.locator(`[data-testid=cordon-ring][data-ring="${n}"]`);
  await expect(ring(2).getByTestId('cordon-gap')).toHaveCount(3);

  // Road class per crossing, and the list grouped by class (bigger roads first).
  await expect(ring(2).getByTestId('cordon-gap').first()).toHaveAttribute('data-road-class', 'tertiary');
  await expect(ring(2).getByTestId('cordon-gap-class').first()).toHaveText('支路');
  await ring(1).getByTestId('cordon-gap-order').selectOption('class');
  const groups = await ring(1)
    .getByTestId('cordon-gap-group')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-road-class')));
  expect(groups.length).toBeGreaterThan(0);
  expect(new Set(groups).size).toBe(groups.length);

  // A covered crossing's bayonets are its checkpoint's ANPR cameras: they fill the video wall.
  await ring(2).getByTestId('cordon-show-covered').check();
  const checkpoints = JSON.parse(
    readFileSync(path.resolve('resources/city/demo/checkpoints.json'), 'utf8'),
  ) as { name: string; cameraIds: string[] }[];
  const checkpoint = checkpoints.find((c) => c.name === 'G207市界卡口')!;
  const covered = ring(2)
    .locator('[data-testid=cordon-gap][data-status=covered]')
    .filter({ hasText: checkpoint.name });
  await expect(covered).toHaveCount(1);
  const video = covered.getByTestId('cordon-gap-video');
  const ids = (await video.getAttribute('data-camera-ids'))!.split(',');
  expect(ids.slice(0, checkpoint.cameraIds.length)).toEqual(checkpoint.cameraIds);
  await video.click();
  const wall = page.getByTestId('video-wall');
  await expect(wall).toHaveAttribute('data-source', 'list');
  await expect(wall).toHaveAttribute('data-camera-ids', ids.slice(0, 4).join(','));
  await expect(page.getByTestId('video-area-clear')).toBeVisible();
  await page.getByTestId('video-area-clear').click();
  await expect(wall).toHaveAttribute('data-source', 'alert');

  // One unit, chosen instead of the suggestion, sent to one gap on the city boundary.
  const gap = ring(2).locator('[data-testid=cordon-gap][data-status=interceptable]').first();
  const crossingId = (await gap.getAttribute('data-crossing-id'))!;
  const select = gap.getByTestId('cordon-gap-unit-select');
  const unitId = (await select.locator('option').nth(1).getAttribute('value'))!;
  await select.selectOption(unitId);
  await gap.getByTestId('cordon-send-unit').click();
  await expect(page.getByTestId('cordon-action-error')).toHaveCount(0);
  await expect(ring(2).locator(`[data-testid=cordon-gap][data-crossing-id="${crossingId}"]`)).toContainText(
    '已派',
  );
  await expect(page.locator('[data-testid=timeline-step][data-action="cordon.reinforce"]')).toBeVisible();

  // Ring 1 switched to the incident's county (城区 of the demo city).
  await panel.getByTestId('cordon-ring1-mode').selectOption('district');
  await expect(ring(1)).toHaveAttribute('data-source', 'boundary');
  await expect(ring(1).getByTestId('cordon-ring-area')).toContainText('城区');
  await expect(panel.getByTestId('cordon-error')).toHaveCount(0);

  // Ring 1 drawn on the map: choosing the mode starts the draw tool; the video wall stays the alert's.
  await panel.getByTestId('cordon-ring1-mode').selectOption('polygon');
  await expect(panel.getByTestId('cordon-draw-hint')).toBeVisible();
  const box = (await page.getByTestId('map').boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  for (const [dx, dy] of [
    [-140, -100],
    [140, -100],
    [140, 100],
    [-140, 100],
  ] as const)
    await page.mouse.click(cx + dx, cy + dy);
  await page.mouse.dblclick(cx - 140, cy + 100);
  await expect(ring(1)).toHaveAttribute('data-source', 'polygon');
  await expect(panel.getByTestId('cordon-draw-hint')).toHaveCount(0);
  await expect(page.getByTestId('video-wall')).toHaveAttribute('data-source', 'alert');

  const db = new Database(path.join(stack.dataDir, 'console.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const rows = db.prepare("SELECT payload FROM outbox WHERE kind = 'unit.assign'").all() as {
      payload: string;
    }[];
    expect(rows.map((r) => (JSON.parse(r.payload) as { unitId: string }).unitId)).toEqual([unitId]);
    const audit = db
      .prepare("SELECT payload FROM audit_log WHERE action = 'alert.cordon.reinforce' AND subject = ?")
      .all(`alert:${alertId}`) as { payload: string }[];
    expect(audit).toHaveLength(1);
    const planned = (
      JSON.parse(audit[0]!.payload) as { data: { assignments: { unitId: string; crossingId: string }[] } }
    ).data.assignments;
    expect(planned.map((a) => [a.unitId, a.crossingId])).toEqual([[unitId, crossingId]]);
  } finally {
    db.close();
  }
});
