/**
 * The cordon's worker thread (electron/core/cordon/cordonWorker.ts) against analyses on the host's
 * own event loop, for one city: the longest stall of the host's event loop (the largest gap
 * between two 1 ms timer callbacks) while cordon analyses run, in-process vs in the worker; the
 * worker's start-up (until its Router is built) and its memory (process RSS after a GC, at ready
 * and after the warm-up, against the in-process warm-up's growth). Uses the built worker
 * (dist/workers/cordonWorker.mjs, `node scripts/build.mjs`) when present, else the TypeScript
 * source through tsx (slower start, more memory). Called by bench/scale.ts; alone:
 * `npx tsx bench/cordonWorker.ts [packDir]`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BroadcastChannel } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadCityPack } from '../node/citypack/loadCityPack';
import { loadPackGraph, Router, shareGraph } from '../node/routing/index';
import {
  cordonPackOf,
  inProcessAnalyser,
  startCordonWorker,
  type CordonAnalyser,
  type CordonRequest,
} from '../electron/core/cordon/index';
import { prng } from '../tests/unit/routingGraphs';
import { defaultWorkerScript } from '../electron/core/cordon/cordonWorker';

const BUNDLE = path.resolve('dist/workers/cordonWorker.mjs');
/** Incidents per side (CORDON_WORKER_INCIDENTS). */
const INCIDENTS = Number(process.env['CORDON_WORKER_INCIDENTS'] ?? 8);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const rssMb = (): number => {
  gc();
  return process.memoryUsage().rss / 2 ** 20;
};
const pc = (x: number) => `${(100 * x).toFixed(0)} %`;
const mb = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(0)} MB`;

/**
 * The worker's heap is collected on request (a BroadcastChannel its bootstrap listens on, outside
 * the cordon's protocol), the host's before each reading: RSS of live memory, not garbage.
 */
const GC_CHANNEL = 'bench-cordon-worker-gc';
const gcBootstrap = (start: string) =>
  `const { BroadcastChannel } = require('node:worker_threads');
  const ch = new BroadcastChannel(${JSON.stringify(GC_CHANNEL)});
  ch.unref();
  ch.onmessage = () => { gc(); ch.postMessage('done'); };
  ${start}`;

/** RSS growth since `before`, both heaps collected. */
async function settledRss(before: number): Promise<number> {
  const ch = new BroadcastChannel(GC_CHANNEL);
  await new Promise((resolve) => {
    ch.onmessage = resolve;
    ch.postMessage('gc');
  });
  ch.close();
  return rssMb() - before;
}

/** Longest gap between 1 ms timer callbacks while `work` runs, and how many fired. */
async function stallDuring(
  work: () => Promise<unknown>,
): Promise<{ longest: number; turns: number; busyMs: number; wallMs: number }> {
  const elu = performance.eventLoopUtilization();
  const t0 = performance.now();
  let last = performance.now();
  let longest = 0;
  let turns = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    turns++;
  }, 1);
  last = performance.now();
  await work();
  clearInterval(timer);
  longest = Math.max(longest, performance.now() - last);
  // Busy time of the host's loop (not waiting for I/O or timers): robust to the OS descheduling the
  // thread on a loaded machine, which lengthens the gaps without the loop doing anything.
  const busyMs = performance.eventLoopUtilization(elu).active;
  return { longest, turns, busyMs, wallMs: performance.now() - t0 };
}

export async function measureCordonWorker(
  name: string,
  dir: string,
  log: (line: string) => void,
): Promise<void> {
  const pack = await loadCityPack(dir);
  const cordonPack = cordonPackOf(pack);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'cordon-worker-cache-'));
  const load = () => os.loadavg()[0]!.toFixed(1);
  try {
    loadPackGraph(dir, { cacheDir });
    // As the routing service: the graph on shared memory, the host's Router on it.
    const router = new Router(shareGraph(loadPackGraph(dir, { cacheDir }).graph));
    const [cx, cy] = pack.manifest.center;
    const rnd = prng(31);
    const requests: CordonRequest[] = Array.from({ length: INCIDENTS }, (_, i) => ({
      incident: { lng: cx + (rnd() - 0.5) * 0.11, lat: cy + (rnd() - 0.5) * 0.09 },
      elapsedSeconds: 600,
      suspectProfile: 'car',
      // Units moving (1 Hz positions): every request misses the police-search memo for a third of them.
      units: pack.units.map((u, k) => ({
        id: u.id,
        type: u.type,
        lng: u.home.lng + (k % 3 === 0 ? i * 1e-4 : 0),
        lat: u.home.lat,
        available: true,
      })),
      options: {},
    }));
    /** The warm-up steps as the console queues them (one per idle turn); the longest stall of any. */
    const warmAll = async (a: CordonAnalyser) => {
      let longest = 0;
      for (const types of [[], ...cordonPack.unitTypes.map((t) => [t])])
        longest = Math.max(longest, (await stallDuring(() => a.warm(types))).longest);
      return { longest };
    };
    const run = async (a: CordonAnalyser) => {
      const stalls: number[] = [];
      let turns = 0;
      let analysisMs = 0;
      let busyMs = 0;
      let wallMs = 0;
      for (const r of requests) {
        const s = await stallDuring(async () => {
          analysisMs += (await a.analyse(r)).timings.totalMs;
        });
        stalls.push(s.longest);
        turns += s.turns;
        busyMs += s.busyMs;
        wallMs += s.wallMs;
      }
      return {
        busy: busyMs / wallMs,
        longest: Math.max(...stalls),
        median: stalls.sort((x, y) => x - y)[stalls.length >> 1]!,
        turns,
        analysisMs,
      };
    };

    // In-process: the host's own Router (what the console did before the worker).
    const host0 = rssMb();
    const local = inProcessAnalyser(router, cordonPack);
    const localWarm = await warmAll(local);
    const hostWarmMb = rssMb() - host0;
    const inProcess = await run(local);

    const bundled = existsSync(BUNDLE);
    const before = rssMb();
    const t = performance.now();
    const start = bundled
      ? `import(${JSON.stringify(pathToFileURL(BUNDLE).href)});`
      : String(defaultWorkerScript().file);
    const worker = startCordonWorker({
      router,
      pack: cordonPack,
      script: { eval: true, file: gcBootstrap(start) },
      log: { error: log, info: () => {} },
    });
    // The host's share of the start: the roads flattened, workerData cloned, the ready reply.
    const startStall = await stallDuring(() => worker.whenSettled());
    const readyMs = performance.now() - t;
    const atReady = await settledRss(before);
    const workerWarm = await warmAll(worker);
    const afterWarm = await settledRss(before);
    const inWorker = await run(worker);
    const afterRuns = await settledRss(before);
    await worker.close();

    log(
      `  cordon worker (${name}, ${bundled ? 'built bundle' : 'TypeScript source via tsx'}): ready in ${readyMs.toFixed(0)} ms wall (its Router ${worker.startMs?.toFixed(0)} ms; the host's loop stalled at most ${startStall.longest.toFixed(0)} ms meanwhile); memory ${mb(atReady)} at ready, ${mb(afterWarm)} after the warm-up, ${mb(afterRuns)} after ${INCIDENTS} analyses, vs ${mb(hostWarmMb)} for the same warm-up in-process (load ${load()})`,
    );
    log(
      `  host event loop's longest stall: warm-up step in-process ${localWarm.longest.toFixed(0)} ms, in the worker ${workerWarm.longest.toFixed(1)} ms; ${INCIDENTS} analyses (in-process ${(inProcess.analysisMs / INCIDENTS).toFixed(0)} ms each, worker ${(inWorker.analysisMs / INCIDENTS).toFixed(0)} ms): in-process longest ${inProcess.longest.toFixed(0)} ms (median ${inProcess.median.toFixed(0)}), loop busy ${pc(inProcess.busy)}, 1 ms timers fired ${inProcess.turns}; worker longest ${inWorker.longest.toFixed(1)} ms (median ${inWorker.median.toFixed(1)}), loop busy ${pc(inWorker.busy)}, timers fired ${inWorker.turns}; longest ×${(inWorker.longest / inProcess.longest).toFixed(3)} (load ${load()})`,
    );
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  void measureCordonWorker(
    path.basename(process.argv[2] ?? '/work/bigcity'),
    process.argv[2] ?? '/work/bigcity',
    console.log,
  );
