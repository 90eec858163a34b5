/**
 * Map frame time and first usable map (issue 16), in Chromium on the real console: a gateway
 * process plays a generated scenario at speed 2, so the pack's units report every 2 scenario
 * seconds (1 Hz) and 25 camera.status events per scenario second arrive as 50 per second; the
 * browser host serves the console on the same pack.
 * - First usable map: page load → map layers installed, cameras drawn, queue shown.
 * - Frame time: requestAnimationFrame deltas in the page, with the gateway's clock paused (the
 *   same map, nothing live arriving: the baseline) and with the feed running. The fair pair (the
 *   map redrawing every frame in both) alternates: MAP_FRAMES_ROUNDS (default 3) rounds of a
 *   paused then a live window of MAP_FRAMES_WINDOW seconds (default 10, the clusters' update
 *   interval), so a change of the machine's load during the run weighs on both alike; the p95 is
 *   over each condition's pooled frames, the per-round ratios show the spread. Each paused window
 *   starts once the map is quiet (every tile loaded, no camera change waiting for the map), and
 *   the measuring starts once the load's deferred sources (cones, roads) are in: before that the
 *   road network's hand-over fell into the first phase. The map left alone (idle vs live) is
 *   measured over MAP_FRAMES_SECONDS (default 15) each. Ratios: live / baseline p95, large / demo
 *   first usable map.
 * Runs on the demo city and, when LARGE_CITY_DIR (or /work/bigcity) holds a pack, on that large
 * city. Needs `node scripts/build.mjs` and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 * `npx tsx bench/mapFrames.ts` or via bench/main.ts.
 * The page-side measuring is in mapFrameWindows.ts, the result's printing in mapFramesReport.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { GATEWAY_TOKEN, Stack } from '../tests/e2e/stack';
import { benchGl, hasChromium, launchBenchChromium } from './chromiumLaunch';
import { frameWindow, frames, settle, stats, type DebugWindow, type FrameWindow } from './mapFrameWindows';
import { afterLoadOnly } from './mapLoadOnly';
import { formatLoadSteps, logMapFramesResult, type MapFramesResult } from './mapFramesReport';

const SPEED = 2;
/**
 * MAP_FRAMES_LOAD_ONLY=1: the load alone, then what it still does until the roads are drawn
 * (mapLoadOnly.ts); =usable: the load alone up to the usable map (the shortest run, for many
 * alternating runs of two builds).
 */
const LOAD_ONLY = process.env['MAP_FRAMES_LOAD_ONLY'];
const loadOnly = LOAD_ONLY === '1' || LOAD_ONLY === 'usable';
const CAMERA_EVENTS_PER_SCENARIO_SECOND = 25; // × SPEED = 50 per wall second
const SCENARIO_SECONDS = 900;

export type { MapFramesResult };

function writeScenario(dir: string, packDir: string): string {
  const pack = JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')) as { id: string };
  const cameras = (
    JSON.parse(readFileSync(path.join(packDir, 'cameras.json'), 'utf8')) as { id: string }[]
  ).map((c) => c.id);
  const events: unknown[] = [];
  const n = SCENARIO_SECONDS * CAMERA_EVENTS_PER_SCENARIO_SECOND;
  for (let i = 0; i < n; i++)
    events.push({
      t: i / CAMERA_EVENTS_PER_SCENARIO_SECOND,
      type: 'camera.status',
      payload: {
        cameraId: cameras[(i * 7919) % cameras.length],
        online: Math.floor(i / cameras.length) % 2 === 1,
        at: '2026-12-01T08:00:00+08:00',
      },
    });
  const file = path.join(dir, 'scenario.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'dispatch-scenario',
      version: 1,
      id: 'map-frames',
      name: { zh: '地图帧率', en: 'map frames' },
      description: '',
      cityPack: pack.id,
      durationSec: SCENARIO_SECONDS,
      events,
    }),
  );
  return file;
}

async function clock(stack: Stack, action: 'pause' | 'resume'): Promise<void> {
  const res = await fetch(`${stack.gatewayUrl}/admin/clock`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${GATEWAY_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ action }),
  });
  if (!res.ok) throw new Error(`clock ${action}: ${res.status} ${await res.text()}`);
}

type RepaintWindow = { __mapRepaint?: (on: boolean) => void };

const sentNow = (page: Page) =>
  page.evaluate(() => ({ ...(window as unknown as DebugWindow).__mapDebug!().sent }));

