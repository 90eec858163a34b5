import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Camera } from '../../shared/domain/camera';
import { expect, mapDebug, openConsole, test } from './fixtures';
import { scenarioAlert } from './stack';

const demoCameras = JSON.parse(
  readFileSync(path.resolve('resources/city/demo/cameras.json'), 'utf8'),
) as Camera[];
const demoRoads = JSON.parse(readFileSync(path.resolve('resources/city/demo/roads.geojson'), 'utf8')) as {
  features: unknown[];
};

/**
 * Issue 16: a camera status change reaches the map as that camera's feature-state (its point and
 * its view cone), and its clusters get that one camera's property, not a re-send of all 3,664
 * cameras and cones. Counted through the map's debug state (`sent`: features handed to MapLibre
 * per source since load; `states`: feature-states set).
 */
test('a camera going offline sends that one camera to the map, not every camera', async ({
  stack,
  consolePage: page,
}) => {
  await openConsole(stack, page, [1], 600);
  await expect.poll(async () => (await mapDebug(page))?.ready).toBe(true);
  // The road network is handed to the map after the live layers, and drawn.
  await expect.poll(async () => (await mapDebug(page))?.counts['roads']).toBe(demoRoads.features.length);
  await expect.poll(async () => (await mapDebug(page))?.rendered?.['roads'] ?? 0).toBeGreaterThan(0);
  const count = (key: 'sent' | 'states') => async (): Promise<number> =>
    ((await mapDebug(page))?.[key] as Record<string, number> | undefined)?.['cameras'] ?? 0;
  const sent = count('sent');
  const states = count('states');
  const before = await sent();
  // The install sent every camera once.
  expect(before).toBe(demoCameras.length);
  const statesBefore = await states();

  // A fixed camera (point and cone) near the first alert, so it is in view once the alert is selected.
  const at = scenarioAlert(1).location;
  const fixed = demoCameras
    .filter((c) => c.online && c.heading !== null && c.fov !== null && c.fov < 360)
    .sort(
      (a, b) => Math.hypot(a.lng - at.lng, a.lat - at.lat) - Math.hypot(b.lng - at.lng, b.lat - at.lat),
    )[0]!;
  const row = page.getByTestId('alert-item').first();
  await expect(row).toBeVisible();
  await stack.inject('camera.status', { cameraId: fixed.id, online: false, at: new Date().toISOString() });
  // Selecting an alert redraws its route and highlighted cameras at once, while the camera change
  // waits for the live layers' next update: that earlier redraw must not drop it.
  await row.click();
  // Its point's and its cone's state; the clusters get its property within their interval (10 s).
  await expect.poll(states).toBe(statesBefore + 2);
  // Drawn: MapLibre finds the state by the drawn features' ids (the point and the cone in view).
  const drawnOffline = async () => (await mapDebug(page))?.offlineCameras;
  await expect.poll(async () => (await drawnOffline())?.points.includes(fixed.id)).toBe(true);
  await expect.poll(async () => (await drawnOffline())?.cones.includes(fixed.id)).toBe(true);
  await expect.poll(sent).toBe(before + 1);

  // Another event through the same feed and frame loop: by the time it is on the map, any further
  // camera send would have happened too.
  await stack.inject('alert', scenarioAlert(42, { id: '110-E2E-INCREMENTAL' }));
  await expect(page.locator('[data-testid=alert-item][data-alert-id="110-E2E-INCREMENTAL"]')).toBeVisible();
  await expect.poll(async () => (await mapDebug(page))?.counts['alerts']).toBe(2);
  expect(await sent()).toBe(before + 1);
  expect(await states()).toBe(statesBefore + 2);

  // A repeated report of the state already shown sends nothing.
  await stack.inject('camera.status', { cameraId: fixed.id, online: false, at: new Date().toISOString() });
  await stack.inject('alert', scenarioAlert(43, { id: '110-E2E-INCREMENTAL-2' }));
  await expect(page.locator('[data-testid=alert-item][data-alert-id="110-E2E-INCREMENTAL-2"]')).toBeVisible();
  await expect.poll(async () => (await mapDebug(page))?.counts['alerts']).toBe(3);
  expect(await sent()).toBe(before + 1);
  expect(await states()).toBe(statesBefore + 2);
});
