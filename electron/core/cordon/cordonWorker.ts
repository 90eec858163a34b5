/**
 * The cordon's worker thread, host side: a `CordonAnalyser` whose analyses and warm-up run on a
 * `node:worker_threads` Worker (cordonWorkerMain.ts), so that an analysis (80–190 ms on the large
 * city, seconds cold) never holds the host's event loop — alert batches, unit positions and other
 * requests keep flowing while it runs. The graph crosses once on shared memory (node/routing
 * shareGraph), the pack's cordon data once at start; each request carries only what changes.
 *
 * Started on first use. If the worker fails to start or dies, the requests it held are analysed
 * in-process (the officer gets an answer), the error is logged, and it is restarted after a delay
 * (doubling) up to `maxRestarts` times; after that every analysis runs in-process.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { UnitType } from '../../../shared/domain/unit';
import { isSharedGraph, shareGraph, sharedGraphOf, type Router } from '../../../node/routing';
import { inProcessAnalyser, type CordonAnalyser } from './cordonAnalyser';
import { cordonPackToWire, type CordonPack } from './cordonPack';
import {
  describeIssues,
  primeReplySchema,
  WorkerMessageSchema,
  type CordonRequest,
  type CordonWorkerData,
  type HostMessage,
} from './cordonWorkerProtocol';
import type { CordonAnalysis } from './types';

/** The script a Worker runs: a file, or (`eval`) the source of a CommonJS bootstrap. */
export interface WorkerScript {
  file: URL | string;
  eval?: boolean;
}

/**
 * Beside the bundle that contains this module (dist/electron/main.cjs, dist/host/main.mjs →
 * dist/workers/cordonWorker.mjs, unpacked from a packaged app's asar: electron-builder.yml), or,
 * run from source (tsx, Vitest), the TypeScript entry through tsx's loader.
 */
