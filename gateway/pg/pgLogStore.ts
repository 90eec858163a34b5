import type pg from 'pg';
import type { CommandAck } from '../../shared/protocol/feed';
import {
  FeedLog,
  supersedeKey,
  type AppendRequest,
  type CommandRecord,
  type LogBatch,
  type WireEnvelope,
} from '../feed/feedLog';
import type { AppendResult, LogStore } from '../feed/logStore';
import { migrate } from './schema';
import { envelopeSeatKeys } from '../feed/seatKeys';
import type { ClockAnchor } from '../scenario/scenarioClock';

const CHANNEL = 'gateway_feed';
/** Held (session-level) by the one gateway that plays the scenario; see `lead()`. */
const SCENARIO_LEADER_LOCK = 741_013_002;
const RECONNECT_MS = 1000;
/** A gateway starting on a long log reads it in pages of this many appends. */
const READ_PAGE_BATCHES = 2000;

interface BatchRow {
  b: number;
  f: number | null;
}
interface EnvelopeRow {
  s: number;
  b: number;
  i: string | null;
  t: string;
  a: string;
  p: string;
}
interface CommandRow {
  b: number;
  r: string;
}
const READ_NEW = `SELECT
  (SELECT coalesce(json_agg(json_build_object('b', batch, 'f', frontier) ORDER BY batch), '[]') FROM feed_batch WHERE batch > $1 AND batch <= $2) AS batches,
  (SELECT coalesce(json_agg(json_build_object('s', seq, 'b', batch, 'i', id, 't', type, 'a', sent_at, 'p', payload) ORDER BY seq), '[]') FROM feed_envelope WHERE batch > $1 AND batch <= $2) AS envelopes,
  (SELECT coalesce(json_agg(json_build_object('b', batch, 'r', record) ORDER BY batch, command_id), '[]') FROM feed_command WHERE batch > $1 AND batch <= $2) AS commands`;

/** host:port/database of a URL, never its password: for messages. */
function where(url: URL): string {
  return `${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** Checks a --database value before anything connects; throws a message saying what is expected. */
// pg is loaded on first use: a gateway on its file log (the default) does not pay for it at start.
const loadPg = () => import('pg').then((m) => m.default);

export function parseDatabaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--database must be a URL like postgres://user:password@host:5432/dbname, got "${text}"`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new Error(`--database must be a postgres:// or postgresql:// URL, got "${url.protocol}//…"`);
  if (!url.hostname) throw new Error('--database URL has no host');
  if (url.pathname.length <= 1)
    throw new Error(`--database URL names no database (postgres://…/dbname), got "${where(url)}"`);
  return url;
}

/**
 * The feed log in PostgreSQL, shared by every gateway on the database. Seqs come from the one
 * feed_head row, which each append locks and advances in its own transaction: appends commit one
 * after another in seq order, so a reader asking for "batches after N" never sees a later seq
 * before an earlier one, and no seq is lost to a rolled-back append. The append's NOTIFY is sent
 * at commit; every gateway LISTENs and reads what is new into its in-memory view (a FeedLog with
 * no file, which also keeps only the latest position report per unit, as the database does).
 */
