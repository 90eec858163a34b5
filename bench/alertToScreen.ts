/**
 * Alert-to-screen (issue 16): alerts injected into a real gateway process at a steady rate, the
 * host on its own data folder, Chromium showing the console; latency = the row's arrival in the
 * queue's DOM − the gateway's send (one machine, one clock). Each probe sorts to the top of the
 * queue, where the officer looks (the queue mounts only the rows in view). Needs `node scripts/build.mjs`
 * and a Chromium (CHROMIUM_PATH, default Debian's /usr/bin/chromium); skipped otherwise.
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

const STAGES = [
  'inject',
  'gateway→host',
  'batch window',
  'decode+commit',
  'push',
  'bridge→store',
  'store→DOM',
] as const;

export interface AlertToScreenResult {
  /** Injected (accepted by the gateway). */
  sent: number;
  seen: number;
  /** Injected, never shown within the settle time. */
  dropped: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Per stage p50 / p95 ms over the alerts traced end to end. */
  stages: Record<(typeof STAGES)[number], { p50: number; p95: number }>;
  /** The renderer's long tasks (> 50 ms) during the run: how busy its main thread was. */
  longTasks: { count: number; totalMs: number; maxMs: number };
}

const pctOf = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

type TraceWindow = {
  __seen: Record<string, number>;
  __store: Record<string, number>;
  __alertTrace: (ids: string[]) => void;
  __long: number[];
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
    // Diagnosis: the same run without the map's canvas, to see what the map costs the main thread.
    if (process.env['A2S_HIDE_MAP'] === '1')
      await page.addStyleTag({ content: '.map-column { display: none !important; }' });
    await page.evaluate(() => {
      const w = window as unknown as TraceWindow;
      w.__seen = {};
      w.__store = {};
      w.__long = [];
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
        for (const r of records)
          for (const node of r.addedNodes) {
            if (!(node instanceof Element)) continue;
            const rows = [...node.querySelectorAll('[data-testid=alert-item]')];
            if (node.matches('[data-testid=alert-item]')) rows.push(node);
            for (const el of rows) {
              const id = el.getAttribute('data-alert-id')!;
              if (!(id in w.__seen)) w.__seen[id] = at;
            }
          }
      }).observe(document.body, { subtree: true, childList: true });
    });
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
    // Settle: until every row is shown or nothing new has appeared for 5 s.
    let last = -1;
    for (let idle = 0; idle < 50; idle++) {
      const n = await page.evaluate(() => Object.keys((window as unknown as TraceWindow).__seen).length);
      if (n >= total) break;
      if (n !== last) idle = 0;
      last = n;
      await page.waitForTimeout(100);
    }
    const { seen, store, long } = await page.evaluate(() => ({
      seen: (window as unknown as TraceWindow).__seen,
      store: (window as unknown as TraceWindow).__store,
      long: (window as unknown as TraceWindow).__long,
    }));
    const host = new Map<
      string,
      { sentAt: number; received: number; flushed: number; committed: number; pushed: number }
    >();
    if (existsSync(traceFile))
      for (const line of readFileSync(traceFile, 'utf8').split('\n'))
        if (line) host.set(JSON.parse(line).id, JSON.parse(line));
    // From the gateway's send (the envelope's sentAt), as the issue defines it; the bench's own
    // HTTP inject into the gateway is reported apart (stage 'inject'). Untraced: from the inject.
    const latencies = Object.keys(sent)
      .filter((id) => id in seen)
      .map((id) => seen[id]! - (host.get(id)?.sentAt ?? sent[id]!));
    const parts: Record<string, number[]> = Object.fromEntries(STAGES.map((s) => [s, []]));
    for (const id of Object.keys(sent)) {
      const h = host.get(id);
      if (!h || !(id in seen) || !(id in store)) continue;
      const marks = [
        sent[id]!,
        h.sentAt,
        h.received,
        h.flushed,
        h.committed,
        h.pushed,
        store[id]!,
        seen[id]!,
      ];
      STAGES.forEach((s, k) => parts[s]!.push(marks[k + 1]! - marks[k]!));
    }
    return {
      sent: total - failed,
      seen: latencies.length,
      dropped: total - latencies.length,
      p50: pctOf(latencies, 0.5),
      p95: pctOf(latencies, 0.95),
      p99: pctOf(latencies, 0.99),
      max: Math.max(...latencies),
      longTasks: {
        count: long.length,
        totalMs: Math.round(long.reduce((a, b) => a + b, 0)),
        maxMs: Math.round(Math.max(0, ...long)),
      },
      stages: Object.fromEntries(
        STAGES.map((s) => [s, { p50: pctOf(parts[s]!, 0.5), p95: pctOf(parts[s]!, 0.95) }]),
      ) as AlertToScreenResult['stages'],
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
      `${rate} alerts/s: p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, max ${r.max} ms; ${r.seen}/${r.sent} shown, dropped ${r.dropped} (load ${os.loadavg()[0]!.toFixed(1)})`,
    );
    log(
      `  split p50 / p95 ms: ${STAGES.map((s) => `${s} ${r.stages[s].p50} / ${r.stages[s].p95}`).join(', ')}`,
    );
    log(
      `  renderer long tasks: ${r.longTasks.count}, ${r.longTasks.totalMs} ms in all, longest ${r.longTasks.maxMs} ms`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runAlertToScreenBench();
