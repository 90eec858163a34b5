import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Camera } from '../../shared/domain/camera';
import { rankCamerasForPoint } from '../../shared/domain/cameraSelection';
import { expect, openConsole, openConsoleOn, signIn, test } from './fixtures';
import { ROOT } from './processes';
import { scenarioAlert } from './stack';

/**
 * Video for real: every demo camera plays (synthetic picture from the gateway), a camera on an
 * external media server (a second process, another origin) plays through the CSP, and tiles
 * never leave decoders behind.
 */
const cameras = JSON.parse(
  readFileSync(path.join(ROOT, 'resources', 'city', 'demo', 'cameras.json'), 'utf8'),
) as Camera[];
const ALERT_AT = { lng: 112.85044, lat: 35.5004 };

const videoTime = (tile: Locator) =>
  tile.locator('video').evaluate((v) => (v as HTMLVideoElement).currentTime);
const livePlayers = (page: Page) => page.evaluate(() => window.__videoDebug?.().players ?? -1);

/** A tile whose picture moves: its video time advances by more than half a second. */
async function expectAdvancing(tile: Locator): Promise<void> {
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
  const t0 = await videoTime(tile);
  await expect.poll(() => videoTime(tile), { timeout: 15_000 }).toBeGreaterThan(t0 + 0.5);
}