/** One pack: null when the build or Chromium is missing. */
export async function measureMapFrames(options: {
  root: string;
  packDir: string;
  /** The map left alone: seconds per phase. */
  seconds: number;
  /** The fair pair: rounds of a paused and a live window of `window` seconds each. */
  rounds: number;
  window: number;
  log: (line: string) => void;
}): Promise<MapFramesResult | null> {
  if (!existsSync(path.join(options.root, 'dist', 'host', 'main.mjs')) || !hasChromium()) return null;
  const stack = new Stack();
  stack.packDir = options.packDir;
  stack.readyTimeoutMs = 300_000; // the large city's road graph, on a loaded machine
  const scenarioDir = mkdtempSync(path.join(os.tmpdir(), 'map-frames-'));
  const browser = await launchBenchChromium();
  try {
    await stack.startGateway(writeScenario(scenarioDir, options.packDir), SPEED);
    await stack.startHost();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Diagnosis: MAP_FRAMES_PROFILE_LOAD=FILE writes the page's CPU profile up to the usable map.
    const loadProfile = process.env['MAP_FRAMES_PROFILE_LOAD'];
    const loadCdp = loadProfile ? await page.context().newCDPSession(page) : null;
    if (loadCdp) await loadCdp.send('Profiler.enable').then(() => loadCdp.send('Profiler.start'));
    // Diagnosis: MAP_FRAMES_TRACE_LOAD=FILE writes a Chrome trace (every thread: page, map
    // workers, GPU process) up to the usable map.
    const traceFile = process.env['MAP_FRAMES_TRACE_LOAD'];
    if (traceFile)
      await browser.startTracing(page, {
        path: traceFile,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'],
      });
    // Diagnosis: MAP_FRAMES_LOAD_PAUSED=1 loads the map with the feed paused (nothing live).
    const loadPaused = process.env['MAP_FRAMES_LOAD_PAUSED'] === '1';
    if (loadPaused) await clock(stack, 'pause');
    const started = Date.now();
    // Diagnosis: MAP_FRAMES_HOST_LOG=1 prints the host's log lines during the load, in ms since
    // navigation (e.g. when the cordon worker started and its warm-up steps).
    const hostLines: string[] = [];
    const hostLog = (chunk: Buffer) =>
      hostLines.push(
        ...chunk
          .toString()
          .trim()
          .split('\n')
          .map((l) => `${Date.now() - started} ms: ${l}`),
      );
    if (process.env['MAP_FRAMES_HOST_LOG'] === '1') {
      stack.host?.child.stdout?.on('data', hostLog);
      stack.host?.child.stderr?.on('data', hostLog);
    }
    await page.goto(stack.hostUrl);
    await page.getByTestId('alert-queue').waitFor({ timeout: 300_000 });
    const queueShown = await page.evaluate(() => performance.now());
    // Not `loaded` (every source's tiles loaded): with 50 camera changes a second some source is
    // always re-tiling. Usable = layers installed and cameras drawn in the viewport.
    await page
      .waitForFunction(
        () => {
          const d = (window as unknown as DebugWindow).__mapDebug?.();
          return d?.ready === true && (d.rendered['cameras'] ?? 0) > 0;
        },
        null,
        { timeout: 300_000, polling: 250 },
      )
      .catch(async (err: unknown) => {
        const d = await page.evaluate(() => (window as unknown as DebugWindow).__mapDebug?.());
        throw new Error(`map not usable: ${JSON.stringify(d)}`, { cause: err });
      });
    const firstUsableMs = Date.now() - started;
    const loadAtUsable = os.loadavg()[0]!;
    const loadSteps = await page.evaluate(
      ([queue]) => ({
        queueShown: queue!,
        ...(window as unknown as DebugWindow).__mapDebug?.().milestones,
        usable: performance.now(),
      }),
      [queueShown],
    );
    for (const line of hostLines.splice(0)) options.log(`  host ${line}`);
    if (loadOnly)
      options.log(
        `first usable map ${firstUsableMs} ms (load ${loadAtUsable.toFixed(1)}); ${formatLoadSteps(loadSteps)}`,
      );
    if (loadCdp && loadProfile)
      writeFileSync(loadProfile, JSON.stringify((await loadCdp.send('Profiler.stop')).profile));
    if (traceFile) await browser.stopTracing();
    if (loadPaused) await clock(stack, 'resume');
    // MAP_FRAMES_LOAD_ONLY=1: the load alone (many short runs to compare builds on a shared
    // machine): the deferred sources' milestones printed once filled, no frame phases.
    if (loadOnly) {
      if (LOAD_ONLY === '1') await afterLoadOnly(page, loadSteps, hostLines, options.log);
      return null;
    }

    // Diagnosis: the same run without the map's canvas, to see what the map costs the main thread.
    if (process.env['MAP_FRAMES_HIDE_MAP'] === '1')
      await page.addStyleTag({ content: '.map-column { display: none !important; }' });
    const perf = await page.context().newCDPSession(page);
    await perf.send('Performance.enable');
    const repaint = (on: boolean) =>
      page.evaluate((v) => (window as unknown as RepaintWindow).__mapRepaint?.(v), on);
    await clock(stack, 'pause');
    await page.waitForTimeout(1500); // what was in flight (at most one live update) lands
    // The load's deferred sources (cones, roads) and their tiles: not the live layers' cost.
    const settleMs = await settle(page, 180_000, options.log);
    for (const line of hostLines.splice(0)) options.log(`  host ${line}`);
    const idle = await frames(page, perf, options.seconds);
    await repaint(true);
    const paused: FrameWindow[] = [];
    const running: FrameWindow[] = [];
    const rounds: MapFramesResult['rounds'] = [];
    for (let round = 0; round < options.rounds; round++) {
      if (round > 0) {
        await clock(stack, 'pause');
        await page.waitForTimeout(1500);
        // A camera change still waiting (the clusters' update, up to CLUSTER_SYNC_MS) is live work.
        await settle(page, 60_000, options.log);
      }
      paused.push(await frameWindow(page, perf, options.window));
      await clock(stack, 'resume');
      await page.waitForTimeout(1000); // the first live update
      running.push(await frameWindow(page, perf, options.window));
      const [p, l] = [stats([paused.at(-1)!]), stats([running.at(-1)!])];
      rounds.push({ paused: p.p95, live: l.p95, load: os.loadavg()[0]! });
    }
    const repaintPaused = stats(paused);
    const repaintLive = stats(running);
    await repaint(false);
    const before = await sentNow(page);
    const t = Date.now();
    // Diagnosis: MAP_FRAMES_PROFILE=FILE writes the page's CPU profile of the live phase.
    const profileFile = process.env['MAP_FRAMES_PROFILE'];
    const cdp = profileFile ? await page.context().newCDPSession(page) : null;
    if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    const live = await frames(page, perf, options.seconds);
    if (cdp && profileFile)
      writeFileSync(profileFile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const after = await sentNow(page);
    const secs = (Date.now() - t) / 1000;
    const sentPerSecond = Object.fromEntries(
      Object.keys(after).map((k) => [k, Math.round(((after[k] ?? 0) - (before[k] ?? 0)) / secs)]),
    );
    return {
      firstUsableMs,
      loadAtUsable,
      loadSteps,
      idle,
      live,
      repaintPaused,
      repaintLive,
      rounds,
      settleMs,
      sentPerSecond,
    };
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(scenarioDir, { recursive: true, force: true });
  }
}

export async function runMapFramesBench(log: (line: string) => void = console.log): Promise<void> {
  const seconds = Number(process.env['MAP_FRAMES_SECONDS'] ?? 15);
  const rounds = Number(process.env['MAP_FRAMES_ROUNDS'] ?? 3);
  const window = Number(process.env['MAP_FRAMES_WINDOW'] ?? 10);
  const root = process.cwd();
  const large = process.env['LARGE_CITY_DIR'] ?? '/work/bigcity';
  // MAP_FRAMES_PACKS=demo or =large runs one of them (diagnosis); the ratio needs both.
  const only = process.env['MAP_FRAMES_PACKS'] ?? (process.env['MAP_FRAMES_DEMO_ONLY'] === '1' ? 'demo' : '');
  const packs: [string, string][] = [];
  if (only !== 'large') packs.push(['demo', path.join(root, 'resources', 'city', 'demo')]);
  if (existsSync(path.join(large, 'pack.json')) && only !== 'demo') packs.push(['large', large]);
  log(
    `# map frames (Chromium, SwiftShader WebGL, compositor ${benchGl()}; units at 1 Hz, ${CAMERA_EVENTS_PER_SCENARIO_SECOND * SPEED} camera changes/s; fair pair ${rounds} rounds of ${window} s paused + ${window} s live; the map left alone ${seconds} s per phase)`,
  );
  const results: Record<string, MapFramesResult> = {};
  for (const [name, packDir] of packs) {
    log(`${name}:`);
    const r = await measureMapFrames({ root, packDir, seconds, rounds, window, log });
    if (!r && loadOnly) continue;
    if (!r) {
      log('skipped: run `node scripts/build.mjs` first and install Chromium (or set CHROMIUM_PATH)');
      return;
    }
    results[name] = r;
    logMapFramesResult(name, r, log);
  }
  if (results['large'] && results['demo'])
    log(
      `large / demo first usable map: ×${(results['large'].firstUsableMs / results['demo'].firstUsableMs).toFixed(2)}`,
    );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runMapFramesBench();
