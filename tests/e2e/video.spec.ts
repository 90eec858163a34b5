import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { Camera } from '../../shared/domain/camera';
import { camerasInArea, rankCamerasForPoint, type AreaSelection } from '../../shared/domain/cameraSelection';
import { expect, mapDebug, openConsoleOn, signIn, test } from './fixtures';
import { ROOT } from './processes';
import { scenarioAlert } from './stack';

/**
 * Video linkage: the wall beside the map fills with the cameras that see the selected alert
 * (ranked by shared/domain/cameraSelection.ts) and plays their live HLS from the gateway.
 */
const cameras = JSON.parse(
  readFileSync(path.join(ROOT, 'resources', 'city', 'demo', 'cameras.json'), 'utf8'),
) as Camera[];
// 50 m south-west of 泽州路与建设路交叉口西南角 (gun 14990102041325000160, looking 192°): in its view.
const ALERT_AT = { lng: 112.85044, lat: 35.5004 };
// One alert per test at the same place: the tests share a gateway, whose feed keeps earlier tests' alerts.
const ALERT_ID = '110-E2E-VIDEO';
const AREA_ID = '110-E2E-VIDEO-AREA';
const OFFLINE_ID = '110-E2E-VIDEO-OFFLINE';
const POPOUT_ID = '110-E2E-VIDEO-POPOUT';
const POPOUT_AREA_ID = '110-E2E-VIDEO-POPOUT-AREA';
// The tests that draw on the map have their alert about 110 m away from the others: a click at the
// map's centre then lands on their own alert's marker, not on an earlier test's alert at the same spot.
const AREA_AT = { lng: 112.85044, lat: 35.4994 };
const POPOUT_AREA_AT = { lng: 112.85164, lat: 35.5004 };
const expectedIds = (n: number, at = ALERT_AT) =>
  rankCamerasForPoint(cameras, at, { limit: n }).map((r) => r.camera.id);

const tileIds = (page: Page) =>
  page.getByTestId('video-tile').evaluateAll((els) => els.map((e) => e.getAttribute('data-camera-id')));
const videoTime = (page: Page, cameraId: string) =>
  page
    .locator(`[data-testid=video-tile][data-camera-id="${cameraId}"] video`)
    .evaluate((v) => (v as HTMLVideoElement).currentTime);

/**
 * Opens the wall's pop-out from the main window; the pop-out's console errors are collected, and
 * `close` fails the test if there were any.
 */
async function openPopout(
  page: Page,
  context: BrowserContext,
): Promise<{ popup: Page; close: () => Promise<void> }> {
  const errors: string[] = [];
  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByTestId('video-popout').click()]);
  popup.on('console', (msg) => {
    // The URL too: a resource-load line names only the status.
    if (msg.type() === 'error') errors.push(`popup console.error: ${msg.text()} (${msg.location().url})`);
  });
  popup.on('pageerror', (err) => errors.push(`popup page error: ${err.message}`));
  return {
    popup,
    close: async () => {
      await popup.close();
      expect(errors, 'the pop-out wall logged errors').toEqual([]);
    },
  };
}

/** The console on the worker's shared gateway, with alert `id` (scenario alert `n`) at `at` selected. */
async function openWithAlert(
  sharedGateway: Parameters<typeof openConsoleOn>[0],
  stack: Parameters<typeof openConsoleOn>[1],
  page: Page,
  n: number,
  id: string,
  at: { lng: number; lat: number },
): Promise<void> {
  await openConsoleOn(sharedGateway, stack, page);
  await stack.inject('alert', scenarioAlert(n, { id, location: { ...at, crs: 'WGS84' } }));
  await page.locator(`[data-testid=alert-item][data-alert-id="${id}"]`).click();
}