test.describe('video playback', () => {
  test("on a fresh start the first urgent alert's wall plays", async ({ stack, consolePage: page }) => {
    test.setTimeout(100_000); // its own gateway, playing the demo scenario from the start
    // The demo scenario as `npm start` runs it (faster), on a fresh data folder.
    await stack.startGateway(path.join(ROOT, 'resources', 'drills', 'demo-evening.json'), 10);
    await stack.startHost();
    await page.goto(stack.hostUrl);
    const urgent = page.locator('[data-testid=alert-item][data-priority="1"]').first();
    await expect(urgent).toBeVisible({ timeout: 60_000 });
    // Urgent alerts head the queue: the first item is the first urgent alert.
    await expect(page.getByTestId('alert-item').first()).toHaveAttribute('data-priority', '1');
    await page.getByTestId('alert-item').first().click();
    await page.getByTestId('video-collapse').click();
    const tiles = page.getByTestId('video-tile');
    // Up to four: the cameras within reach of the alert.
    await expect.poll(() => tiles.count()).toBeGreaterThan(0);
    const count = await tiles.count();
    // None of these cameras has a stream of its own in the pack: the gateway's synthetic one plays.
    const ids = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-camera-id')!));
    expect(ids.some((id) => cameras.find((c) => c.id === id)!.streams.length === 0)).toBe(true);
    await expect(tiles.locator('video')).toHaveCount(count);
    await expect
      .poll(
        async () =>
          (await tiles.evaluateAll(
            (els) => els.filter((e) => e.getAttribute('data-state') === 'playing').length,
          )) > 0,
        { timeout: 30_000 },
      )
      .toBe(true);
    await expectAdvancing(page.locator('[data-testid=video-tile][data-state=playing]').first());
  });

  test('a camera on an external media server plays through the content security policy', async ({
    sharedGateway,
    stack,
    consolePage: page,
  }) => {
    const mediaUrl = await sharedGateway.startMediaServer();
    // A live FLV response never ends, so it never shows in resource timing: watch the requests instead.
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    // A camera without a stream of its own, served by "ZLMediaKit" at another origin; the alert stands at it.
    const external = cameras.find((c) => c.streams.length === 0 && c.online && c.kind === 'gun')!;
    const at = { lng: external.lng, lat: external.lat };
    expect(rankCamerasForPoint(cameras, at, { limit: 4 }).map((r) => r.camera.id)).toContain(external.id);
    const settings = path.join(stack.dir, 'media.json');
    writeFileSync(
      settings,
      JSON.stringify({
        servers: [
          { id: 'county-zlm', platform: 'zlmediakit', origin: mediaUrl, cameras: { ids: [external.id] } },
        ],
      }),
    );
    await openConsoleOn(sharedGateway, stack, page, ['--media', settings]);
    await stack.inject(
      'alert',
      scenarioAlert(80, { id: '110-E2E-EXTERNAL', location: { ...at, crs: 'WGS84' } }),
    );
    await page.locator('[data-testid=alert-item][data-alert-id="110-E2E-EXTERNAL"]').click();
    await page.getByTestId('video-collapse').click();
    const tile = page.locator(`[data-testid=video-tile][data-camera-id="${external.id}"]`);
    // ZLMediaKit offers HTTP-FLV first (`/rtp/<gbId>.live.flv`).
    await expect(tile).toHaveAttribute('data-protocol', 'flv');
    await expectAdvancing(tile);
    expect(requested).toContain(`${mediaUrl}/rtp/${external.id}.live.flv`);
  });

  test('look back starts at the chosen time before the report, and returns to live in one action', async ({
    sharedGateway,
    stack,
    consolePage: page,
  }) => {
    await openConsoleOn(sharedGateway, stack, page);
    const reportedAt = Date.now();
    await stack.inject(
      'alert',
      scenarioAlert(81, {
        id: '110-E2E-LOOKBACK',
        reportedAt: new Date(reportedAt).toISOString(),
        location: { ...ALERT_AT, crs: 'WGS84' },
      }),
    );
    await page.locator('[data-testid=alert-item][data-alert-id="110-E2E-LOOKBACK"]').click();
    await page.getByTestId('video-collapse').click();
    const lookback = page.getByTestId('video-lookback');
    await expect(lookback).toHaveAttribute('data-mode', 'live');
    await expect(page.getByTestId('video-lookback-minutes')).toHaveValue('2');
    await page.getByTestId('video-lookback-start').click();
    await expect(lookback).toHaveAttribute('data-from', new Date(reportedAt - 120_000).toISOString());
    // Look-back URLs carry whole seconds.
    const fromSecond = Math.floor((reportedAt - 120_000) / 1000) * 1000;
    const tile = page.getByTestId('video-tile').first();
    await expect(tile).toHaveAttribute('data-mode', 'lookback');
    // The stream's program date time shows the moment on screen: two minutes before the report, moving on.
    await expect(tile).not.toHaveAttribute('data-program-time', '', { timeout: 30_000 });
    const shown = Date.parse((await tile.getAttribute('data-program-time'))!);
    expect(shown).toBeGreaterThanOrEqual(fromSecond);
    expect(shown).toBeLessThan(reportedAt - 60_000);
    await expectAdvancing(tile);
    await page.getByTestId('video-lookback-live').click();
    await expect(lookback).toHaveAttribute('data-mode', 'live');
    await expect(tile).toHaveAttribute('data-mode', 'live');
    await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
  });

  test("a snapshot of a playing tile is kept in the data folder and listed in the alert's detail", async ({
    sharedGateway,
    stack,
    consolePage: page,
  }) => {
    await openConsoleOn(sharedGateway, stack, page);
    await signIn(page);
    await stack.inject(
      'alert',
      scenarioAlert(82, { id: '110-E2E-SNAPSHOT', location: { ...ALERT_AT, crs: 'WGS84' } }),
    );
    await page.locator('[data-testid=alert-item][data-alert-id="110-E2E-SNAPSHOT"]').click();
    await page.getByTestId('video-collapse').click();
    const playing = page.locator('[data-testid=video-tile][data-state=playing]').first();
    await expect(playing).toBeVisible({ timeout: 30_000 });
    const cameraId = (await playing.getAttribute('data-camera-id'))!;
    const tile = page.locator(`[data-testid=video-tile][data-camera-id="${cameraId}"]`);
    await expect(page.getByTestId('video-evidence')).toBeVisible();
    await expect(page.getByTestId('video-evidence-snapshot')).toHaveCount(0);
    const row = page.locator(`[data-testid=video-evidence-snapshot][data-camera-id="${cameraId}"]`).first();
    // On a starved machine a tile may be between pictures (it then says so): take it again while it plays.
    await expect(async () => {
      await expect(tile).toHaveAttribute('data-state', 'playing');
      if ((await row.count()) === 0) await tile.getByTestId('video-snapshot').click();
      await expect(row).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 60_000 });
    await expect(row.getByTestId('video-evidence-thumb')).toBeVisible();
    const file = (await row.getAttribute('data-file'))!;
    expect(file).toMatch(new RegExp(`^snapshots/110-E2E-SNAPSHOT/\\d{8}T\\d{9}Z-${cameraId}\\.jpg$`));
    const full = path.join(stack.dataDir, file);
    expect(existsSync(full)).toBe(true);
    // A real JPEG of the picture, not an empty canvas.
    expect(readFileSync(full).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(statSync(full).size).toBeGreaterThan(1000);
  });

  test.describe('under selection churn', () => {
    // Fifty selections start up to the encoder cap at once: on a busy machine an encoder may miss
    // its start deadline (502) or the cap is reached (429). The tile retries; both are expected here.
    test.use({ expectedResourceErrors: /status of (502|429)/ });
    test('fifty selection changes leave no more live players than tiles', async ({
      stack,
      consolePage: page,
    }) => {
      test.setTimeout(100_000);
      await openConsole(stack, page, [1, 2, 3, 4, 5, 6], 600);
      await expect(page.getByTestId('alert-item')).toHaveCount(6, { timeout: 30_000 });
      await page.getByTestId('alert-item').first().click();
      await page.getByTestId('video-collapse').click();
      await expect(page.getByTestId('video-tile')).toHaveCount(4);
      expect(await livePlayers(page), 'the decoder count hook').toBeGreaterThanOrEqual(0);
      // A held J or K: auto-repeat sends a keydown every 33 ms (30 Hz), so the selection moves
      // fifty times without waiting for each alert's wall (a round trip per press would measure
      // the software-rendered map instead).
      await page.evaluate(async () => {
        for (let i = 0; i < 50; i++) {
          document.body.dispatchEvent(
            new KeyboardEvent('keydown', { key: i % 12 < 6 ? 'j' : 'k', bubbles: true }),
          );
          await new Promise((resolve) => setTimeout(resolve, 33));
        }
      });
      // Six alerts: J six times reaches the last, K six times the first; 4 × 12 keys, then J J.
      await expect(page.getByTestId('alert-item').nth(2)).toHaveAttribute('aria-selected', 'true');
      const tiles = page.getByTestId('video-tile');
      await expect(tiles).toHaveCount(4);
      // Settled on the last selection: every decoder belongs to a tile on screen.
      await expect
        .poll(async () => (await livePlayers(page)) <= (await tiles.locator('video').count()), {
          timeout: 20_000,
        })
        .toBe(true);
      // Folding the wall away ends them all.
      await page.getByTestId('video-collapse').click();
      await expect.poll(() => livePlayers(page)).toBe(0);
    });
  });
});
