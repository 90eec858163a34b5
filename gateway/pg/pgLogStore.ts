import pg from 'pg';
import type { CommandAck } from '../../shared/protocol/feed';
import { FeedLog, type AppendRequest, type CommandRecord, type LogBatch, type WireEnvelope } from '../feedLog';
import type { AppendResult, LogStore } from '../logStore';
import { migrate } from './schema';

const CHANNEL = 'gateway_feed';
/** Held (session-level) by the one gateway that plays the scenario; see `lead()`. */
const SCENARIO_LEADER_LOCK = 741_013_002;
const RECONNECT_MS = 1000;

/** Unit position reports supersede each other (as in the file log): keyed by unit id. */
function positionKey(type: string, payload: unknown): string | null {
  if (type !== 'unit.position') return null;
  const unitId = (payload as { unitId?: unknown } | null)?.unitId;
  return typeof unitId === 'string' ? unitId : null;
}

/** host:port/database of a URL, never its password: for messages. */
function where(url: URL): string {
  return `${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** Checks a --database value before anything connects; throws a message saying what is expected. */
export function parseDatabaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--database must be a URL like postgres://user:password@host:5432/dbname, got "${text}"`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error(`--database must be a postgres:// or postgresql:// URL, got "${url.protocol}//…"`);
  if (!url.hostname) throw new Error('--database URL has no host');
  if (url.pathname.length <= 1) throw new Error(`--database URL names no database (postgres://…/dbname), got "${where(url)}"`);
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
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    pool.on('error', (err) => console.error(`gateway: PostgreSQL pool: ${err.message}`));
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => {});
      throw new Error(`cannot connect to PostgreSQL at ${where(url)}: ${err instanceof Error ? err.message : String(err)}`);
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
    const client = await this.pool.connect();
    let result: AppendResult;
    try {
      await client.query('BEGIN');
      result = await this.appendIn(client, request);
      await client.query(result.entries.length > 0 || request.commands?.length || request.frontier !== undefined ? 'COMMIT' : 'ROLLBACK');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    // Into this view (and out to the listeners) before the caller goes on: read your own writes.
    if (!result.duplicateCommand) await this.refresh();
    return result;
  }

  private async appendIn(client: pg.PoolClient, request: AppendRequest): Promise<AppendResult> {
    const head = (await client.query<{ seq: string; batch: string }>('SELECT seq, batch FROM feed_head FOR UPDATE')).rows[0]!;
    const commands = request.commands ?? [];
    if (commands.length > 0) {
      const known = await client.query<{ record: string }>('SELECT record FROM feed_command WHERE command_id = ANY($1::text[]) LIMIT 1', [commands.map((c) => c.commandId)]);
      if (known.rows[0]) return { entries: [], duplicateCommand: (JSON.parse(known.rows[0].record) as CommandRecord).ack };
    }
    let messages = this.view.unlogged(request.messages);
    const ids = messages.flatMap((m) => (m.id === undefined ? [] : [m.id]));
    if (ids.length > 0) {
      const logged = new Set((await client.query<{ id: string }>('SELECT id FROM feed_envelope WHERE id = ANY($1::text[])', [ids])).rows.map((r) => r.id));
      if (logged.size > 0) messages = messages.filter((m) => m.id === undefined || !logged.has(m.id));
    }
    if (messages.length === 0 && commands.length === 0 && request.frontier === undefined) return { entries: [] };

    const batch = Number(head.batch) + 1;
    const first = Number(head.seq) + 1;
    const entries = messages.map((m, i) => ({ seq: first + i, type: m.type, sentAt: request.sentAt, payload: m.payload }));
    await client.query('INSERT INTO feed_batch (batch, frontier) VALUES ($1, $2)', [batch, request.frontier ?? null]);
    if (entries.length > 0) {
      const keys = messages.map((m) => positionKey(m.type, m.payload));
      await client.query(
        `INSERT INTO feed_envelope (seq, batch, id, type, sent_at, payload, position_key)
         SELECT s, $1, i, t, $2, p, k FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(s, i, t, p, k)`,
        [batch, request.sentAt, entries.map((e) => e.seq), messages.map((m) => m.id ?? null), messages.map((m) => m.type), messages.map((m) => JSON.stringify(m.payload) ?? 'null'), keys],
      );
      const latest = new Map<string, number>();
      keys.forEach((k, i) => k !== null && latest.set(k, entries[i]!.seq));
      if (latest.size > 0) {
        await client.query('DELETE FROM feed_envelope e USING unnest($1::text[], $2::bigint[]) AS u(k, s) WHERE e.position_key = u.k AND e.seq < u.s', [[...latest.keys()], [...latest.values()]]);
      }
    }
    if (commands.length > 0) {
      await client.query('INSERT INTO feed_command (command_id, batch, record) SELECT c, $1, r FROM unnest($2::text[], $3::text[]) AS u(c, r)', [batch, commands.map((c) => c.commandId), commands.map((c) => JSON.stringify(c))]);
    }
    const newHead = entries.length > 0 ? entries[entries.length - 1]!.seq : Number(head.seq);
    await client.query('UPDATE feed_head SET seq = $1, batch = $2, frontier = coalesce($3, frontier)', [newHead, batch, request.frontier ?? null]);
    await client.query('SELECT pg_notify($1, $2)', [CHANNEL, String(batch)]);
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
    if (this.closed) return;
    const client = await this.pool.connect();
    let batchRows: { batch: string; frontier: number | null }[];
    let envelopeRows: { seq: string; batch: string; id: string | null; type: string; sent_at: string; payload: string }[];
    let commandRows: { batch: string; record: string }[];
    try {
      // One snapshot for the three reads, so a batch is never seen without its envelopes.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const after = [this.lastBatch];
      batchRows = (await client.query('SELECT batch, frontier FROM feed_batch WHERE batch > $1 ORDER BY batch', after)).rows;
      envelopeRows = batchRows.length ? (await client.query('SELECT seq, batch, id, type, sent_at, payload FROM feed_envelope WHERE batch > $1 ORDER BY seq', after)).rows : [];
      commandRows = batchRows.length ? (await client.query('SELECT batch, record FROM feed_command WHERE batch > $1 ORDER BY batch, command_id', after)).rows : [];
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const batches = new Map<number, LogBatch>();
    for (const row of batchRows) batches.set(Number(row.batch), row.frontier === null ? { entries: [] } : { entries: [], frontier: row.frontier });
    for (const row of envelopeRows) {
      const b = batches.get(Number(row.batch))!;
      b.entries.push({ seq: Number(row.seq), type: row.type, sentAt: row.sent_at, payload: JSON.parse(row.payload) as unknown });
      if (row.id !== null) (b.ids ??= []).push(row.id);
    }
    for (const row of commandRows) (batches.get(Number(row.batch))!.commands ??= []).push(JSON.parse(row.record) as CommandRecord);
    for (const [number, batch] of batches) {
      this.view.absorb(batch);
      this.lastBatch = number;
      for (const listener of this.listeners) listener(batch);
    }
  }

  /**
   * Asks to be the gateway that plays the scenario: true while this process holds the lock
   * (a session lock on the LISTEN connection; it goes when the process or its connection does).
   */
  async lead(): Promise<boolean> {
    if (this.leading || !this.listener) return this.leading;
    const { rows } = await this.listener.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [SCENARIO_LEADER_LOCK]);
    this.leading = rows[0]!.ok;
    return this.leading;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url.toString() });
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.leading = false;
      client.end().catch(() => {});
      if (this.closed) return;
      console.error(`gateway: lost the PostgreSQL LISTEN connection${err ? `: ${err.message}` : ''}; reconnecting`);
      this.reconnectTimer = setTimeout(() => void this.reconnect(), RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => void this.refresh().catch((err: unknown) => console.error(`gateway: reading the shared log: ${err instanceof Error ? err.message : String(err)}`)));
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
      console.error(`gateway: PostgreSQL reconnect failed: ${err instanceof Error ? err.message : String(err)}`);
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
    await this.pool.end();
  }
}
