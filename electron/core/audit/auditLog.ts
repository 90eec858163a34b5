/**
 * The append-only audit log (审计日志): who did what to which alert, unit or account, when.
 *
 * Entries are hash-chained: each hash covers the canonical entry and the previous entry's hash,
 * so changing, inserting or removing a row in the middle breaks every later link. Triggers in
 * the schema refuse UPDATE and DELETE; `verify` still catches someone who dropped them.
 * Removing rows from the end cannot be seen from inside the chain: keep `headHash` somewhere
 * else (a shift report, a supervisor's printout) and compare.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import type { LifecycleEvent } from '../../../shared/domain/lifecycle/stateMachine';
import { canonicalJson } from './canonicalJson';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: string;
  operator: string;
  /** Dotted verb, e.g. `alert.dispatch`, `operator.create`, `outbox.failed`. */
  action: string;
  /** What the action concerns, as `kind:id`, e.g. `alert:110-20261120-0001`. */
  subject: string;
  payload: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditAppend {
  operator: string;
  action: string;
  subject: string;
  payload?: unknown;
  /** Defaults to the log's clock. */
  at?: string;
}

/** `entries` and `headHash` cover the entries that verified (all of them when ok). */
export type AuditVerification =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; headHash: string; firstBadSeq: number; reason: string };

interface AuditRow {
  seq: number;
  at: string;
  operator: string;
  action: string;
  subject: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** SHA-256 (hex) of the canonical form of everything in the entry except its own hash. */
export function auditEntryHash(entry: { seq: number; at: string; operator: string; action: string; subject: string; payloadJson: string; prevHash: string }): string {
  const canonical = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    operator: entry.operator,
    action: entry.action,
    subject: entry.subject,
    payload: entry.payloadJson,
    prevHash: entry.prevHash,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

const rowToEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  operator: r.operator,
  action: r.action,
  subject: r.subject,
  payload: JSON.parse(r.payload) as unknown,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export class AuditLog {
  private readonly headStmt;
  private readonly insertStmt;
  private readonly allStmt;
  private readonly bySubjectStmt;
  private readonly recentStmt;
  private readonly now: () => Date;
  private readonly mode: string | null;

  constructor(
    private readonly db: Db,
    /** `mode`: set in a training drill (`drill:<id>`); stamped into every entry's payload. */
    options: { now?: () => Date; mode?: string } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.mode = options.mode ?? null;
    this.headStmt = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare(
      'INSERT INTO audit_log (seq, at, operator, action, subject, payload, prev_hash, hash) VALUES (@seq, @at, @operator, @action, @subject, @payload, @prevHash, @hash)',
    );
    this.allStmt = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');
    this.bySubjectStmt = db.prepare<[string, number], AuditRow>('SELECT * FROM audit_log WHERE subject = ? ORDER BY seq DESC LIMIT ?');
    this.recentStmt = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?');
  }

  /**
   * Appends one entry. Inside the caller's transaction when there is one, so the entry commits
   * or rolls back with the change it records; otherwise in its own IMMEDIATE transaction, so a
   * second process cannot read the same head and fork the chain.
   */
  append(input: AuditAppend): AuditEntry {
    for (const field of ['operator', 'action', 'subject'] as const) {
      if (typeof input[field] !== 'string' || input[field].length === 0) throw new TypeError(`audit entry needs a ${field}`);
    }
    const at = input.at ?? this.now().toISOString();
    if (!Number.isFinite(Date.parse(at))) throw new TypeError(`audit entry has an invalid time: ${at}`);
    const payload = input.payload ?? null;
    const stamped = this.mode === null ? payload : payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? { ...payload, mode: this.mode } : { value: payload, mode: this.mode };
    const payloadJson = canonicalJson(stamped);
    const write = (): AuditEntry => {
      const head = this.headStmt.get();
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      const hash = auditEntryHash({ seq, at, operator: input.operator, action: input.action, subject: input.subject, payloadJson, prevHash });
      this.insertStmt.run({ seq, at, operator: input.operator, action: input.action, subject: input.subject, payload: payloadJson, prevHash, hash });
      return { seq, at, operator: input.operator, action: input.action, subject: input.subject, payload: JSON.parse(payloadJson) as unknown, prevHash, hash };
    };
    return this.db.inTransaction ? write() : this.db.transaction(write).immediate();
  }

  /** Records one lifecycle step of an alert (shared/domain/lifecycle) as `alert.<action>`. */
  appendLifecycleEvent(alertId: string, event: LifecycleEvent): AuditEntry {
    return this.append({
      at: event.at,
      operator: event.operator,
      action: `alert.${event.action}`,
      subject: `alert:${alertId}`,
      payload: { from: event.from, to: event.to, note: event.note, data: event.data },
    });
  }

  /** Newest first. */
  recent(limit = 100, subject?: string): AuditEntry[] {
    return (subject === undefined ? this.recentStmt.all(limit) : this.bySubjectStmt.all(subject, limit)).map(rowToEntry);
  }

  head(): { seq: number; hash: string } {
    return this.headStmt.get() ?? { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * Walks the whole chain in order and reports the first entry that does not hold: a gap in
   * seq, a prev_hash that is not the previous hash, a payload not in canonical form, or a hash
   * that does not match the content. Streams rows, so a long log needs no memory.
   */
  verify(): AuditVerification {
    let entries = 0;
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    const bad = (seq: number, reason: string): AuditVerification => ({ ok: false, entries, headHash: prevHash, firstBadSeq: seq, reason });
    for (const row of this.allStmt.iterate()) {
      if (row.seq !== expectedSeq) return bad(row.seq, `expected seq ${expectedSeq}, found ${row.seq} (entries missing)`);
      if (row.prev_hash !== prevHash) return bad(row.seq, 'prev_hash does not match the previous entry');
      let canonical: string;
      try {
        canonical = canonicalJson(JSON.parse(row.payload));
      } catch {
        return bad(row.seq, 'payload is not valid JSON');
      }
      if (canonical !== row.payload) return bad(row.seq, 'payload is not in canonical form');
      const hash = auditEntryHash({ ...row, payloadJson: row.payload, prevHash: row.prev_hash });
      if (hash !== row.hash) return bad(row.seq, 'hash does not match the entry');
      prevHash = row.hash;
      expectedSeq++;
      entries++;
    }
    return { ok: true, entries, headHash: prevHash };
  }
}