export function defaultWorkerScript(moduleUrl: string = import.meta.url): WorkerScript {
  if (moduleUrl.endsWith('.ts')) {
    // Node 20 does not apply `--import tsx` to a worker's entry: the thread registers tsx itself.
    // tsx's ESM register API (its CommonJS build resolves its hooks wrongly from a worker).
    const tsxDir = path.dirname(createRequire(moduleUrl).resolve('tsx/package.json'));
    const tsxApi = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
    const main = new URL('./cordonWorkerMain.ts', moduleUrl).href;
    return {
      file: `import(${JSON.stringify(tsxApi)}).then((t) => { t.register(); return import(${JSON.stringify(main)}); });`,
      eval: true,
    };
  }
  const bundled = fileURLToPath(new URL('../workers/cordonWorker.mjs', moduleUrl));
  return { file: pathToFileURL(bundled.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1')) };
}

export interface CordonWorkerOptions {
  /** The routing service's Router: its graph is shared with the worker; the fallback runs on it. */
  router: Router;
  pack: CordonPack;
  /** The routing service's accepted calibration, sent with each request (its Router already has it). */
  speedFactors?: () => Partial<Record<UnitType, number>>;
  script?: WorkerScript;
  maxRestarts?: number;
  restartDelayMs?: number;
  /**
   * A request unanswered this long means a hung worker: it is ended and handled as one that died.
   * Default 120 s (a cold warm-up step on the large city under heavy load takes seconds).
   */
  requestTimeoutMs?: number;
  /** Errors and state changes; default console.error / console.log. */
  log?: { error(line: string): void; info(line: string): void };
}

export type CordonWorkerState = 'idle' | 'starting' | 'ready' | 'restarting' | 'in-process' | 'closed';

export interface CordonWorkerAnalyser extends CordonAnalyser {
  state(): CordonWorkerState;
  readonly restarts: number;
  /** The running thread, if any (diagnostics, tests). */
  readonly thread: Worker | null;
  /** Resolves once the worker is ready, or the analyses have moved in-process. */
  whenSettled(): Promise<CordonWorkerState>;
  /** Worker start-up: its script until the Router is built (ms), or null before the first start. */
  readonly startMs: number | null;
}

interface Pending {
  message: HostMessage;
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

export function startCordonWorker(opts: CordonWorkerOptions): CordonWorkerAnalyser {
  const log = opts.log ?? { error: (l: string) => console.error(l), info: (l: string) => console.log(l) };
  const maxRestarts = opts.maxRestarts ?? 3;
  const restartDelayMs = opts.restartDelayMs ?? 1000;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 120_000;
  const fallback = inProcessAnalyser(opts.router, opts.pack);
  const factors = (): Partial<Record<UnitType, number>> => opts.speedFactors?.() ?? {};
  const pending = new Map<number, Pending>();
  /** Warm-up steps asked so far, replayed on a restarted worker (its caches start empty). */
  const warmSteps: UnitType[][] = [];
  let state: CordonWorkerState = 'idle';
  let worker: Worker | null = null;
  let restarts = 0;
  let nextId = 1;
  let startMs: number | null = null;
  let settled: (() => void)[] = [];
  const settle = (): void => {
    for (const f of settled) f();
    settled = [];
  };

  let shared: Pick<CordonWorkerData, 'graph' | 'pack'> | null = null;
  const workerData = (): CordonWorkerData => {
    // The routing service puts its graph on shared memory; a Router built elsewhere is copied once.
    shared ??= {
      graph: sharedGraphOf(
        isSharedGraph(opts.router.graph) ? opts.router.graph : shareGraph(opts.router.graph),
      ),
      pack: cordonPackToWire(opts.pack),
    };
    // The host Router's weights as they are now (a calibration replaces them), with their profiles.
    const r = opts.router;
    return { ...shared, profiles: r.profiles, weights: r.weights, speedFactors: factors() };
  };

  const runInProcess = (p: Pending): void => {
    const m = p.message;
    if (m.type === 'analyse') fallback.analyse(m.request).then(p.resolve, p.reject);
    // A warm-up step is not worth holding the host for: a restarted worker replays it.
    else p.resolve(null);
  };

  const start = (): void => {
    state = 'starting';
    // A restarted worker's caches are empty: its warm-up steps go first, queued with the requests.
    if (restarts > 0)
      for (const types of warmSteps)
        void post({ type: 'warm', id: nextId++, types, speedFactors: factors() }, true);
    let w: Worker;
    try {
      const script = opts.script ?? defaultWorkerScript();
      w = new Worker(script.file, { workerData: workerData(), eval: script.eval ?? false, name: 'cordon' });
    } catch (err) {
      failed(null, `could not start (${(err as Error).message})`);
      return;
    }
    worker = w;
    // Never keeps the host alive on its own; close() ends it.
    w.unref();
    w.on('message', (raw: unknown) => onMessage(w, raw));
    w.on('error', (err) => failed(w, `crashed (${err.message})`));
    w.on('exit', (code) => failed(w, `exited (code ${code})`));
    for (const p of pending.values()) w.postMessage(p.message);
  };

  const post = (message: HostMessage, internal = false): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const p: Pending = { message, resolve, reject };
      if (internal) p.resolve = p.reject = () => {};
      if (state === 'in-process' || state === 'closed') return runInProcess(p);
      const clearing =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          clearTimeout(p.timer);
          f(v);
        };
      p.resolve = clearing(p.resolve);
      p.reject = clearing(p.reject);
      p.timer = setTimeout(() => {
        if (pending.get(message.id) === p && worker)
          failed(worker, `did not answer ${message.type} ${message.id} within ${requestTimeoutMs} ms`);
      }, requestTimeoutMs);
      p.timer.unref();
      pending.set(message.id, p);
      if (state === 'idle') start();
      else worker?.postMessage(message);
    });

  const failed = (w: Worker | null, reason: string): void => {
    if (state === 'closed' || (w !== null && w !== worker)) return;
    worker = null;
    void w?.terminate();
    const held = [...pending.values()];
    pending.clear();
    const giveUp = restarts >= maxRestarts;
    state = giveUp ? 'in-process' : 'restarting';
    log.error(
      `cordon worker ${reason}; ${held.filter((p) => p.message.type === 'analyse').length} analysis request(s) answered in the host process; ` +
        (giveUp
          ? `given up after ${restarts} restart(s): every cordon analysis now runs in the host process`
          : `restarting in ${restartDelayMs * 2 ** restarts} ms (${restarts + 1}/${maxRestarts})`),
    );
    for (const p of held) runInProcess(p);
    if (giveUp) settle();
    else {
      setTimeout(
        () => {
          if (state !== 'restarting') return;
          restarts++;
          start();
        },
        restartDelayMs * 2 ** restarts,
      ).unref();
    }
  };

  const onMessage = (w: Worker, raw: unknown): void => {
    if (w !== worker) return;
    const parsed = WorkerMessageSchema.safeParse(raw);
    const id = (raw as { id?: unknown } | null)?.id;
    const p = typeof id === 'number' ? pending.get(id) : undefined;
    if (!parsed.success) {
      log.error(
        `cordon worker: malformed reply (${describeIssues(parsed.error)}); analysed in the host process`,
      );
      if (p) {
        pending.delete(id as number);
        runInProcess(p);
      }
      return;
    }
    const m = parsed.data;
    if (m.type === 'ready') {
      state = 'ready';
      startMs = m.ms;
      primeReplySchema();
      log.info(`cordon worker ready in ${m.ms.toFixed(0)} ms`);
      settle();
      return;
    }
    if (m.type === 'failed' && m.id === null) {
      log.error(m.message);
      return;
    }
    if (!p) return;
    pending.delete(p.message.id);
    // The reply as sent (the schema only checked it): the same objects the in-process analysis returns.
    if (m.type === 'result') p.resolve((raw as { analysis: CordonAnalysis }).analysis);
    else if (m.type === 'warmed') p.resolve(m.ms);
    else p.reject(new Error(m.message));
  };

  return {
    kind: 'worker',
    analyse: (request: CordonRequest) =>
      post({
        type: 'analyse',
        id: nextId++,
        request: { ...request, speedFactors: request.speedFactors ?? factors() },
      }) as Promise<CordonAnalysis>,
    warm: (types) => {
      warmSteps.push([...types]);
      return post({ type: 'warm', id: nextId++, types: [...types], speedFactors: factors() }) as Promise<
        number | null
      >;
    },
    close: async () => {
      state = 'closed';
      const w = worker;
      worker = null;
      for (const p of pending.values()) p.reject(new Error('the cordon analyses are closed'));
      pending.clear();
      settle();
      await w?.terminate();
    },
    state: () => state,
    get restarts() {
      return restarts;
    },
    get thread() {
      return worker;
    },
    get startMs() {
      return startMs;
    },
    whenSettled: () =>
      state === 'ready' || state === 'in-process' || state === 'closed'
        ? Promise.resolve(state)
        : new Promise((resolve) => {
            if (state === 'idle') start();
            settled.push(() => resolve(state));
          }),
  };
}
