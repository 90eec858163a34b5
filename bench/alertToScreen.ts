import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { Stack } from '../tests/e2e/stack';

/**
 * Injects alerts into a real gateway process at a steady rate and records, in the page, when
 * each alert's row appears in the queue. Same machine, same clock: latency = DOM time − send time.
 */
export async function measureAlertToScreen(options: { root: string; rate: number; seconds: number }) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path.join(options.root, 'dist', 'host', 'main.mjs')) || !existsSync(chromiumPath)) return null;
  const stack = new Stack();
  const scenarioDir = mkdtempSync(path.join(os.tmpdir(), 'a2s-'));
  const scenario = path.join(scenarioDir, 'empty.json');
  writeFileSync(scenario, JSON.stringify({ format: 'dispatch-scenario', version: 1, id: 'a2s', name: { zh: '延迟', en: 'latency' }, description: '', cityPack: 'yunling-demo', durationSec: 3600, events: [] }));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'],
  });
  try {
    await stack.startGateway(scenario, 1);
    await stack.startHost();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(stack.hostUrl);
    await page.getByTestId('status-bar').waitFor();
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-testid=alert-item]')) {
          const id = el.getAttribute('data-alert-id')!;
          if (!(id in seen)) seen[id] = Date.now();
        }
      }).observe(document.body, { subtree: true, childList: true });
    });
    const sent: Record<string, number> = {};
    const total = options.rate * options.seconds;
    for (let i = 0; i < total; i++) {
      const id = `a2s-${i}`;
      sent[id] = Date.now();
      await stack.inject('alert', {
        id, source: '110', category: 'theft', priority: 3, reportedAt: new Date().toISOString(),
        location: { lng: 112.85 + (i % 10) * 0.002, lat: 35.5, crs: 'WGS84' }, address: '基准测试', caller: { phone: '13800000000' }, description: 'latency probe',
      });
      await new Promise((r) => setTimeout(r, 1000 / options.rate));
    }
    await page.waitForTimeout(2000);
    const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
    const latencies = Object.keys(sent).filter((id) => id in seen).map((id) => seen[id]! - sent[id]!).sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
    return { n: latencies.length, p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), max: latencies.at(-1) ?? NaN };
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(scenarioDir, { recursive: true, force: true });
  }
}
