/**
 * The cordon's worker thread (cordonWorker.ts): a real worker on the demo city, against the
 * in-process analysis of the same requests on a Router of its own (each side's per-router memo
 * sees the same sequence), the host's event loop while it runs, and its failures.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCordon, type DemoCordon } from '../../../tests/unit/cordonSetup';
import { calibratedProfiles, Router } from '../../../node/routing';
import { inProcessAnalyser } from './cordonAnalyser';
import { cordonPackOf, type CordonPack } from './cordonPack';
import {
  defaultWorkerScript,
  startCordonWorker,
  type CordonWorkerAnalyser,
  type CordonWorkerOptions,
} from './cordonWorker';
import { primeReplySchema, type CordonRequest } from './cordonWorkerProtocol';
import type { CordonAnalysis } from './types';

let demo: DemoCordon;
let pack: CordonPack;
const started: CordonWorkerAnalyser[] = [];

beforeAll(async () => {
  demo = await loadDemoCordon();
  pack = cordonPackOf(demo.pack);
});
afterEach(async () => {
  for (const w of started.splice(0)) await w.close();
});

const logs = () => {
  const errors: string[] = [];
  return { errors, log: { error: (l: string) => errors.push(l), info: () => {} } };
};
const worker = (opts: Partial<CordonWorkerOptions> = {}): CordonWorkerAnalyser => {
  const w = startCordonWorker({ router: demo.router, pack, log: logs().log, ...opts });
  started.push(w);
  return w;
};
/** The analysis without its timings (the only field that differs between two runs). */
const same = (a: CordonAnalysis) => ({ ...a, timings: null });
const request = (lng: number, lat: number, elapsedSeconds = 600, moved = 0): CordonRequest => ({
  incident: { lng, lat },
  elapsedSeconds,
  suspectProfile: 'car',
  units: demo.home.map((u, i) => ({ ...u, lng: u.lng + (i % 3 === 0 ? moved : 0) })),
  options: {},
});

