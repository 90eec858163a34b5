/**
 * The map frame bench's measuring in the page (bench/mapFrames.ts): requestAnimationFrame
 * intervals and the page's main thread over a window, the figures of pooled windows, and the
 * wait for a quiet map.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Frames over 50 ms. */
  slow: number;
  /**
   * The page's main thread: tasks over 50 ms (PerformanceObserver 'longtask') in the phase, their
   * share of the phase and the longest. With GPU compositing a long rAF interval can be the GPU
   * process's software raster, not the main thread: this says whether the page itself was busy.
   */
  mainThread: { longTasks: number; busyShare: number; maxMs: number };
  /**
   * The page's main thread over the phase from Chrome's own accounting (CDP Performance.getMetrics
   * TaskDuration: every task, not only those over 50 ms): busy share, and ms per frame drawn.
   */
  pageBusy: { share: number; msPerFrame: number };
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

export type DebugWindow = {
  __mapDebug?: () => {
    ready: boolean;
    loaded: boolean;
    pendingCameras?: { states: number; clusters: number };
    rendered: Record<string, number>;
    sent: Record<string, number>;
    milestones?: Record<string, number>;
  };
};

const taskSeconds = async (cdp: CDPSession): Promise<number> =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;

/** One measuring window's raw figures (pooled by `stats`). */
export interface FrameWindow {
  deltas: number[];
  long: number[];
  busyMs: number;
  wallMs: number;
}

/** rAF deltas over `seconds`, measured in the page. */
export async function frameWindow(page: Page, cdp: CDPSession, seconds: number): Promise<FrameWindow> {
  const busyBefore = await taskSeconds(cdp);
  const wallBefore = Date.now();
  // A string, not a function: tsx's transform would wrap named inner functions in a helper
  // (__name) the page does not have.
  const { deltas, long } = (await page.evaluate(`new Promise((resolve) => {
    const out = [];
    const long = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
    observer.observe({ type: 'longtask' });
    let last = 0;
    let end = 0;
    const tick = (now) => {
      out.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else {
        observer.disconnect();
        resolve({ deltas: out, long });
      }
    };
    requestAnimationFrame((now) => {
      last = now;
      end = now + ${seconds * 1000};
      requestAnimationFrame(tick);
    });
  })`)) as { deltas: number[]; long: number[] };
  const busyMs = ((await taskSeconds(cdp)) - busyBefore) * 1000;
  return { deltas, long, busyMs, wallMs: Date.now() - wallBefore };
}

/** The figures of one or more windows, their frames pooled. */
export function stats(windows: readonly FrameWindow[]): FrameStats {
  const deltas = windows.flatMap((w) => w.deltas);
  const long = windows.flatMap((w) => w.long);
  const busyMs = windows.reduce((n, w) => n + w.busyMs, 0);
  const wallMs = windows.reduce((n, w) => n + w.wallMs, 0);
  return {
    pageBusy: { share: busyMs / wallMs, msPerFrame: busyMs / Math.max(1, deltas.length) },
    frames: deltas.length,
    p50: pct(deltas, 0.5),
    p95: pct(deltas, 0.95),
    max: Math.max(...deltas),
    slow: deltas.filter((d) => d > 50).length,
    mainThread: {
      longTasks: long.length,
      busyShare: long.reduce((a, b) => a + b, 0) / wallMs,
      maxMs: Math.max(0, ...long),
    },
  };
}

export const frames = async (page: Page, cdp: CDPSession, seconds: number): Promise<FrameStats> =>
  stats([await frameWindow(page, cdp, seconds)]);

/**
 * Waits until the map is quiet: every tile loaded (the debug state's `loaded`, which includes the
 * deferred road network) and no camera change waiting for the map (`pendingCameras`, absent in
 * builds before it). Returns the ms waited; gives up after `timeoutMs` with a note.
 */
export async function settle(page: Page, timeoutMs: number, log: (line: string) => void): Promise<number> {
  const t = Date.now();
  await page
    .waitForFunction(
      () => {
        const d = (window as unknown as DebugWindow).__mapDebug?.();
        const pending = d?.pendingCameras;
        return d?.loaded === true && (pending === undefined || pending.states + pending.clusters === 0);
      },
      null,
      { timeout: timeoutMs, polling: 250 },
    )
    .catch(() => log(`  (the map did not settle within ${timeoutMs / 1000} s; measured anyway)`));
  return Date.now() - t;
}
