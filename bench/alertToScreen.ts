/**
 * Alert-to-screen (issue 16): alerts injected into a real gateway process at a steady rate, the
 * host on its own data folder, Chromium showing the console; latency = the alert's arrival in the
 * queue − the gateway's send (one machine, one clock). Each probe sorts to the top of the queue,
 * where the officer looks, and is timed when its row enters the page; the queue mounts only the
 * rows in view, so a probe sorted below them (a large batch) is timed at the queue's commit that
 * took it in (queueCommitTimes). Needs `node scripts/build.mjs` and a Chromium (CHROMIUM_PATH,
 * default Debian's /usr/bin/chromium); skipped otherwise.
 *
 * Where the time goes, from timestamps on a debug path (no timing in the console itself): the
 * gateway's envelope sentAt, the host's feed receive / flush / commit / push
 * (DISPATCH_LATENCY_TRACE, electron/core/feed/latencyTrace.ts), the renderer store
 * (window.__alertTrace, renderer/src/app/connectStore.ts) and the row in the DOM (a
 * MutationObserver). A2S_SECONDS shortens the 60 s runs, A2S_RATES picks the rates (default 10,100); A2S_PACK_DIR runs on another pack.
 * `npx tsx bench/alertToScreen.ts` or via bench/main.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Stack } from '../tests/e2e/stack';
import { benchGl, hasChromium, launchBenchChromium } from './chromiumLaunch';
import {
  STAGES,
  summariseAlertToScreen,
  type AlertToScreenResult,
  type HostTrace,
} from './alertToScreenResult';

/** The page counts as settled once it has gone this long without a long task (capped at a minute). */
const PAGE_QUIET_MS = 2000;

type TraceWindow = {
  __seen: Record<string, number>;
  __store: Record<string, number>;
  __alertTrace: (ids: string[]) => void;
  __long: number[];
  /** The queue's count as each React commit set it, with the time: [ms, count]. */
  __counts: [number, number][];
};

/** Injects `rate` alerts per second for `seconds`; null when the build or Chromium is missing. */
export async function measureAlertToScreen(options: {
  root: string;
  rate: number;
  seconds: number;
  packDir?: string;
}): Promise<AlertToScreenResult | null> {
  if (!existsSync(path.join(options.root, 'dist', 'host', 'main.mjs')) || !hasChromium()) return null;
  const stack = new Stack();
  if (options.packDir) stack.packDir = options.packDir;
  stack.readyTimeoutMs = 300_000; // a large city's road graph, on a loaded machine
  const packId = (JSON.parse(readFileSync(path.join(stack.packDir, 'pack.json'), 'utf8')) as { id: string })
    .id;
  const scenarioDir = mkdtempSync(path.join(os.tmpdir(), 'a2s-'));
  const scenario = path.join(scenarioDir, 'empty.json');
  const traceFile = path.join(scenarioDir, 'trace.jsonl');
  writeFileSync(
    scenario,
    JSON.stringify({
      format: 'dispatch-scenario',
      version: 1,
      id: 'a2s',
      name: { zh: '延迟', en: 'latency' },
      description: '',
      cityPack: packId,
      durationSec: 3600,
      events: [],
    }),
  );
  const browser = await launchBenchChromium();
  const previousTrace = process.env['DISPATCH_LATENCY_TRACE'];
  try {
    await stack.startGateway(scenario, 1);
    process.env['DISPATCH_LATENCY_TRACE'] = traceFile; // inherited by the host process only
    try {
      await stack.startHost();
    } finally {
      if (previousTrace === undefined) delete process.env['DISPATCH_LATENCY_TRACE'];
      else process.env['DISPATCH_LATENCY_TRACE'] = previousTrace;
    }
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(stack.hostUrl);
    await page.getByTestId('status-bar').waitFor();
    // Start once the console is usable (map style, sources and tiles loaded), not while it loads.
    await page.waitForFunction(
      () => (window as unknown as { __mapDebug?: () => { loaded: boolean } }).__mapDebug?.().loaded === true,
      null,
      { timeout: 180_000 },
    );
    // And once the host's background work is done (the cordon's caches, started once the map is
    // drawn and taking seconds a step on the large city): the officer's console has long settled
    // when a flood of alerts comes, and on two cores that work competes with the alerts.
    const settled = Date.now() + 300_000;
    while (!/cordon caches warm/.test(stack.host?.output() ?? '') && Date.now() < settled)
      await page.waitForTimeout(250);
    // And once the page has settled: no long task for PAGE_QUIET_MS (after the first picture the
    // page still takes in the road network and the first tiles). The alerts measure a console in
    // service; its start-up is the first usable map's figure (bench/mapFrames.ts).
    const pageSettledMs = await page.evaluate(
      ({ quietMs, capMs }) =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          let last = start;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) last = Math.max(last, e.startTime + e.duration);
          }).observe({ type: 'longtask' });
          const poll = setInterval(() => {
            const now = performance.now();
            if (now - last < quietMs && now - start < capMs) return;
            clearInterval(poll);
            resolve(Math.round(now - start));
          }, 100);
        }),
      { quietMs: PAGE_QUIET_MS, capMs: 60_000 },
    );
    // Diagnosis: the same run without the map's canvas, to see what the map costs the main thread.
    if (process.env['A2S_HIDE_MAP'] === '1')
      await page.addStyleTag({ content: '.map-column { display: none !important; }' });
    await page.evaluate(() => {
      const w = window as unknown as TraceWindow;
      w.__seen = {};
      w.__store = {};
      w.__long = [];
      w.__counts = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({
        type: 'longtask',
      });
      w.__alertTrace = (ids) => {
        const at = Date.now();
        for (const id of ids) w.__store[id] ??= at;
      };
      // Only what each mutation added (a row, or a list mounted with its rows): scanning every row
      // per mutation cost the renderer O(rows) per commit, thousands of rows at 100 alerts/s.
      // (No named helper functions in here: tsx wraps them in a __name the page does not have.)
      new MutationObserver((records) => {
        const at = Date.now();
        for (const r of records) {
          if (r.type === 'attributes') {
            w.__counts.push([at, Number((r.target as Element).getAttribute('data-count'))]);
            continue;
          }
          for (const node of r.addedNodes) {
            if (!(node instanceof Element)) continue;
            const rows = [...node.querySelectorAll('[data-testid=alert-item]')];
            if (node.matches('[data-testid=alert-item]')) rows.push(node);
            for (const el of rows) {
              const id = el.getAttribute('data-alert-id')!;
              if (!(id in w.__seen)) w.__seen[id] = at;
            }
          }
        }
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-count'],
      });
    });
    // Diagnosis: A2S_PROFILE=FILE writes the page's CPU profile of the injection (FILE-RATE.cpuprofile).
    const profileFile = process.env['A2S_PROFILE'];
    const cdp = profileFile ? await page.context().newCDPSession(page) : null;
    if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    const sent: Record<string, number> = {};
    const total = Math.round(options.rate * options.seconds);
    const started = Date.now();
    const inflight: Promise<unknown>[] = [];
    let failed = 0;
    for (let i = 0; i < total; i++) {
      // Paced by the clock, not by each request's return: the rate holds when injects slow down.
      const due = started + (i * 1000) / options.rate;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const id = `a2s-${options.rate}-${i}`;
      sent[id] = Date.now();
      inflight.push(
        stack
          .inject('alert', {
            id,
            source: '110',
            category: 'theft',
            priority: 3,
            // Each probe reported 1 ms before the one sent before it: the queue (longest waiting
            // first) puts it at the top, in view. The queue is virtualised and mounts only the
            // rows in view, so a row sorted below the fold never reaches the DOM to be timed.
            reportedAt: new Date(started - i).toISOString(),
            location: { lng: 112.85 + (i % 10) * 0.002, lat: 35.5, crs: 'WGS84' },
            address: '基准测试',
            caller: { phone: '13800000000' },
            description: 'latency probe',
          })
          .catch(() => failed++),
      );
    }
    await Promise.all(inflight);
    if (cdp && profileFile)
      writeFileSync(
        `${profileFile}-${options.rate}.cpuprofile`,
        JSON.stringify((await cdp.send('Profiler.stop')).profile),
      );
    // Settle: until the queue holds every probe or its count has not moved for 5 s.
    let last = -1;
    for (let idle = 0; idle < 50; idle++) {
      const n = await page.evaluate(() => (window as unknown as TraceWindow).__counts.at(-1)?.[1] ?? 0);
      if (n >= total) break;
      if (n !== last) idle = 0;
      last = n;
      await page.waitForTimeout(100);
    }
    const {
      seen: rowSeen,
      store,
      long,
      counts,
    } = await page.evaluate(() => ({
      seen: (window as unknown as TraceWindow).__seen,
      store: (window as unknown as TraceWindow).__store,
      long: (window as unknown as TraceWindow).__long,
      counts: (window as unknown as TraceWindow).__counts,
    }));
    const host = new Map<string, HostTrace>();
    if (existsSync(traceFile))
      for (const line of readFileSync(traceFile, 'utf8').split('\n'))
        if (line) host.set(JSON.parse(line).id, JSON.parse(line));
    return {
      ...summariseAlertToScreen({ sent, started, total, failed, rowSeen, store, counts, long, host }),
      pageSettledMs,
    };
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(scenarioDir, { recursive: true, force: true });
  }
}