test.describe('video linkage', () => {
  test('the wall shows the covering cameras of the selected alert and plays them, in every layout', async ({
    sharedGateway,
    stack,
    consolePage: page,
  }) => {
    test.setTimeout(100_000); // four to nine live players: 20-40 s at load 10, at most 58 s with 2 workers at load 16
    await openWithAlert(sharedGateway, stack, page, 90, ALERT_ID, ALERT_AT);
    // The panel starts folded on a fresh seat.
    await expect(page.getByTestId('video-wall')).toHaveCount(0);
    await page.getByTestId('video-collapse').click();

    const wall = page.getByTestId('video-wall');
    await expect(wall).toBeVisible();
    await expect(wall).toHaveAttribute('data-layout', '4');
    const four = expectedIds(4);
    expect(four[0]).toBe('14990102041325000160'); // covering, nearest
    await expect.poll(() => tileIds(page)).toEqual(four);

    // View cones: on the map from the selection zoom, and as a glyph beside each listed camera.
    await expect.poll(async () => (await mapDebug(page))?.rendered?.['cameraCones'] ?? 0).toBeGreaterThan(0);
    const cone = page.locator(
      `[data-testid=camera-item][data-camera-id="${four[0]}"] [data-testid=camera-cone]`,
    );
    await expect(cone).toHaveAttribute('data-heading', '192');
    await expect(cone).toHaveAttribute('data-covers', 'true');

    // Live video: the first tile plays and its clock advances.
    const first = four[0]!;
    const tile = page.locator(`[data-testid=video-tile][data-camera-id="${first}"]`);
    await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 20_000 });
    const t0 = await videoTime(page, first);
    await expect.poll(() => videoTime(page, first)).toBeGreaterThan(t0 + 1);
    for (const id of four)
      await expect(page.locator(`[data-testid=video-tile][data-camera-id="${id}"]`)).toHaveAttribute(
        'data-state',
        'playing',
        { timeout: 20_000 },
      );
    // The PTZ dome's pack lists HTTP-FLV first (mpegts.js plays it); the gun camera prefers HLS (hls.js).
    const flvDome = four.find((id) => cameras.find((c) => c.id === id)!.streams[0]?.protocol === 'flv')!;
    expect(flvDome, 'an HTTP-FLV camera among the four in view').toMatch(/^\d{20}$/);
    await expect(page.locator(`[data-testid=video-tile][data-camera-id="${flvDome}"]`)).toHaveAttribute(
      'data-protocol',
      'flv',
    );
    await expect(tile).toHaveAttribute('data-protocol', 'hls');
    const f0 = await videoTime(page, flvDome);
    await expect.poll(() => videoTime(page, flvDome)).toBeGreaterThan(f0 + 0.5);

    // Layouts and maximise.
    await page.getByTestId('video-layout-1').click();
    await expect.poll(() => tileIds(page)).toEqual(expectedIds(1));
    await page.getByTestId('video-layout-4').click();
    await expect.poll(() => tileIds(page)).toEqual(four);
    await tile.dblclick();
    await expect(wall).toHaveAttribute('data-maximised', first);
    await tile.getByTestId('video-maximise').click();
    await expect(wall).toHaveAttribute('data-maximised', '');
  });

  test("a drawn area fills the wall, and clearing it brings the alert's cameras back", async ({
    sharedGateway,
    stack,
    consolePage: page,
  }) => {
    test.setTimeout(100_000); // four live players: 40-55 s at load 10-12
    await openWithAlert(sharedGateway, stack, page, 92, AREA_ID, AREA_AT);
    await page.getByTestId('video-collapse').click();
    const wall = page.getByTestId('video-wall');
    await expect(wall).toBeVisible();
    const four = expectedIds(4, AREA_AT);
    await expect.poll(() => tileIds(page)).toEqual(four);

    // Officers add cameras by drawing on the map: a circle, then a polygon, fill the wall with
    // the cameras inside; clearing the area brings the alert's cameras back.
    const box = (await page.getByTestId('map').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const drawnIds = async () => {
      const area = (await mapDebug(page))?.drawnArea as AreaSelection | null | undefined;
      return area ? camerasInArea(cameras, area, { limit: 4 }).map((r) => r.camera.id) : null;
    };
    // The drawn area becomes the shared wall source: a seat control, for a signed-in operator only.
    await expect(page.getByTestId('video-draw-circle')).toBeDisabled();
    await signIn(page);
    await page.getByTestId('video-draw-circle').click();
    await page.mouse.click(cx, cy);
    await page.mouse.click(cx + 90, cy);
    await expect(wall).toHaveAttribute('data-source', 'area');
    const inCircle = await drawnIds();
    expect(inCircle?.length).toBeGreaterThan(0);
    await expect.poll(() => tileIds(page)).toEqual(inCircle);
    await page.getByTestId('video-draw-polygon').click();
    for (const [dx, dy] of [
      [-120, -80],
      [120, -80],
      [0, 100],
      [-120, -80],
    ] as const)
      await page.mouse.click(cx + dx, cy + dy);
    await expect
      .poll(async () => ((await mapDebug(page))?.drawnArea as AreaSelection | null)?.['polygon' as never])
      .toBeTruthy();
    const inPolygon = await drawnIds();
    expect(inPolygon?.length).toBeGreaterThan(0);
    await expect.poll(() => tileIds(page)).toEqual(inPolygon);
    await page.getByTestId('video-area-clear').click();
    await expect(wall).toHaveAttribute('data-source', 'alert');
    await expect.poll(() => tileIds(page)).toEqual(four);
  });

  // Apart from the drawing above: together they took 100 s at load 10-12 with two workers.
  test('a camera going offline leaves the wall, and the open wall is remembered across a reload', async ({
    sharedGateway,
    stack,
    consolePage: page,
  }) => {
    test.setTimeout(100_000); // four live players: 20-30 s at load 10
    await openWithAlert(sharedGateway, stack, page, 94, OFFLINE_ID, ALERT_AT);
    await page.getByTestId('video-collapse').click();
    await expect(page.getByTestId('video-wall')).toBeVisible();
    const four = expectedIds(4);
    await expect.poll(() => tileIds(page)).toEqual(four);

    // A camera in view goes offline: its tile says so and drops its player.
    const dome = four.find((id) => cameras.find((c) => c.id === id)!.kind === 'dome')!;
    expect(dome, 'a dome camera among the four in view').toMatch(/^\d{20}$/);
    await expect(page.locator(`[data-testid=video-tile][data-camera-id="${dome}"]`)).toHaveAttribute(
      'data-state',
      'playing',
      { timeout: 20_000 },
    );
    await stack.inject('camera.status', { cameraId: dome, online: false, at: new Date().toISOString() });
    await expect(page.locator(`[data-testid=video-tile][data-camera-id="${dome}"]`)).toHaveAttribute(
      'data-state',
      'offline',
    );
    await expect(page.locator(`[data-testid=video-tile][data-camera-id="${dome}"] video`)).toHaveCount(0);

    await page.reload();
    await page.locator(`[data-testid=alert-item][data-alert-id="${OFFLINE_ID}"]`).click();
    await expect(page.getByTestId('video-wall')).toBeVisible();
  });

  test('the wall pops out in the browser host and follows the main window', async ({
    sharedGateway,
    stack,
    consolePage: page,
    context,
  }) => {
    test.setTimeout(100_000); // four to nine live players: 20-40 s at load 10, at most 58 s with 2 workers at load 16
    await openWithAlert(sharedGateway, stack, page, 91, POPOUT_ID, ALERT_AT);
    const four = expectedIds(4);
    const first = four[0]!;
    // The main window's wall stays folded (no players there); the pop-out works on its own.
    await expect(page.getByTestId('video-wall')).toHaveCount(0);

    // Pop-out: a wall page that follows the main window's selection.
    const { popup, close } = await openPopout(page, context);
    await expect(popup.getByTestId('video-wall')).toBeVisible();
    await expect(popup.getByTestId('wall-alert')).toHaveAttribute('data-alert-id', POPOUT_ID);
    const nine = expectedIds(9);
    await expect.poll(() => tileIds(popup)).toEqual(nine);
    expect(nine.slice(0, 4)).toEqual(four);
    await expect(popup.locator(`[data-testid=video-tile][data-camera-id="${first}"]`)).toHaveAttribute(
      'data-state',
      'playing',
      { timeout: 20_000 },
    );
    // Every demo camera plays: those the pack lists no stream for get the gateway's synthetic one.
    for (const id of nine.filter((id) => cameras.find((c) => c.id === id)!.streams.length === 0)) {
      const synthetic = popup.locator(`[data-testid=video-tile][data-camera-id="${id}"]`);
      await expect(synthetic).not.toHaveAttribute('data-state', 'no-stream');
      await expect(synthetic.locator('video')).toHaveCount(1);
    }

    // Clearing the selection in the main window clears the pop-out too.
    await page.keyboard.press('Escape');
    await expect(popup.getByTestId('wall-alert')).toHaveAttribute('data-alert-id', '');
    await close();
  });

  test('the pop-out shows offline cameras and the area drawn in the main window', async ({
    sharedGateway,
    stack,
    consolePage: page,
    context,
  }) => {
    test.setTimeout(100_000); // four to nine live players: 20-40 s at load 10, at most 58 s with 2 workers at load 16
    await openWithAlert(sharedGateway, stack, page, 93, POPOUT_AREA_ID, POPOUT_AREA_AT);
    // Signed in before nine players start (drawing the area is a seat control): cheaper then.
    await signIn(page);
    const four = expectedIds(4, POPOUT_AREA_AT);
    const { popup, close } = await openPopout(page, context);
    await expect(popup.getByTestId('wall-alert')).toHaveAttribute('data-alert-id', POPOUT_AREA_ID);
    // Four players, not nine (the test above plays nine): with the main window's wall open too, 13
    // players took 1.6 of this test's 1.7 minutes at load 12.
    await popup.getByTestId('video-layout-4').click();
    await expect.poll(() => tileIds(popup)).toEqual(four);

    // A camera in view goes offline: the pop-out shows it.
    const dome = four.find((id) => cameras.find((c) => c.id === id)!.kind === 'dome')!;
    expect(dome, 'a dome camera among the four in view').toMatch(/^\d{20}$/);
    // Playing first, as in the test above: a stream request still on its way when the camera goes
    // offline is answered 410 (no new sessions for an offline camera), which the pop-out logs.
    await expect(popup.locator(`[data-testid=video-tile][data-camera-id="${dome}"]`)).toHaveAttribute(
      'data-state',
      'playing',
      { timeout: 20_000 },
    );
    await stack.inject('camera.status', { cameraId: dome, online: false, at: new Date().toISOString() });
    await expect(popup.locator(`[data-testid=video-tile][data-camera-id="${dome}"]`)).toHaveAttribute(
      'data-state',
      'offline',
    );

    // A circle drawn in the main window puts the same cameras on the pop-out wall. The main
    // window's own wall shows one player: its drawing tools are what this needs.
    await page.getByTestId('video-collapse').click();
    await expect(page.getByTestId('video-wall')).toBeVisible();
    await page.getByTestId('video-layout-1').click();
    const box = (await page.getByTestId('map').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.getByTestId('video-draw-circle').click();
    await page.mouse.click(cx, cy);
    await page.mouse.click(cx + 90, cy);
    await expect(popup.getByTestId('video-wall')).toHaveAttribute('data-source', 'area');
    const area = (await mapDebug(page))?.drawnArea as AreaSelection;
    // Ranked as the console ranks them: the dome that went offline above comes after the online ones.
    const isOnline = (c: Camera) => c.id !== dome && c.online;
    await expect
      .poll(() => tileIds(popup))
      .toEqual(camerasInArea(cameras, area, { limit: 4, isOnline }).map((r) => r.camera.id));
    await page.getByTestId('video-area-clear').click();
    await expect(popup.getByTestId('video-wall')).toHaveAttribute('data-source', 'alert');
    await expect.poll(() => tileIds(popup)).toEqual(four);

    await close();
  });
});
