/**
 * The persistent command outbox: every console → gateway command (assign, recall, status) is
 * written here first — in the same transaction as the decision it carries out — and delivered
 * by OutboxDispatcher. A command therefore survives a lost connection or a restart, and its
 * commandId is fixed at enqueue time, so every retry is the same command to the gateway,
 * which executes each commandId at most once.
 *
 * States: pending (never sent) → sent (sent at least once, no ack yet: it may have been
 * executed) → acked (gateway said ok) | failed (gateway refused, or delivery was given up).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { ConsoleCommandSchema, type ConsoleCommand } from '../../../shared/protocol/feed';

export const OUTBOX_STATES = ['pending', 'sent', 'acked', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxEntry {
  /** Delivery order. */
  seq: number;
  commandId: string;
  kind: ConsoleCommand['kind'];
  payload: Record<string, unknown>;
  createdAt: string;
  state: OutboxState;
  attempts: number;
  lastAttemptAt: string | null;
  lastError: string | null;
  ackAt: string | null;
}

export interface NewCommand {
  kind: ConsoleCommand['kind'];
  payload: Record<string, unknown>;
  /** Normally generated (a UUID); pass one only to enqueue a command idempotently yourself. */
  commandId?: string;
}

interface OutboxRow {
  seq: number;
  command_id: string;
  kind: ConsoleCommand['kind'];
  payload: string;
  created_at: string;
  state: OutboxState;
  attempts: number;
  last_attempt_at: string | null;
  last_error: string | null;
  ack_at: string | null;
}

const rowToEntry = (r: OutboxRow): OutboxEntry => ({
  seq: r.seq,
  commandId: r.command_id,
  kind: r.kind,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  createdAt: r.created_at,
  state: r.state,
  attempts: r.attempts,
  lastAttemptAt: r.last_attempt_at,
  lastError: r.last_error,
  ackAt: r.ack_at,
});

/** The wire form of an entry. */
export function toConsoleCommand(entry: Pick<OutboxEntry, 'commandId' | 'kind' | 'payload'>): ConsoleCommand {
  return { commandId: entry.commandId, kind: entry.kind, payload: entry.payload };
}

export class CommandOutbox {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly nextStmt;
  private readonly attemptStmt;
  private readonly errorStmt;
  private readonly ackedStmt;
  private readonly failedStmt;
  private readonly listStmt;
  private readonly countsStmt;
  private readonly now: () => Date;
  private readonly newCommandId: () => string;

  constructor(
    readonly db: Db,
    options: { now?: () => Date; newCommandId?: () => string } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newCommandId = options.newCommandId ?? randomUUID;
    this.insertStmt = db.prepare(
      'INSERT INTO outbox (command_id, kind, payload, created_at) VALUES (?, ?, ?, ?)',
    );
    this.byIdStmt = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE command_id = ?');
    this.nextStmt = db.prepare<[], OutboxRow>(
      "SELECT * FROM outbox WHERE state IN ('pending','sent') ORDER BY seq LIMIT 1",
    );
    this.attemptStmt = db.prepare(
      "UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_attempt_at = ? WHERE command_id = ? AND state IN ('pending','sent')",
    );
    this.errorStmt = db.prepare(
      "UPDATE outbox SET last_error = ? WHERE command_id = ? AND state IN ('pending','sent')",
    );
    this.ackedStmt = db.prepare(
      "UPDATE outbox SET state = 'acked', ack_at = ?, last_error = NULL WHERE command_id = ? AND state IN ('pending','sent')",
    );
    this.failedStmt = db.prepare(
      "UPDATE outbox SET state = 'failed', ack_at = ?, last_error = ? WHERE command_id = ? AND state IN ('pending','sent')",
    );
    this.listStmt = db.prepare<[number], OutboxRow>('SELECT * FROM outbox ORDER BY seq DESC LIMIT ?');
    this.countsStmt = db.prepare<[], { state: OutboxState; n: number }>(
      'SELECT state, COUNT(*) AS n FROM outbox GROUP BY state',
    );
  }

  /**
   * Stores a command for delivery and returns it with its commandId. Call inside the
   * transaction that records the decision (alert transition, audit entry), so either both are
   * stored or neither. Throws when the command would not pass the protocol schema.
   */
  enqueue(command: NewCommand): OutboxEntry {
    const parsed = ConsoleCommandSchema.parse({
      commandId: command.commandId ?? this.newCommandId(),
      kind: command.kind,
      payload: command.payload,
    });
    this.insertStmt.run(
      parsed.commandId,
      parsed.kind,
      JSON.stringify(parsed.payload),
      this.now().toISOString(),
    );
    return this.get(parsed.commandId)!;
  }

  get(commandId: string): OutboxEntry | null {
    const row = this.byIdStmt.get(commandId);
    return row ? rowToEntry(row) : null;
  }

  /** The oldest command still to deliver (pending, or sent without an ack), or null. */
  nextDeliverable(): OutboxEntry | null {
    const row = this.nextStmt.get();
    return row ? rowToEntry(row) : null;
  }

  /** Counts an attempt before the send, so a crash mid-send still shows it may have gone out. */
  markAttempt(commandId: string): void {
    this.attemptStmt.run(this.now().toISOString(), commandId);
  }

  /** A send that got no usable answer (timeout, disconnect); the command stays deliverable. */
  recordError(commandId: string, error: string): void {
    this.errorStmt.run(error, commandId);
  }

  markAcked(commandId: string): void {
    this.ackedStmt.run(this.now().toISOString(), commandId);
  }

  /** Final: the gateway refused the command (its refusal is durable too) or delivery was abandoned. */
  markFailed(commandId: string, error: string): void {
    this.failedStmt.run(this.now().toISOString(), error, commandId);
  }

  /** Newest first. */
  recent(limit = 100): OutboxEntry[] {
    return this.listStmt.all(limit).map(rowToEntry);
  }

  counts(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { pending: 0, sent: 0, acked: 0, failed: 0 };
    for (const r of this.countsStmt.all()) counts[r.state] = r.n;
    return counts;
  }
}