export class PgLogStore implements LogStore {
  readonly kind = 'postgres';
  private readonly view = new FeedLog(null, false);
  private readonly listeners: ((batch: LogBatch) => void)[] = [];
  private lastBatch = 0;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private listener: pg.Client | null = null;
  private leading = false;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly pool: pg.Pool,
    readonly logId: string,
    private readonly url: URL,
  ) {}

  /** Connects, migrates the schema, loads the log and starts listening for other gateways' appends. */
  static async open(databaseUrl: string): Promise<PgLogStore> {
    const url = parseDatabaseUrl(databaseUrl);
    const { Pool } = await loadPg();
    const pool = new Pool({ connectionString: databaseUrl, max: 10 });
    pool.on('error', (err) => console.error(`gateway: PostgreSQL pool: ${err.message}`));
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => {});
      throw new Error(
        `cannot connect to PostgreSQL at ${where(url)}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    try {
      await migrate(pool);
      const { rows } = await pool.query<{ log_id: string }>('SELECT log_id FROM feed_head');
      const store = new PgLogStore(pool, rows[0]!.log_id, url);
      await store.listen();
      await store.refresh();
      return store;
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
  }

  get headSeq(): number {
    return this.view.headSeq;
  }
  /** The view holds only committed lines. */
  get durableSeq(): number {
    return this.view.headSeq;
  }
  /** `append` resolves at commit: whatever it appended is durable by then. */
  afterDurable(done: () => void): void {
    done();
  }
  get frontier(): number | null {
    return this.view.frontier;
  }
  get retainedCount(): number {
    return this.view.retainedCount;
  }
  get isLeader(): boolean {
    return this.leading;
  }
  commandAck(commandId: string): CommandAck | undefined {
    return this.view.commandAck(commandId);
  }
  commandRecords(): CommandRecord[] {
    return this.view.commandRecords();
  }
  since(seq: number): WireEnvelope[] {
    return this.view.since(seq);
  }
  onBatch(listener: (batch: LogBatch) => void): void {
    this.listeners.push(listener);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    // Ids already in this view are left out here; the database checks again under its lock.
    const messages = this.view.unlogged(request.messages);
    const commands = request.commands ?? [];
    const { rows } = await this.pool.query<{
      r: { duplicate?: string; stale?: true; empty?: true; first?: number; kept?: number[] };
    }>(
      'SELECT feed_append($1, $2::text[], $3::text[], $4::text[], $5::text[], $6, $7::text[], $8::text[], $9::text[], $10, $11::text[]) AS r',
      [
        request.sentAt,
        messages.map((m) => m.id ?? null),
        messages.map((m) => m.type),
        messages.map((m) => JSON.stringify(m.payload) ?? 'null'),
        messages.map((m) => supersedeKey(m.type, m.payload)),
        request.frontier ?? null,
        commands.map((c) => c.commandId),
        commands.map((c) => JSON.stringify(c)),
        messages.map((m) => {
          const keys = envelopeSeatKeys(m.type, m.payload);
          return keys.length > 0 ? JSON.stringify(keys) : null;
        }),
        request.guard?.seq ?? null,
        request.guard?.keys ?? [],
      ],
    );
    const r = rows[0]!.r;
    if (r.duplicate !== undefined)
      return { entries: [], duplicateCommand: (JSON.parse(r.duplicate) as CommandRecord).ack };
    if (r.stale) return { entries: [], stale: true };
    if (r.empty) return { entries: [] };
    const entries = (r.kept ?? []).map((k, i) => ({
      seq: r.first! + i,
      type: messages[k - 1]!.type,
      sentAt: request.sentAt,
      payload: messages[k - 1]!.payload,
    }));
    // Into this view (and out to the listeners) before the caller goes on: read your own writes.
    await this.refresh();
    return { entries };
  }

  /**
   * Reads every batch committed after the last one in the view. Resolves after a read that began
   * after the call, so whatever was committed before the call is in the view by then.
   */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = null;
      return this.readNew();
    });
    this.queued = run;
    this.chain = run.catch(() => {});
    return run;
  }

  private async readNew(): Promise<void> {
    // Batch numbers have no gaps and commit in order, so pages of them are complete.
    while (!this.closed && (await this.readPage()) === READ_PAGE_BATCHES);
  }

  /** Up to READ_PAGE_BATCHES batches after the view's last, into the view and out to the listeners. */
  private async readPage(): Promise<number> {
    // One statement, so one snapshot: a batch is never seen without its envelopes and commands.
    const { rows } = await this.pool.query<{
      batches: BatchRow[];
      envelopes: EnvelopeRow[];
      commands: CommandRow[];
    }>(READ_NEW, [this.lastBatch, this.lastBatch + READ_PAGE_BATCHES]);
    const { batches: batchRows, envelopes: envelopeRows, commands: commandRows } = rows[0]!;
    const batches = new Map<number, LogBatch>();
    for (const row of batchRows)
      batches.set(row.b, row.f === null ? { entries: [] } : { entries: [], frontier: row.f });
    for (const row of envelopeRows) {
      const b = batches.get(row.b)!;
      b.entries.push({ seq: row.s, type: row.t, sentAt: row.a, payload: JSON.parse(row.p) as unknown });
      if (row.i !== null) (b.ids ??= []).push(row.i);
    }
    for (const row of commandRows)
      (batches.get(row.b)!.commands ??= []).push(JSON.parse(row.r) as CommandRecord);
    for (const [number, batch] of batches) {
      this.view.absorb(batch);
      this.lastBatch = number;
      for (const listener of this.listeners) listener(batch);
    }
    return batchRows.length;
  }

  /**
   * Asks to be the gateway that plays the scenario: true while this process holds the lock
   * (a session lock on the LISTEN connection; it goes when the process or its connection does).
   */
  async lead(): Promise<boolean> {
    if (this.leading || !this.listener) return this.leading;
    const { rows } = await this.listener.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      SCENARIO_LEADER_LOCK,
    ]);
    this.leading = rows[0]!.ok;
    return this.leading;
  }

  /**
   * The scenario clock of the database: `fresh` if this is the first gateway on it, else the one
   * stored (so every gateway plays the same scenario time). Refuses another scenario's database.
   */
  async openClock(scenarioId: string, fresh: ClockAnchor): Promise<ClockAnchor> {
    await this.pool.query(
      'INSERT INTO gateway_clock (scenario_id, anchor) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [scenarioId, JSON.stringify(fresh)],
    );
    const { rows } = await this.pool.query<{ scenario_id: string; anchor: string }>(
      'SELECT scenario_id, anchor FROM gateway_clock',
    );
    if (rows[0]!.scenario_id !== scenarioId)
      throw new Error(
        `the database at ${where(this.url)} holds the log of scenario "${rows[0]!.scenario_id}", not "${scenarioId}"; use another database`,
      );
    return JSON.parse(rows[0]!.anchor) as ClockAnchor;
  }

  async loadClock(): Promise<ClockAnchor> {
    const { rows } = await this.pool.query<{ anchor: string }>('SELECT anchor FROM gateway_clock');
    return JSON.parse(rows[0]!.anchor) as ClockAnchor;
  }

  async saveClock(anchor: ClockAnchor): Promise<void> {
    await this.pool.query('UPDATE gateway_clock SET anchor = $1', [JSON.stringify(anchor)]);
  }

  private async listen(): Promise<void> {
    const { Client } = await loadPg();
    const client = new Client({ connectionString: this.url.toString() });
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.leading = false;
      client.end().catch(() => {});
      if (this.closed) return;
      console.error(
        `gateway: lost the PostgreSQL LISTEN connection${err ? `: ${err.message}` : ''}; reconnecting`,
      );
      this.reconnectTimer = setTimeout(() => void this.reconnect(), RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on(
      'notification',
      () =>
        void this.refresh().catch((err: unknown) =>
          console.error(
            `gateway: reading the shared log: ${err instanceof Error ? err.message : String(err)}`,
          ),
        ),
    );
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private async reconnect(): Promise<void> {
    this.reconnectTimer = null;
    try {
      await this.listen();
      await this.refresh();
    } catch (err) {
      if (this.closed) return;
      console.error(
        `gateway: PostgreSQL reconnect failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      this.reconnectTimer = setTimeout(() => void this.reconnect(), RECONNECT_MS);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    this.leading = false;
    await this.chain;
    await listener?.end().catch(() => {});
    // The pool's clients close in the background after end(): their farewells are not errors.
    this.pool.removeAllListeners('error');
    this.pool.on('error', () => {});
    await this.pool.end();
  }
}
