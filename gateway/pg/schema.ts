import type pg from 'pg';

/**
 * The gateway's tables in PostgreSQL, as numbered migrations: each runs once, in order, in its
 * own transaction, and is recorded in gateway_schema. Several gateways starting at once take an
 * advisory lock first, so only one migrates. Never edit a released migration; add the next.
 */
const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      -- One row: the seq space (its id is the gatewayId consoles see) and the last seq and batch
      -- handed out. Every append locks this row first, so appends commit in seq order.
      CREATE TABLE feed_head (
        only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        log_id    text NOT NULL,
        seq       bigint NOT NULL DEFAULT 0,
        batch     bigint NOT NULL DEFAULT 0,
        frontier  double precision
      );
      INSERT INTO feed_head (log_id) VALUES (gen_random_uuid()::text);

      -- One row per append (the file log's line): its scenario frontier, if any.
      CREATE TABLE feed_batch (
        batch      bigint PRIMARY KEY,
        frontier   double precision,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE feed_envelope (
        seq          bigint PRIMARY KEY,
        batch        bigint NOT NULL REFERENCES feed_batch (batch),
        id           text UNIQUE,
        type         text NOT NULL,
        sent_at      text NOT NULL,
        payload      text NOT NULL,
        -- unit id of a unit.position: a newer report of the same unit deletes the older one
        position_key text
      );
      CREATE INDEX feed_envelope_batch ON feed_envelope (batch);
      CREATE INDEX feed_envelope_position ON feed_envelope (position_key) WHERE position_key IS NOT NULL;

      -- Commands executed, at most once per id across all gateways; record is the CommandRecord JSON.
      CREATE TABLE feed_command (
        command_id text PRIMARY KEY,
        batch      bigint NOT NULL REFERENCES feed_batch (batch),
        record     text NOT NULL
      );
      CREATE INDEX feed_command_batch ON feed_command (batch);

      -- Packets over the NOTIFY size limit, for @socket.io/postgres-adapter (its README's table).
      CREATE TABLE socket_io_attachments (
        id         bigserial UNIQUE,
        created_at timestamptz DEFAULT NOW(),
        payload    bytea
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- An append in one round trip (one statement, its own transaction): lock the head row, refuse
      -- a known command, leave out messages whose id is logged, insert, supersede older position
      -- reports, advance the head, NOTIFY (sent at commit). Returns {"duplicate": record} or
      -- {"empty": true} or {"batch": n, "first": first seq, "kept": 1-based indexes kept}.
      CREATE FUNCTION feed_append(p_sent_at text, p_ids text[], p_types text[], p_payloads text[], p_keys text[],
                                  p_frontier double precision, p_command_ids text[], p_command_records text[])
      RETURNS jsonb LANGUAGE plpgsql AS $fn$
      DECLARE
        h_seq bigint; h_batch bigint; dup text; keep int[]; b bigint;
      BEGIN
        SELECT seq, batch INTO h_seq, h_batch FROM feed_head FOR UPDATE;
        IF cardinality(p_command_ids) > 0 THEN
          SELECT record INTO dup FROM feed_command WHERE command_id = ANY (p_command_ids) LIMIT 1;
          IF dup IS NOT NULL THEN RETURN jsonb_build_object('duplicate', dup); END IF;
        END IF;
        SELECT coalesce(array_agg(i ORDER BY i), '{}') INTO keep
          FROM generate_subscripts(p_types, 1) AS i
          WHERE p_ids[i] IS NULL OR NOT EXISTS (SELECT 1 FROM feed_envelope e WHERE e.id = p_ids[i]);
        IF cardinality(keep) = 0 AND cardinality(p_command_ids) = 0 AND p_frontier IS NULL THEN
          RETURN jsonb_build_object('empty', true);
        END IF;
        b := h_batch + 1;
        INSERT INTO feed_batch (batch, frontier) VALUES (b, p_frontier);
        INSERT INTO feed_envelope (seq, batch, id, type, sent_at, payload, position_key)
          SELECT h_seq + o, b, p_ids[k], p_types[k], p_sent_at, p_payloads[k], p_keys[k]
          FROM unnest(keep) WITH ORDINALITY AS u(k, o);
        DELETE FROM feed_envelope e
          USING (SELECT p_keys[k] AS key, max(h_seq + o) AS last FROM unnest(keep) WITH ORDINALITY AS u(k, o)
                 WHERE p_keys[k] IS NOT NULL GROUP BY 1) AS l
          WHERE e.position_key = l.key AND e.seq < l.last;
        INSERT INTO feed_command (command_id, batch, record)
          SELECT c, b, r FROM unnest(p_command_ids, p_command_records) AS u(c, r);
        UPDATE feed_head SET seq = h_seq + cardinality(keep), batch = b, frontier = coalesce(p_frontier, frontier);
        PERFORM pg_notify('gateway_feed', b::text);
        RETURN jsonb_build_object('batch', b, 'first', h_seq + 1, 'kept', to_jsonb(keep));
      END
      $fn$;
    `,
  },
  {
    version: 3,
    sql: `
      -- The scenario clock all gateways on the database play by (ClockAnchor JSON), and the
      -- scenario it belongs to: a gateway started with another scenario is refused.
      CREATE TABLE gateway_clock (
        only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        scenario_id text NOT NULL,
        anchor      text NOT NULL
      );
    `,
  },
  {
    version: 4,
    sql: `
      -- Seat decisions across gateways (gateway/feed/seatKeys.ts): the seat state each envelope
      -- changes, and an append guarded by what its decision read. A guarded append whose keys were
      -- changed after the seq it was decided at returns {"stale": true} and appends nothing; the
      -- gateway decides again on the newer log. The check runs under the head lock, so the first
      -- of two racing decisions in log order is the one that stands.
      ALTER TABLE feed_envelope ADD COLUMN seat_keys text[];
      DROP FUNCTION feed_append(text, text[], text[], text[], text[], double precision, text[], text[]);
      CREATE FUNCTION feed_append(p_sent_at text, p_ids text[], p_types text[], p_payloads text[], p_keys text[],
                                  p_frontier double precision, p_command_ids text[], p_command_records text[],
                                  p_seat_keys text[] DEFAULT NULL, p_guard_seq bigint DEFAULT NULL,
                                  p_guard_keys text[] DEFAULT '{}')
      RETURNS jsonb LANGUAGE plpgsql AS $fn$
      DECLARE
        h_seq bigint; h_batch bigint; dup text; keep int[]; b bigint;
      BEGIN
        SELECT seq, batch INTO h_seq, h_batch FROM feed_head FOR UPDATE;
        IF cardinality(p_command_ids) > 0 THEN
          SELECT record INTO dup FROM feed_command WHERE command_id = ANY (p_command_ids) LIMIT 1;
          IF dup IS NOT NULL THEN RETURN jsonb_build_object('duplicate', dup); END IF;
        END IF;
        IF p_guard_seq IS NOT NULL AND p_guard_seq < h_seq AND cardinality(p_guard_keys) > 0 AND EXISTS (
          SELECT 1 FROM feed_envelope e WHERE e.seq > p_guard_seq AND e.seat_keys && p_guard_keys
        ) THEN
          RETURN jsonb_build_object('stale', true);
        END IF;
        SELECT coalesce(array_agg(i ORDER BY i), '{}') INTO keep
          FROM generate_subscripts(p_types, 1) AS i
          WHERE p_ids[i] IS NULL OR NOT EXISTS (SELECT 1 FROM feed_envelope e WHERE e.id = p_ids[i]);
        IF cardinality(keep) = 0 AND cardinality(p_command_ids) = 0 AND p_frontier IS NULL THEN
          RETURN jsonb_build_object('empty', true);
        END IF;
        b := h_batch + 1;
        INSERT INTO feed_batch (batch, frontier) VALUES (b, p_frontier);
        INSERT INTO feed_envelope (seq, batch, id, type, sent_at, payload, position_key, seat_keys)
          SELECT h_seq + o, b, p_ids[k], p_types[k], p_sent_at, p_payloads[k], p_keys[k],
                 CASE WHEN p_seat_keys[k] IS NULL THEN NULL
                      ELSE ARRAY(SELECT jsonb_array_elements_text(p_seat_keys[k]::jsonb)) END
          FROM unnest(keep) WITH ORDINALITY AS u(k, o);
        DELETE FROM feed_envelope e
          USING (SELECT p_keys[k] AS key, max(h_seq + o) AS last FROM unnest(keep) WITH ORDINALITY AS u(k, o)
                 WHERE p_keys[k] IS NOT NULL GROUP BY 1) AS l
          WHERE e.position_key = l.key AND e.seq < l.last;
        INSERT INTO feed_command (command_id, batch, record)
          SELECT c, b, r FROM unnest(p_command_ids, p_command_records) AS u(c, r);
        UPDATE feed_head SET seq = h_seq + cardinality(keep), batch = b, frontier = coalesce(p_frontier, frontier);
        PERFORM pg_notify('gateway_feed', b::text);
        RETURN jsonb_build_object('batch', b, 'first', h_seq + 1, 'kept', to_jsonb(keep));
      END
      $fn$;
    `,
  },
  {
    version: 5,
    sql: `
      -- position_key becomes the log's supersede key (gateway/feed/feedLog.ts supersedeKey): the
      -- type names it, so seat.presence lists supersede each other too (only the latest is kept).
      UPDATE feed_envelope SET position_key = 'unit.position:' || position_key
        WHERE type = 'unit.position' AND position_key IS NOT NULL;
      DELETE FROM feed_envelope
        WHERE type = 'seat.presence' AND seq < (SELECT max(seq) FROM feed_envelope WHERE type = 'seat.presence');
      UPDATE feed_envelope SET position_key = 'seat.presence' WHERE type = 'seat.presence';
    `,
  },
  {
    version: 6,
    sql: `
      -- Gateways alive on the database (gateway/pg/gatewayLiveness.ts): each renews its row while
      -- it runs; a row past expires_at is a gateway gone, whose seat.presence list the others
      -- empty. seat.presence lists are now kept one per gateway (supersede key seat.presence:<id>).
      CREATE TABLE gateway_instance (
        id         text PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
const MIGRATION_LOCK = 741_013_001;

/** Brings the database to SCHEMA_VERSION; refuses a database migrated by a newer gateway. */
export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS gateway_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM gateway_schema');
    const current = rows[0]?.v ?? 0;
    if (current > SCHEMA_VERSION)
      throw new Error(
        `the database's gateway schema is version ${current}, newer than this gateway's ${SCHEMA_VERSION}: upgrade the gateway`,
      );
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO gateway_schema (version) VALUES ($1)', [m.version]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(
          `gateway schema migration ${m.version} failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    return SCHEMA_VERSION;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