/** 10 and 100 alerts/s for A2S_SECONDS (default 60) each, with the split of where the time goes. */
export async function runAlertToScreenBench(log: (line: string) => void = console.log): Promise<void> {
  const seconds = Number(process.env['A2S_SECONDS'] ?? 60);
  const packDir = process.env['A2S_PACK_DIR'];
  log(
    `# alert-to-screen (gateway send → row in the queue; ${packDir ? `pack ${packDir}` : 'demo city'}, ${seconds} s per rate; compositor ${benchGl()})`,
  );
  const rates = (process.env['A2S_RATES'] ?? '10,100').split(',').map(Number);
  for (const rate of rates) {
    const r = await measureAlertToScreen({
      root: process.cwd(),
      rate,
      seconds,
      ...(packDir ? { packDir } : {}),
    });
    if (!r) {
      log('skipped: run `node scripts/build.mjs` first and install Chromium (or set CHROMIUM_PATH)');
      return;
    }
    log(
      `${rate} alerts/s: p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, max ${r.max} ms; ${r.seen}/${r.sent} in the queue (${r.byRow} timed at their row, the rest sorted below the rows in view, at the queue's commit), dropped ${r.dropped} (load ${os.loadavg()[0]!.toFixed(1)})`,
    );
    log(
      `  page settled (no long task for ${PAGE_QUIET_MS} ms) ${r.pageSettledMs} ms after the host's warm-up`,
    );
    log(
      `  split p50 / p95 ms: ${STAGES.map((s) => `${s} ${r.stages[s].p50} / ${r.stages[s].p95}`).join(', ')}`,
    );
    log(
      `  renderer long tasks: ${r.longTasks.count}, ${r.longTasks.totalMs} ms in all, longest ${r.longTasks.maxMs} ms`,
    );
    log(
      `  slowest (ms, split as above): ${r.worst.map((w) => `${w.total} at ${w.atS} s (${w.split.join('/')})`).join(', ')}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runAlertToScreenBench();
