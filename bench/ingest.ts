/**
 * Ingest benchmark: alerts per second from the gateway into durable SQLite, and alert-to-screen
 * latency at a steady rate in the real renderer.
 *   1. decode+store, batched (the console's path: one transaction per flush) vs one transaction
 *      per message (the baseline), same messages, same process;
 *   2. end to end over socket.io: in-process gateway → GatewayFeed → SQLite, alerts/s;
 *   3. alert-to-screen: gateway inject → alert row in the DOM of the browser host's page in
 *      Chromium, at 10 alerts/s, p50/p95/p99.
 * `npx tsx bench/ingest.ts` or via bench/main.ts.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startGateway } from '../gateway/server';
import { openDatabase } from '../electron/core/db/database';
import { ConsoleRepository } from '../electron/core/db/consoleRepository';
import { decodeFeedMessages } from '../electron/core/feed/feedDecoder';
import { GatewayFeed } from '../electron/core/feed/gatewayFeed';
import { loadCityPack } from '../node/citypack/loadCityPack';
import { alertReport, envelope, tempDir } from '../tests/unit/fixtures';

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const PACK = path.join(ROOT, 'resources', 'city', 'demo');
const N = 5000;

const alertMessages = (count: number, offset = 0) =>
  Array.from({ length: count }, (_, i) =>
    envelope(offset + i + 1, 'alert', alertReport({ id: `bench-${offset + i}` })),
  );

function storeRate(perMessage: boolean): number {
  const tmp = tempDir('ingest-bench-');
  const repo = new ConsoleRepository(openDatabase(tmp.dir));
  const messages = alertMessages(N);
  const ctx = () => ({
    lastSeq: repo.lastSeq(),
    knownUnits: repo.knownUnitIds(),
    knownCameras: new Set<string>(),
    receivedAt: new Date().toISOString(),
  });
  const t = performance.now();
  if (perMessage) for (const m of messages) repo.applyFeedBatch(decodeFeedMessages([m], ctx()));
  else
    for (let i = 0; i < messages.length; i += 200)
      repo.applyFeedBatch(decodeFeedMessages(messages.slice(i, i + 200), ctx()));
  const seconds = (performance.now() - t) / 1000;
  repo.close();
  tmp.cleanup();
  return N / seconds;
}

async function endToEndRate(): Promise<number> {
  const tmp = tempDir('ingest-e2e-');
  const scenario = path.join(tmp.dir, 'empty.json');
  writeFileSync(
    scenario,
    JSON.stringify({
      format: 'dispatch-scenario',
      version: 1,
      id: 'bench',
      name: { zh: '基准', en: 'bench' },
      description: '',
      cityPack: 'yunling-demo',
      durationSec: 3600,
      events: [],
    }),
  );
  const gateway = await startGateway({
    scenario,
    pack: PACK,
    port: 0,
    speed: 1,
    token: 'bench',
    stateDir: null,
  });
  const pack = await loadCityPack(PACK);
  const repo = new ConsoleRepository(openDatabase(path.join(tmp.dir, 'console')));
  repo.seedFromPack(pack);
  let target = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => (done = r));
  const feed = new GatewayFeed({
    url: gateway.url,
    token: 'bench',
    consoleId: 'bench',
    repository: repo,
    knownCameras: new Set(pack.cameras.map((c) => c.id)),
    onStatus: () => {},
    onCommitted: () => {
      if (target && repo.alerts.list({ includeClosed: true }).length >= N) done();
    },
  });
  feed.start();
  await new Promise((r) => setTimeout(r, 300));
  const t = performance.now();
  target = N;
  for (let i = 0; i < N; i++) gateway.inject('alert', alertReport({ id: `e2e-bench-${i}` }));
  await finished;
  const rate = N / ((performance.now() - t) / 1000);
  feed.stop();
  repo.close();
  await gateway.close();
  tmp.cleanup();
  return rate;
}

export async function runIngestBench(log: (line: string) => void = console.log): Promise<void> {
  log('# ingest (gateway → durable SQLite → screen)');
  const baseline = storeRate(true);
  const batched = storeRate(false);
  log(
    `decode+store ${N} alerts: batched ${batched.toFixed(0)} alerts/s vs one transaction per message ${baseline.toFixed(0)} alerts/s (×${(batched / baseline).toFixed(1)})`,
  );
  log(
    `end to end over socket.io (gateway → feed → SQLite, WAL): ${(await endToEndRate()).toFixed(0)} alerts/s`,
  );
  log('alert-to-screen: see the alert-to-screen bench (bench/alertToScreen.ts)');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runIngestBench();
