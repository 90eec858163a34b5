/**
 * MAP_FRAMES_LOAD_ONLY=1 (bench/mapFrames.ts): after the usable map, what the load still does:
 * the page's long tasks until the roads are in (their hand-over's main-thread cost), when the
 * roads are first drawn, the deferred sources' milestones, and the host's log lines meanwhile.
 * Many short runs of the load alone compare builds on a shared machine.
 */
import type { Page } from '@playwright/test';
import type { DebugWindow } from './mapFrameWindows';

export async function afterLoadOnly(
  page: Page,
  loadSteps: Record<string, number>,
  hostLines: string[],
  log: (line: string) => void,
): Promise<void> {
  // The page's long tasks from here until the roads are in (their hand-over's main-thread cost).
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks?: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks!.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  await page
    .waitForFunction(
      () => (window as unknown as DebugWindow).__mapDebug?.().milestones?.['roadsFilled'],
      null,
      {
        timeout: 120_000,
        polling: 250,
      },
    )
    .catch(() => log('  the roads were not filled within 120 s'));
  // When roads are first drawn (comparable across builds: `roadsFilled` was the hand-over's call
  // with city.roads, the worker's load done with the URL).
  const roadsDrawn = await page
    .waitForFunction(
      () => ((window as unknown as DebugWindow).__mapDebug?.().rendered['roads'] ?? 0) > 0,
      null,
      {
        timeout: 120_000,
        polling: 250,
      },
    )
    .then(() => page.evaluate(() => performance.now()))
    .catch(() => NaN);
  log(`  roads drawn ${Math.round(roadsDrawn)}`);
  const later = await page.evaluate(() => (window as unknown as DebugWindow).__mapDebug?.().milestones);
  const tasks = await page.evaluate(
    () => (window as unknown as { __longTasks?: number[] }).__longTasks ?? [],
  );
  log(
    `  page long tasks from usable to roads filled: ${tasks.length}, ${Math.round(tasks.reduce((a, b) => a + b, 0))} ms in all, longest ${Math.round(Math.max(0, ...tasks))} ms`,
  );
  log(
    `  after usable: ${Object.entries(later ?? {})
      .filter(([k]) => !(k in loadSteps))
      .map(([k, v]) => `${k} ${Math.round(v)}`)
      .join(', ')}`,
  );
  for (const line of hostLines.splice(0)) log(`  host ${line}`);
}
