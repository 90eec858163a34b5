import { _electron as electron } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from './fixtures';
import { ROOT } from './processes';
import { GATEWAY_TOKEN, writeScenario } from './stack';

function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown as string;
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('Electron host', () => {
  test.skip(
    !binary,
    "Electron's binary is not installed here (its download needs GitHub; see README: npm run electron:install)",
  );

  test('opens the console window with a sandboxed preload, no Node in the page and no web permissions', async ({
    stack,
  }) => {
    await stack.startGateway(writeScenario(stack.dir, [1, 2], 600));
    const app = await electron.launch({
      executablePath: binary!,
      args: [ROOT, '--gateway', stack.gatewayUrl, '--token', GATEWAY_TOKEN, '--data-dir', stack.dataDir],
    });
    try {
      const page = await app.firstWindow();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      });
      await expect(page.getByTestId('alert-item')).toHaveCount(2);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(
        await page.evaluate(() =>
          Object.keys((window as unknown as { dispatchConsole: object }).dispatchConsole),
        ),
      ).toEqual(['requests', 'subscribe']);
      expect(await page.evaluate(() => window.open('https://example.org'))).toBeNull();
      // The permission check handler answers too, not only the request handler (prompts).
      expect(
        await page.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state),
      ).toBe('denied');
      expect(errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