describe('cordon worker thread', () => {
  it('answers every request exactly as the in-process analysis, memo included', async () => {
    const w = worker();
    const localRouter = new Router(demo.router.graph);
    const local = inProcessAnalyser(localRouter, pack);
    const requests: CordonRequest[] = [
      request(112.85, 35.5),
      // Same incident again (the suspect search and parked units' searches come from the memo) …
      request(112.85, 35.5, 900),
      // … then a third of the units moved (their searches miss the memo), another incident.
      request(112.85, 35.5, 900, 0.002),
      request(112.8, 35.45, 300, 0.002),
      { ...request(112.85, 35.5), suspectProfile: 'foot', options: { rings: [1, 2] } },
      { ...request(112.85, 35.5), options: { ring3: { withinKm: 20 }, checkpointRadiusMetres: 50 } },
      // The routing service's calibration: the worker's Router follows it (in-process it is the same Router).
      { ...request(112.85, 35.5), speedFactors: { car: 0.8 } },
    ];
    for (const r of requests) {
      if (r.speedFactors) localRouter.setProfiles(calibratedProfiles(r.speedFactors));
      const [inWorker, inProcess] = [await w.analyse(r), await local.analyse(r)];
      expect(same(inWorker)).toEqual(same(inProcess));
    }
    expect(w.state()).toBe('ready');
    // The warm-up runs there too.
    expect(await w.warm(['car'])).toBeTypeOf('number');
  });

  it('keeps the host event loop turning while it analyses', async () => {
    const turnsDuring = async (analyse: () => Promise<unknown>): Promise<number> => {
      let turns = 0;
      let counting = true;
      const tick = (): void => {
        if (!counting) return;
        turns++;
        setImmediate(tick);
      };
      setImmediate(tick);
      await analyse();
      counting = false;
      return turns;
    };
    // Cold: the first analysis of a Router also builds its pack caches (rings 2/3, road names).
    const w = worker();
    await w.whenSettled();
    const inWorker = await turnsDuring(() => w.analyse(request(112.85, 35.5)));
    const inProcess = await turnsDuring(() =>
      inProcessAnalyser(new Router(demo.router.graph), pack).analyse(request(112.85, 35.5)),
    );
    expect(inProcess).toBe(0);
    expect(inWorker).toBeGreaterThan(0);
  });

  it('restarts a worker that dies, answering in-process meanwhile, and logs why', async () => {
    const { errors, log } = logs();
    const w = worker({ restartDelayMs: 0, log });
    // A warm-up step asked before the crash is replayed on the new worker before the requests.
    expect(await w.warm([])).toBeTypeOf('number');
    const before = await w.analyse(request(112.85, 35.5));
    const thread = w.thread!;
    const pending = w.analyse(request(112.85, 35.5));
    await thread.terminate();
    expect(same(await pending)).toEqual(same(before));
    expect(errors.join('\n')).toMatch(/cordon worker exited .*restarting/);
    expect(await w.whenSettled()).toBe('ready');
    expect(w.restarts).toBe(1);
    expect(w.thread).not.toBe(thread);
    expect(same(await w.analyse(request(112.85, 35.5)))).toEqual(same(before));
  });

  it('falls back to in-process analyses when the worker cannot start', async () => {
    const { errors, log } = logs();
    const w = worker({
      script: { file: new URL('./no-such-worker.mjs', import.meta.url) },
      maxRestarts: 1,
      restartDelayMs: 0,
      log,
    });
    const a = await w.analyse(request(112.85, 35.5));
    expect(await w.whenSettled()).toBe('in-process');
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatch(/given up after 1 restart.*host process/);
    const local = await inProcessAnalyser(new Router(demo.router.graph), pack).analyse(request(112.85, 35.5));
    expect(same(a)).toEqual(same(local));
  });

  it('answers a malformed request with an error, and analyses in-process after a malformed reply', async () => {
    // The sample reply parsed at ready (to compile the schema early) is itself well-formed.
    expect(primeReplySchema()).toBe(true);
    const w = worker();
    await w.whenSettled();
    const reply = new Promise((resolve) => w.thread!.once('message', resolve));
    w.thread!.postMessage({ type: 'analyse', id: 999_999, request: { incident: 'here' } });
    expect(await reply).toMatchObject({ type: 'failed', id: 999_999, message: /malformed request/ });

    const { errors, log } = logs();
    // A worker that answers nonsense (the host must not pass it on as an analysis).
    const liar = worker({
      log,
      script: {
        eval: true,
        file: `const { parentPort } = require('node:worker_threads');
          parentPort.postMessage({ type: 'ready', ms: 1 });
          parentPort.on('message', (m) => parentPort.postMessage({ type: 'result', id: m.id, analysis: { rings: 'many' } }));`,
      },
    });
    const a = await liar.analyse(request(112.85, 35.5));
    expect(errors.join('\n')).toMatch(/malformed reply/);
    expect(a.crossings.length).toBeGreaterThan(0);
    // Through the analyser, a bad request is refused by the worker and rejected on the host.
    await expect(w.analyse({ ...request(112.85, 35.5), elapsedSeconds: -1 })).rejects.toThrow(
      /malformed request/,
    );
    expect(w.state()).toBe('ready');
  });

  it('ends a worker that does not answer, and answers in-process', async () => {
    const { errors, log } = logs();
    // A worker that is ready but never answers (a hung analysis).
    const mute = worker({
      log,
      maxRestarts: 0,
      requestTimeoutMs: 1,
      script: {
        eval: true,
        file: `const { parentPort } = require('node:worker_threads');
          parentPort.postMessage({ type: 'ready', ms: 1 });
          parentPort.on('message', () => {});`,
      },
    });
    await mute.whenSettled();
    const a = await mute.analyse(request(112.85, 35.5));
    expect(a.crossings.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(
      /did not answer analyse .*every cordon analysis now runs in the host process/,
    );
    expect(mute.state()).toBe('in-process');
  });

  it('finds the built worker beside the host bundles, unpacked from a packaged app, or the source via tsx', () => {
    const file = (url: string) => fileURLToPath(defaultWorkerScript(url).file);
    expect(file('file:///opt/console/dist/host/main.mjs')).toBe('/opt/console/dist/workers/cordonWorker.mjs');
    expect(file('file:///opt/console/dist/electron/main.cjs')).toBe(
      '/opt/console/dist/workers/cordonWorker.mjs',
    );
    expect(file('file:///opt/app/resources/app.asar/dist/electron/main.cjs')).toBe(
      '/opt/app/resources/app.asar.unpacked/dist/workers/cordonWorker.mjs',
    );
    const source = defaultWorkerScript(import.meta.url);
    expect(source.eval).toBe(true);
    expect(String(source.file)).toContain('cordonWorkerMain.ts');
  });
});
