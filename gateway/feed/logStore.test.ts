import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch } from './feedLog';
import { FileLogStore, type LogStore } from './logStore';
import { PgLogStore } from '../pg/pgLogStore';
import { SCHEMA_VERSION } from '../pg/schema';
import { databaseName, testPostgres } from '../../tests/unit/testPostgres';
import type { LocalPostgres } from '../pg/embeddedServer';
import { tempDir } from '../../tests/unit/gatewayFixtures';

/**
 * The LogStore contract, written once and run for the file log and for PostgreSQL. `fresh()`
 * names a new empty log; `open(name)` opens it (again, for the durability cases).
 */
interface Backend {
  fresh(): Promise<string>;
  open(name: string): Promise<LogStore>;
}

const sentAt = '2026-12-06T10:00:00.000Z';
const msg = (n: number, id?: string) => ({
  type: 'alert',
  payload: { id: `A-${n}`, text: `告警 ${n}` },
  ...(id ? { id } : {}),
});
const position = (unitId: string, n: number) => ({ type: 'unit.position', payload: { unitId, n } });

function contract(name: string, backend: () => Backend | null) {
  describe(`LogStore contract: ${name}`, () => {
    const open = async () => {
      const b = backend()!;
      const key = await b.fresh();
      return { key, store: await b.open(key), reopen: () => b.open(key) };
    };

    it('assigns increasing seqs from 1 and answers since(seq) and headSeq', async (t) => {
      if (!backend())
        return t.skip(`${name} log store unavailable: ${pgReason ?? 'its server did not start'}`);
      const { store } = await open();
      expect(store.headSeq).toBe(0);
      const first = await store.append({ messages: [msg(1), msg(2)], sentAt });
      const second = await store.append({ messages: [msg(3)], sentAt });
      expect(first.entries.map((e) => e.seq)).toEqual([1, 2]);
      expect(second.entries.map((e) => e.seq)).toEqual([3]);
      expect(store.headSeq).toBe(3);
      expect(store.since(1).map((e) => (e.payload as { id: string }).id)).toEqual(['A-2', 'A-3']);
      expect(store.since(0)[0]).toEqual({
        seq: 1,
        type: 'alert',
        sentAt,
        payload: { id: 'A-1', text: '告警 1' },
      });
      await store.close();
    });

    it('keeps one envelope per id: a retried append is not doubled', async (t) => {
      if (!backend())
        return t.skip(`${name} log store unavailable: ${pgReason ?? 'its server did not start'}`);
      const { store, reopen } = await open();
      await store.append({ messages: [msg(1, 'env-1'), msg(1, 'env-1')], sentAt });
      const retry = await store.append({ messages: [msg(1, 'env-1'), msg(2, 'env-2')], sentAt });
      expect(retry.entries.map((e) => e.seq)).toEqual([2]);
      await store.close();
      const again = await reopen();
      expect((await again.append({ messages: [msg(2, 'env-2')], sentAt })).entries).toEqual([]);
      expect(again.since(0).map((e) => e.seq)).toEqual([1, 2]);
      await again.close();
    });

    it('records a command once: a repeat gets the first ack and appends nothing', async (t) => {
      if (!backend())
        return t.skip(`${name} log store unavailable: ${pgReason ?? 'its server did not start'}`);
      const { store } = await open();
      const ack = { commandId: 'c-1', ok: true as const };
      await store.append({
        messages: [msg(1)],
        commands: [
          { commandId: 'c-1', ack, command: { kind: 'unit.assign', payload: { unitId: 'U' } }, at: 12 },
        ],
        sentAt,
      });
      const repeat = await store.append({
        messages: [msg(2)],
        commands: [{ commandId: 'c-1', ack: { commandId: 'c-1', ok: false, error: 'late' } }],
        sentAt,
      });
      expect(repeat).toEqual({ entries: [], duplicateCommand: ack });
      expect(store.headSeq).toBe(1);
      expect(store.commandAck('c-1')).toEqual(ack);
      expect(store.commandRecords()).toEqual([
        { commandId: 'c-1', ack, command: { kind: 'unit.assign', payload: { unitId: 'U' } }, at: 12 },
      ]);
      await store.close();
    });

    it('keeps only the latest position report per unit', async (t) => {
      if (!backend())
        return t.skip(`${name} log store unavailable: ${pgReason ?? 'its server did not start'}`);
      const { store, reopen } = await open();
      await store.append({ messages: [position('U1', 1), position('U2', 1), msg(1)], sentAt });
      await store.append({ messages: [position('U1', 2), position('U1', 3)], sentAt });
      const kept = (s: LogStore) => s.since(0).map((e) => [e.seq, e.type]);
      expect(kept(store)).toEqual([
        [2, 'unit.position'],
        [3, 'alert'],
        [5, 'unit.position'],
      ]);
      await store.close();
      const again = await reopen();
      expect(kept(again)).toEqual([
        [2, 'unit.position'],
        [3, 'alert'],
        [5, 'unit.position'],
      ]);
      expect(again.headSeq).toBe(5);
      await again.close();
    });

    it('keeps only the latest list of seats on duty: a resuming seat gets one presence, the newest', async (t) => {
      if (!backend())
        return t.skip(`${name} log store unavailable: ${pgReason ?? 'its server did not start'}`);
      const { store, reopen } = await open();
      const presence = (...seats: string[]) => ({
        type: 'seat.presence',
        payload: { seats: seats.map((seat) => ({ seat })), at: sentAt },
      });
      // Seats signing in and out all shift long: 200 lists, history in between.
      for (let i = 0; i < 100; i++)
        await store.append({ messages: [presence('A'), msg(i), presence('A', `B${i}`)], sentAt });
      const lists = (s: LogStore, after = 0) =>
        s
          .since(after)
          .filter((e) => e.type === 'seat.presence')
          .map((e) => [e.seq, e.payload]);
      const newest = [[300, presence('A', 'B99').payload]];
      expect(lists(store)).toEqual(newest);
      expect(lists(store, 150)).toEqual(newest);
      expect(lists(store, 300)).toEqual([]);
      expect(store.since(0).filter((e) => e.type === 'alert')).toHaveLength(100);
      expect(store.retainedCount).toBe(101);
      await store.close();
      const again = await reopen();
      expect(lists(again)).toEqual(newest);
      expect(again.retainedCount).toBe(101);
      await again.close();
    });

    it('keeps the latest list of seats of each gateway: one gateway does not supersede another', async (t) => {
      if (!backend())
        return t.skip(`${name} log store unavailable: ${pgReason ?? 'its server did not start'}`);
      const { store, reopen } = await open();
      const presence = (gateway: string | null, ...seats: string[]) => ({
        type: 'seat.presence',
        payload: {
          seats: seats.map((seat) => ({ seat })),
          at: sentAt,
          ...(gateway === null ? {} : { gateway }),
        },
      });
      await store.append({ messages: [presence(null, 'OLD'), presence('g1', 'A')], sentAt });
      await store.append({ messages: [presence('g2', 'B'), msg(1)], sentAt });
      await store.append({ messages: [presence('g1', 'A', 'C')], sentAt });
      await store.append({ messages: [presence('g2')], sentAt });
      const lists = (s: LogStore) =>
        s
          .since(0)
          .filter((e) => e.type === 'seat.presence')
          .map((e) => [e.seq, e.payload]);
      // The untagged list (a single gateway's) is its own key too: one latest list per publisher.
      const newest = [
        [1, presence(null, 'OLD').payload],
        [5, presence('g1', 'A', 'C').payload],
        [6, presence('g2').payload],
      ];
      expect(lists(store)).toEqual(newest);
      await store.close();
      const again = await reopen();
      expect(lists(again)).toEqual(newest);
      await again.close();
    });

    it('is durable: seqs, frontier and commands survive a reopen, and seqs continue', async (t) => {
      if (!backend())
        return t.skip(`${name} log store unavailable: ${pgReason ?? 'its server did not start'}`);
      const { store, reopen } = await open();
      await store.append({ messages: [msg(1)], frontier: 30, sentAt });
      await store.append({
        messages: [],
        commands: [{ commandId: 'c-9', ack: { commandId: 'c-9', ok: true } }],
        sentAt,
      });
      expect(store.frontier).toBe(30);
      await store.close();
      const again = await reopen();
      expect(again.frontier).toBe(30);
      expect(again.commandAck('c-9')).toEqual({ commandId: 'c-9', ok: true });
      expect((await again.append({ messages: [msg(2)], sentAt })).entries[0]!.seq).toBe(2);
      await again.close();
    });

    it('tells its batch listeners of every append once, in seq order', async (t) => {
      if (!backend())
        return t.skip(`${name} log store unavailable: ${pgReason ?? 'its server did not start'}`);
      const { store } = await open();
      const seen: LogBatch[] = [];
      store.onBatch((b) => seen.push(b));
      await Promise.all([1, 2, 3, 4].map((n) => store.append({ messages: [msg(n)], sentAt })));
      expect(seen.flatMap((b) => b.entries.map((e) => e.seq))).toEqual([1, 2, 3, 4]);
      await store.close();
    });
  });
}

