/**
 * The cordon's worker thread (started by cordonWorker.ts; bundled to dist/workers/cordonWorker.mjs
 * by scripts/build.mjs). It builds its own Router on the host's road graph in shared memory (no
 * second copy of the graph; the profile weights and snap index are its own), rebuilds what the
 * analysis reads of the pack once, then answers one message at a time. The per-router caches
 * (rings 2/3, road names, police tables, UnitSearchMemo, cachedSuspectReach: docs/cordon.md) live
 * here, on this Router, for the worker's life.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { graphFromShared, Router } from '../../../node/routing';
import { profileFollower, runCordonRequest } from './cordonAnalyser';
import { cordonPackFromWire } from './cordonPack';
import {
  describeIssues,
  HostMessageSchema,
  type CordonRequest,
  type CordonWorkerData,
  type WorkerMessage,
} from './cordonWorkerProtocol';
import { warmCordonCaches } from './warmUp';

const started = performance.now();
const port = parentPort;
if (!port) throw new Error('cordonWorkerMain runs as a worker thread only (cordonWorker.ts starts it)');
const data = workerData as CordonWorkerData;
if (!(data?.graph?.buffer instanceof SharedArrayBuffer))
  throw new Error('cordon worker: workerData has no road graph on shared memory');
// The host Router's profiles and weights (on shared memory): the same routing, not computed again.
const router = new Router(graphFromShared(data.graph), { profiles: data.profiles, weights: data.weights });
const pack = cordonPackFromWire(data.pack);
const followProfiles = profileFollower(router, data.speedFactors);

const send = (m: WorkerMessage): void => port.postMessage(m);
send({ type: 'ready', ms: performance.now() - started });

port.on('message', (raw: unknown) => {
  const parsed = HostMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    send({
      type: 'failed',
      id: typeof id === 'number' && Number.isInteger(id) ? id : null,
      message: `cordon worker: malformed request (${describeIssues(parsed.error)})`,
    });
    return;
  }
  const m = parsed.data;
  try {
    if (m.type === 'analyse') {
      // The validated request, but the options as sent: analyseCordon resolves their defaults itself.
      const request: CordonRequest = {
        ...m.request,
        options: (raw as { request: CordonRequest }).request.options,
      };
      followProfiles(request.speedFactors);
      send({ type: 'result', id: m.id, analysis: runCordonRequest(router, pack, request) });
    } else {
      followProfiles(m.speedFactors);
      send({ type: 'warmed', id: m.id, ms: warmCordonCaches(router, pack, m.types) });
    }
  } catch (err) {
    send({ type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) });
  }
});
