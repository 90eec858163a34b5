/**
 * The append-only audit log (审计日志): who did what to which alert, unit or account, when.
 *
 * Entries are chained: each hash covers the canonical entry and the previous entry's hash, so
 * changing, inserting or removing a row in the middle breaks every later link. Since schema
 * version 4 the link is an HMAC-SHA256 under a key kept outside the database (./auditKey.ts):
 * someone who drops the triggers and rewrites rows cannot recompute it. Entries written before
 * (alg `sha256`, plain SHA-256) stay verifiable as a legacy prefix; the first keyed entry covers
 * the legacy head, and no plain entry may follow a keyed one (docs/audit.md).
 * Removing rows from the end cannot be seen from inside the chain: the head hash is anchored
 * outside the seat (shift summary, drill report, every gateway command) and `verify({ anchor })`
 * checks that the chain still contains it.
 */
import type { Db } from '../db/database';
import type { LifecycleEvent } from '../../../shared/domain/lifecycle';
import { canonicalJson } from './canonicalJson';
import type { AuditKeyProvider } from './auditKey';
import { GENESIS_HASH, KEYED_ALG, auditEntryHmac, type AuditRow } from './auditChain';
import { verifyAuditChain, type AuditVerification } from './auditVerification';

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
  private readonly headAlgStmt;
  private readonly insertStmt;
  private readonly allStmt;
  private readonly bySubjectStmt;
  private readonly recentStmt;
  private readonly now: () => Date;
  private readonly mode: string | null;
  private readonly keys: AuditKeyProvider;

  constructor(
    private readonly db: Db,
    /** `key`: the HMAC key's provider; `mode`: set in a training drill (`drill:<id>`), stamped into every entry's payload. */
    options: { key: AuditKeyProvider; now?: () => Date; mode?: string },
  ) {
    this.now = options.now ?? (() => new Date());
    this.mode = options.mode ?? null;
    this.keys = options.key;
    this.headStmt = db.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    this.headAlgStmt = db.prepare<[], { alg: string }>('SELECT alg FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare(
      'INSERT INTO audit_log (seq, at, operator, action, subject, payload, prev_hash, hash, alg) VALUES (@seq, @at, @operator, @action, @subject, @payload, @prevHash, @hash, @alg)',
    );
    this.allStmt = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');
    this.bySubjectStmt = db.prepare<[string, number], AuditRow>(
      'SELECT * FROM audit_log WHERE subject = ? ORDER BY seq DESC LIMIT ?',
    );
    this.recentStmt = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?');
  }

  /**
   * Appends one entry. Inside the caller's transaction when there is one, so the entry commits
   * or rolls back with the change it records; otherwise in its own IMMEDIATE transaction, so a
   * second process cannot read the same head and fork the chain.
   */
  append(input: AuditAppend): AuditEntry {
    for (const field of ['operator', 'action', 'subject'] as const) {
      if (typeof input[field] !== 'string' || input[field].length === 0)
        throw new TypeError(`audit entry needs a ${field}`);
    }
    const at = input.at ?? this.now().toISOString();
    if (!Number.isFinite(Date.parse(at))) throw new TypeError(`audit entry has an invalid time: ${at}`);
    const payload = input.payload ?? null;
    const stamped =
      this.mode === null
        ? payload
        : payload !== null && typeof payload === 'object' && !Array.isArray(payload)
          ? { ...payload, mode: this.mode }
          : { value: payload, mode: this.mode };
    const payloadJson = canonicalJson(stamped);
    const write = (): AuditEntry => {
      const head = this.headStmt.get();
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      const hash = auditEntryHmac(this.keys.key(), {
        seq,
        at,
        operator: input.operator,
        action: input.action,
        subject: input.subject,
        payloadJson,
        prevHash,
      });
      this.insertStmt.run({
        seq,
        at,
        operator: input.operator,
        action: input.action,
        subject: input.subject,
        payload: payloadJson,
        prevHash,
        hash,
        alg: KEYED_ALG,
      });
      return {
        seq,
        at,
        operator: input.operator,
        action: input.action,
        subject: input.subject,
        payload: JSON.parse(payloadJson) as unknown,
        prevHash,
        hash,
      };
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
    return (subject === undefined ? this.recentStmt.all(limit) : this.bySubjectStmt.all(subject, limit)).map(
      rowToEntry,
    );
  }

  head(): { seq: number; hash: string } {
    return this.headStmt.get() ?? { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * A log written before schema version 5 ends in plain-hash entries; this appends the keyed
   * `audit.keyed` entry over their head, so from now on the legacy prefix cannot be rewritten.
   * Only when the key was created just now (the folder's first keyed start): a plain head under
   * an older key means the log was rewritten, and sealing it would bless the forgery.
   * Returns the entry, or null when there is nothing (or nothing allowed) to seal.
   */
  sealLegacy(): AuditEntry | null {
    const head = this.head();
    if (head.seq === 0 || this.headAlgStmt.get()?.alg === KEYED_ALG) return null;
    this.keys.key();
    if (!this.keys.created()) return null;
    return this.append({
      operator: 'system',
      action: 'audit.keyed',
      subject: 'audit',
      payload: { legacyEntries: head.seq, legacyHead: head.hash, keySource: this.keys.source },
    });
  }

  /** Verifies the whole chain under the current key; see verifyAuditChain. */
  verify(options: { anchor?: string } = {}): AuditVerification {
    // The key first: an open row iterator would keep the connection busy if the key provider threw.
    const key = this.keys.key();
    return verifyAuditChain(this.allStmt.iterate(), key, options);
  }
}
