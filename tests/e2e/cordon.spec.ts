import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, mapDebug, openConsole, test, signIn } from './fixtures';
import { scenarioAlert } from './stack';

const ALERT_ID = '110-E2E-CORDON';

test('three-ring cordon: rings, gaps and the map for a robbery; the plan goes out as unit.assign to the crossings, audited', async ({ stack, consolePage: page }) => {
  test.setTimeout(240_000);
  await openConsole(stack, page, [1], 3600, 10);
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
  for (const ring of ['1', '2', '3']) await expect(panel.locator(`[data-testid=cordon-ring][data-ring="${ring}"]`)).toBeVisible();
  expect(await panel.getByTestId('cordon-gap').count()).toBeGreaterThan(0);
  // The demo city's unguarded exits on the city boundary.
  const ring2Gaps = panel.locator('[data-testid=cordon-ring][data-ring="2"] [data-testid=cordon-gap]');
  await expect(ring2Gaps).toHaveCount(3);
  for (const ref of ['X305', 'X318', 'Y027']) await expect(ring2Gaps.filter({ hasText: ref })).toHaveCount(1);
  const totalMs = Number(await page.getByTestId('cordon-timing').getAttribute('data-total-ms'));
  console.log(`cordon analysis in the console: ${totalMs} ms`);

  await expect.poll(async () => (await mapDebug(page))?.rendered?.['cordon'] ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
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

  const db = new Database(path.join(stack.dataDir, 'console.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT payload FROM outbox WHERE kind = 'unit.assign'").all() as { payload: string }[];
    const payloads = rows.map((r) => JSON.parse(r.payload) as { unitId: string; alertId: string; lng: number; lat: number });
    expect(payloads.length).toBeGreaterThan(0);
    const audit = db.prepare("SELECT operator, payload FROM audit_log WHERE action = 'alert.cordon.reinforce' AND subject = ?").all(`alert:${ALERT_ID}`) as { operator: string; payload: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.operator).toBe('duty');
    const planned = (JSON.parse(audit[0]!.payload) as { data: { assignments: { unitId: string; lng: number; lat: number }[] } }).data.assignments;
    // One command per assignment, each to its crossing, not to the scene.
    expect(payloads.map((p) => [p.unitId, p.lng, p.lat]).sort()).toEqual(planned.map((a) => [a.unitId, a.lng, a.lat]).sort());
    for (const p of payloads) {
      expect(p.alertId).toBe(ALERT_ID);
      expect(p.lng === 112.85 && p.lat === 35.5).toBe(false);
    }
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'alert.cordon.checkpoint'").get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT status FROM alerts WHERE id = ?').get(ALERT_ID)).toEqual({ status: 'received' });
  } finally {
    db.close();
  }
});