let pgServer: LocalPostgres | null = null;
let pgReason: string | null = null;
beforeAll(async () => {
  ({ server: pgServer, reason: pgReason } = await testPostgres());
}, 60_000);
afterAll(async () => {
  await pgServer?.stop();
}, 60_000);

contract('file', () => ({
  fresh: () => Promise.resolve(tempDir('log-store-')),
  open: (dir) => Promise.resolve(FileLogStore.open(dir, false)),
}));
contract('PostgreSQL', () =>
  pgServer
    ? { fresh: () => pgServer!.freshDatabase(databaseName('contract')), open: (url) => PgLogStore.open(url) }
    : null,
);

describe('PostgreSQL: several writers on one database', () => {
  it('gives appends from two stores one total order, each seen by both, nothing lost or doubled', async (t) => {
    if (!pgServer) return t.skip(pgReason ?? undefined);
    const url = await pgServer.freshDatabase(databaseName('two'));
    const [a, b] = [await PgLogStore.open(url), await PgLogStore.open(url)];
    expect(a.logId).toBe(b.logId);
    const seenByB: number[] = [];
    const allSeenByB = new Promise<void>((resolve) =>
      b.onBatch((batch) => {
        seenByB.push(...batch.entries.map((e) => e.seq));
        if (seenByB.length === 40) resolve();
      }),
    );
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => [
        a.append({ messages: [msg(i)], sentAt: 'a' }),
        b.append({ messages: [msg(100 + i)], sentAt: 'b' }),
      ]).flat(),
    );
    await allSeenByB;
    await a.refresh();
    const seqs = a.since(0).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(b.since(0)).toEqual(a.since(0));
    expect(seenByB).toEqual(seqs);
    await Promise.all([a.close(), b.close()]);
  });

  it('learns of another gateway’s appends without appending itself (LISTEN/NOTIFY)', async (t) => {
    if (!pgServer) return t.skip(pgReason ?? undefined);
    const url = await pgServer.freshDatabase(databaseName('notify'));
    const [a, b] = [await PgLogStore.open(url), await PgLogStore.open(url)];
    const arrived = new Promise<LogBatch>((resolve) => b.onBatch(resolve));
    await a.append({ messages: [msg(7, 'e-7')], sentAt });
    expect((await arrived).entries.map((e) => e.seq)).toEqual([1]);
    expect((await b.append({ messages: [msg(7, 'e-7')], sentAt })).entries).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a guarded append whose seat keys another writer changed after its seq, and only then', async (t) => {
    if (!pgServer) return t.skip(pgReason ?? undefined);
    const url = await pgServer.freshDatabase(databaseName('guard'));
    const [a, b] = [await PgLogStore.open(url), await PgLogStore.open(url)];
    const owner = (alertId: string, seat: string) => ({
      type: 'alert.owner',
      payload: { alertId, owner: { consoleId: seat } },
    });
    await a.append({ messages: [msg(1)], sentAt });
    await b.refresh();
    const seq = b.headSeq;
    // A claims X after B's view was taken; B's decision on X is stale, one on Y is not.
    await a.append({ messages: [owner('X', 'a')], sentAt });
    const onX = await b.append({ messages: [owner('X', 'b')], sentAt, guard: { seq, keys: ['alert:X'] } });
    expect(onX).toEqual({ entries: [], stale: true });
    const onY = await b.append({ messages: [owner('Y', 'b')], sentAt, guard: { seq, keys: ['alert:Y'] } });
    expect(onY.entries.map((e) => e.seq)).toEqual([3]);
    // Decided again on the newer view, the same guard holds.
    const again = await b.append({ messages: [msg(2)], sentAt, guard: { seq: 3, keys: ['alert:X'] } });
    expect(again.stale).toBeUndefined();
    expect(b.since(0).map((e) => e.type)).toEqual(['alert', 'alert.owner', 'alert.owner', 'alert']);
    await Promise.all([a.close(), b.close()]);
  });

  it('migrates a fresh database to the current schema version once, and refuses one a newer gateway migrated', async (t) => {
    if (!pgServer) return t.skip(pgReason ?? undefined);
    const url = await pgServer.freshDatabase(databaseName('schema'));
    const [a, b] = await Promise.all([PgLogStore.open(url), PgLogStore.open(url)]);
    const versions = await a.pool.query<{ version: number }>(
      'SELECT version FROM gateway_schema ORDER BY version',
    );
    expect(versions.rows.map((r) => r.version)).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    );
    await a.pool.query('INSERT INTO gateway_schema (version) VALUES ($1)', [SCHEMA_VERSION + 1]);
    await Promise.all([a.close(), b.close()]);
    await expect(PgLogStore.open(url)).rejects.toThrow(
      new RegExp(`schema is version ${SCHEMA_VERSION + 1}, newer than this gateway's ${SCHEMA_VERSION}`),
    );
  });

  it('opens a log longer than one read page whole, in order', async (t) => {
    if (!pgServer) return t.skip(pgReason ?? undefined);
    const url = await pgServer.freshDatabase(databaseName('long'));
    const writer = await PgLogStore.open(url);
    // 2500 appends in one statement (more than one page of 2000), as 2500 gateways' appends would land.
    await writer.pool.query(
      `SELECT feed_append('s', ARRAY[NULL]::text[], ARRAY['alert'], ARRAY['{"n":' || n || '}'], ARRAY[NULL]::text[], NULL, '{}', '{}') FROM generate_series(1, 2500) AS n`,
    );
    const reader = await PgLogStore.open(url);
    expect(reader.headSeq).toBe(2500);
    expect(reader.since(0).map((e) => (e.payload as { n: number }).n)).toEqual(
      Array.from({ length: 2500 }, (_, i) => i + 1),
    );
    await Promise.all([writer.close(), reader.close()]);
  });

  it('refuses a bad --database URL and an unreachable server with a clear message', async () => {
    await expect(PgLogStore.open('not a url')).rejects.toThrow(/--database must be a URL like postgres:/);
    await expect(PgLogStore.open('mysql://h/db')).rejects.toThrow(/postgres:\/\/ or postgresql:\/\//);
    await expect(PgLogStore.open('postgres://u:secret@127.0.0.1:1/db')).rejects.toThrow(
      /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/db/,
    );
    await expect(PgLogStore.open('postgres://u:secret@127.0.0.1:1/db')).rejects.not.toThrow(/secret/);
  });
});
