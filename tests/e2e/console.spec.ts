import Database from 'better-sqlite3';
import path from 'node:path';
import { io } from 'socket.io-client';
import { expect, mapDebug, openConsole, test, writeScenario } from './fixtures';
import { API_TOKEN, scenarioAlert } from './stack';

test.describe('console end to end (browser host, real gateway, real SQLite)', () => {
  test('an alert from the gateway appears in the queue and on the map; selecting it shows cameras and units', async ({
    stack,
    consolePage: page,
  }) => {
    await openConsole(stack, page, [1, 2], 600);
    await expect(page.getByTestId('alert-item')).toHaveCount(2);

    await stack.inject(
      'alert',
      scenarioAlert(99, {
        id: '110-E2E-ROBBERY',
        category: 'robbery',
        priority: 1,
        description: '持刀抢劫',
        location: { lng: 112.851, lat: 35.4995, crs: 'GCJ02' },
      }),
    );
    const item = page.locator('[data-testid=alert-item][data-alert-id="110-E2E-ROBBERY"]');
    await expect(item).toBeVisible();
    // Priority 1 goes to the top of the queue.
    await expect(page.getByTestId('alert-item').first()).toHaveAttribute('data-alert-id', '110-E2E-ROBBERY');
    await expect.poll(async () => (await mapDebug(page))?.counts.alerts).toBe(3);
    await expect.poll(async () => (await mapDebug(page))?.rendered?.alerts ?? 0).toBeGreaterThan(0);

    await item.click();
    const detail = page.getByTestId('alert-detail');
    await expect(detail).toHaveAttribute('data-alert-id', '110-E2E-ROBBERY');
    await expect(detail).toContainText('持刀抢劫');
    await expect(detail).toContainText('GCJ02'); // original coordinates kept beside the WGS84 position
    await expect(page.getByTestId('alert-caller')).toContainText('138****0099');
    await expect(page.getByTestId('camera-list').getByTestId('camera-item').first()).toBeVisible();
    await expect(page.getByTestId('unit-list').getByTestId('unit-item').first()).toBeVisible();
    await expect.poll(async () => (await mapDebug(page))?.selectedAlertId).toBe('110-E2E-ROBBERY');
  });

  test('keyboard triage moves through the queue in priority order', async ({ stack, consolePage: page }) => {
    await openConsole(stack, page, [1, 1, 1], 600);
    await expect(page.getByTestId('alert-item')).toHaveCount(3);
    const ids = await page
      .getByTestId('alert-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id')));
    await page.keyboard.press('j');
    await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-alert-id', ids[0]!);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('alert-detail')).toHaveAttribute('data-alert-id', ids[1]!);
    await page.keyboard.press('k');
    await expect(page.locator('[data-testid=alert-item][aria-selected="true"]')).toHaveAttribute(
      'data-alert-id',
      ids[0]!,
    );
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-testid=alert-item][aria-selected="true"]')).toHaveCount(0);

    // ? lists every key of the shortcut registry (in Chinese by default); Esc closes it first.
    await page.keyboard.press('j');
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcut-help');
    await expect(help).toBeVisible();
    await expect(help.getByRole('heading', { name: '键盘快捷键' })).toBeVisible();
    for (const id of ['queue.next', 'queue.clear', 'dispatch.assignRanked', 'cordon.toggle', 'stats.toggle'])
      await expect(help.locator(`[data-testid=shortcut-help-item][data-command-id="${id}"]`)).toBeVisible();
    await expect(help.locator('[data-command-id="queue.next"]')).toContainText('选择下一起警情');
    await page.keyboard.press('k'); // modal: the queue keeps its selection
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
    await expect(page.locator('[data-testid=alert-item][aria-selected="true"]')).toHaveAttribute(
      'data-alert-id',
      ids[0]!,
    );
  });

  test('a reload shows exactly what the console had', async ({ stack, consolePage: page }) => {
    await openConsole(stack, page, [1, 2, 3, 4], 600);
    await expect(page.getByTestId('alert-item')).toHaveCount(4);
    const before = await page
      .getByTestId('alert-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id')));
    await page.reload();
    await expect(page.getByTestId('alert-item')).toHaveCount(4);
    const after = await page
      .getByTestId('alert-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id')));
    expect(after).toEqual(before);
  });

  test('killing and restarting the gateway mid-scenario loses and doubles nothing', async ({
    stack,
    consolePage: page,
  }) => {
    test.setTimeout(100_000);
    const times = Array.from({ length: 24 }, (_, i) => 1 + i); // one alert a second for 24 s
    await openConsole(stack, page, times, 40);
    await expect.poll(() => page.getByTestId('alert-item').count()).toBeGreaterThanOrEqual(6);
    await stack.gateway!.stop('SIGKILL');
    await expect(page.getByTestId('feed-state')).not.toHaveAttribute('data-state', 'connected');
    await page.waitForTimeout(4000); // alerts fall due while the gateway is down
    await stack.startGateway(path.join(stack.dir, 'scenario.json'));
    await expect(page.getByTestId('feed-state')).toHaveAttribute('data-state', 'connected');
    // The queue mounts only the rows in view: its count says how many it holds, each alert once.
    await expect(page.getByTestId('queue-count')).toHaveAttribute('data-count', '24', { timeout: 40_000 });
    await expect(page.getByTestId('alert-item').first()).toHaveAttribute('aria-setsize', '24');

    const db = new Database(path.join(stack.dataDir, 'console.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM alerts').get()).toEqual({ n: 24 });
      expect(db.prepare('SELECT COUNT(DISTINCT id) AS n FROM alerts').get()).toEqual({ n: 24 });
    } finally {
      db.close();
    }
  });

  test('a malformed alert lands in quarantine and the feed goes on', async ({ stack, consolePage: page }) => {
    await openConsole(stack, page, [1], 600);
    await expect(page.getByTestId('alert-item')).toHaveCount(1);
    await stack.inject('alert', { id: 'broken', priority: 'very', location: 'somewhere' });
    await expect(page.getByTestId('quarantine-count')).toHaveAttribute('data-count', '1');
    await stack.inject('alert', scenarioAlert(50));
    await expect(page.getByTestId('alert-item')).toHaveCount(2);

    const db = new Database(path.join(stack.dataDir, 'console.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const row = db.prepare('SELECT reason, raw FROM quarantine').get() as { reason: string; raw: string };
      expect(row.reason).toMatch(/invalid alert/);
      expect(JSON.parse(row.raw).payload.id).toBe('broken');
    } finally {
      db.close();
    }
  });

  test('Simplified Chinese by default, English on request, remembered across reloads', async ({
    stack,
    consolePage: page,
  }) => {
    await openConsole(stack, page, [1], 600);
    await expect(page.getByTestId('alert-queue')).toContainText('警情队列');
    await page.getByTestId('locale-toggle').click();
    await expect(page.getByTestId('alert-queue')).toContainText('Alert queue');
    await page.reload();
    await expect(page.getByTestId('alert-queue')).toContainText('Alert queue');
  });

  test('the host API refuses a client without its token', async ({ stack }) => {
    await stack.startGateway(writeScenario(stack.dir, [1], 600));
    await stack.startHost();
    const origin = new URL(stack.hostUrl).origin;
    const attempt = (token: string) =>
      new Promise<string>((resolve) => {
        const socket = io(origin, {
          path: '/api',
          auth: { token },
          transports: ['websocket'],
          reconnection: false,
        });
        socket.on('connect', () => (socket.close(), resolve('connected')));
        socket.on('connect_error', (err) => (socket.close(), resolve(err.message)));
      });
    expect(await attempt('wrong')).toBe('unauthorized');
    expect(await attempt(API_TOKEN)).toBe('connected');
  });
});
