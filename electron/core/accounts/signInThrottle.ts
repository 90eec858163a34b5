/**
 * Brute-force protection for the seat's sign-in (登录限速与锁定). Failures are counted per account
 * and per seat (every name tried at this console), in the database so a restart does not reset
 * them. After a few free failures each further attempt must wait a doubling delay; an account
 * with too many failures is locked until a supervisor unlocks it (contract `operator.unlock`, or
 * `npm run cli -- accounts unlock`); the seat, after too many failures across names, is locked for
 * a while (or until unlocked). Attempts inside a delay or a lock are refused before the password
 * is checked, so the right password does not get through either. Time comes from `now`.
 */
import type { Db } from '../db/database';
import { normaliseUsername } from './operatorAccounts';

export interface ThrottlePolicy {
  /** Failures of one account before its delays start. */
  freeFailures: number;
  /** Failures at the seat (several people mistype) before the seat's delays start. */
  seatFreeFailures: number;
  /** First delay; doubled per further failure up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures of one account that lock it until a supervisor unlocks it. */
  accountLockAfter: number;
  /** Failures at the seat (any names) that lock the seat for seatLockMs. */
  seatLockAfter: number;
  seatLockMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  seatFreeFailures: 10,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  accountLockAfter: 10,
  seatLockAfter: 30,
  seatLockMs: 15 * 60_000,
};

export type ThrottleScope = 'account' | 'seat';
export type ThrottleGate =
  | { ok: true }
  | { ok: false; scope: ThrottleScope; reason: 'locked' | 'delayed'; retryAfterMs: number | null };
export interface FailureOutcome {
  accountFailures: number;
  seatFailures: number;
  /** Locks that this failure started (each is audited). */
  lockedNow: ThrottleScope[];
}

interface Row {
  key: string;
  failures: number;
  last_failure_at: string;
  not_before: string | null;
  locked: number;
}

const SEAT_KEY = 'seat';
const accountKey = (username: string) => `account:${normaliseUsername(username)}`;

export class SignInThrottle {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;
  private readonly lockedStmt;

  constructor(
    private readonly db: Db,
    private readonly options: { now?: () => Date; policy?: ThrottlePolicy } = {},
  ) {
    this.getStmt = db.prepare<[string], Row>('SELECT * FROM sign_in_failures WHERE key = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO sign_in_failures (key, failures, last_failure_at, not_before, locked) VALUES (@key, @failures, @at, @notBefore, @locked)
       ON CONFLICT (key) DO UPDATE SET failures = @failures, last_failure_at = @at, not_before = @notBefore, locked = @locked`,
    );
    this.deleteStmt = db.prepare('DELETE FROM sign_in_failures WHERE key = ?');
    this.lockedStmt = db.prepare<[], Row>(
      "SELECT * FROM sign_in_failures WHERE locked = 1 AND key LIKE 'account:%' ORDER BY key",
    );
  }

  private get policy(): ThrottlePolicy {
    return this.options.policy ?? DEFAULT_THROTTLE_POLICY;
  }

  private nowMs(): number {
    return (this.options.now?.() ?? new Date()).getTime();
  }

  /** May `username` try a password now? The account's own delay or lock first, then the seat's (which refuses every name). */
  check(username: string): ThrottleGate {
    const now = this.nowMs();
    for (const [scope, key] of [
      ['account', accountKey(username)],
      ['seat', SEAT_KEY],
    ] as const) {
      const row = this.getStmt.get(key);
      if (!row) continue;
      const notBefore = row.not_before === null ? null : Date.parse(row.not_before);
      // An account lock has no end; a seat lock ends at not_before.
      if (row.locked === 1 && (scope === 'account' || notBefore === null))
        return { ok: false, scope, reason: 'locked', retryAfterMs: null };
      if (notBefore !== null && now < notBefore)
        return {
          ok: false,
          scope,
          reason: row.locked === 1 ? 'locked' : 'delayed',
          retryAfterMs: notBefore - now,
        };
    }
    return { ok: true };
  }

  /** Counts a wrong password (or unknown name) against the account and the seat, in one transaction. */
  recordFailure(username: string): FailureOutcome {
    return this.db.transaction((): FailureOutcome => {
      const now = this.nowMs();
      const at = new Date(now).toISOString();
      const lockedNow: ThrottleScope[] = [];
      const bump = (key: string, scope: ThrottleScope): number => {
        const row = this.getStmt.get(key);
        const failures = (row?.failures ?? 0) + 1;
        const p = this.policy;
        const lockAt = scope === 'account' ? p.accountLockAfter : p.seatLockAfter;
        const lock = failures >= lockAt;
        // A seat lock is timed: each failure past the limit starts (and audits) a new one.
        if (lock && (row?.locked !== 1 || scope === 'seat')) lockedNow.push(scope);
        const extra = failures - (scope === 'account' ? p.freeFailures : p.seatFreeFailures);
        let notBefore: number | null =
          extra > 0 ? now + Math.min(p.baseDelayMs * 2 ** (extra - 1), p.maxDelayMs) : null;
        if (lock && scope === 'seat') notBefore = now + p.seatLockMs;
        this.upsertStmt.run({
          key,
          failures,
          at,
          notBefore: notBefore === null ? null : new Date(notBefore).toISOString(),
          locked: lock ? 1 : 0,
        });
        return failures;
      };
      const accountFailures = bump(accountKey(username), 'account');
      const seatFailures = bump(SEAT_KEY, 'seat');
      return { accountFailures, seatFailures, lockedNow };
    })();
  }

  /** A successful sign-in clears the account's and the seat's count. */
  recordSuccess(username: string): void {
    this.db.transaction(() => {
      this.deleteStmt.run(accountKey(username));
      this.deleteStmt.run(SEAT_KEY);
    })();
  }

  /** Clears an account's failures and lock; false when there was nothing to clear. */
  unlockAccount(username: string): boolean {
    return this.deleteStmt.run(accountKey(username)).changes > 0;
  }

  unlockSeat(): boolean {
    return this.deleteStmt.run(SEAT_KEY).changes > 0;
  }

  /** Accounts locked until a supervisor unlocks them. */
  lockedAccounts(): { username: string; failures: number; lastFailureAt: string }[] {
    return this.lockedStmt.all().map((r) => ({
      username: r.key.slice('account:'.length),
      failures: r.failures,
      lastFailureAt: r.last_failure_at,
    }));
  }
}
