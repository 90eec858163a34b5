/**
 * Brute-force protection (issue 17, defect 3): 200 wrong passwords in 18 s used to be followed
 * by the right one being accepted. Time is the injected clock: no sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { tempDir, TEST_AUDIT_KEY } from '../../../tests/unit/fixtures';
import { AuditLog } from '../audit/auditLog';
import { OperatorSession } from '../dispatch/operatorSession';
import { OperatorAccounts } from './operatorAccounts';
import { DEMO_PASSWORD, seedDemoOperators } from './seed';
import { DEFAULT_THROTTLE_POLICY, SignInThrottle } from './signInThrottle';

describe('sign-in throttle', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let audit: AuditLog;
  let session: OperatorSession;
  let clock: number;
  const advance = (ms: number) => void (clock += ms);
  const actions = () =>
    (db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[]).filter((a) =>
      a.startsWith('operator.'),
    );
  const count = (action: string) => actions().filter((a) => a === action).length;

  beforeEach(async () => {
    tmp = tempDir('throttle-');
    db = openDatabase(tmp.dir);
    clock = Date.UTC(2026, 10, 20, 8, 0, 0);
    const now = () => new Date(clock);
    const accounts = new OperatorAccounts(db, { scrypt: { N: 1024, r: 8, p: 1 } });
    await seedDemoOperators(accounts);
    audit = new AuditLog(db, { key: TEST_AUDIT_KEY, now });
    session = new OperatorSession(accounts, audit, () => {}, new SignInThrottle(db, { now }));
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('refuses the right password after 200 wrong ones in 18 s, and audits every attempt', async () => {
    for (let i = 0; i < 200; i++) {
      await expect(session.signIn('duty', `guess-${i}`)).rejects.toThrow();
      advance(90);
    }
    await expect(session.signIn('duty', DEMO_PASSWORD)).rejects.toThrow(
      /this account is paused after failed sign-ins: try again in \d+ s/,
    );
    expect(session.operator).toBeNull();
    // Only the attempts outside the delays reached the password check; every one is in the log.
    const failed = count('operator.signIn.failed');
    expect(failed).toBeLessThan(10);
    expect(failed + count('operator.signIn.refused')).toBe(201);
    expect(audit.verify().ok).toBe(true);
  });

  it('doubles the delay after the free failures, then locks the account until a supervisor unlocks it', async () => {
    const { freeFailures, baseDelayMs, accountLockAfter } = DEFAULT_THROTTLE_POLICY;
    for (let i = 0; i < freeFailures; i++)
      await expect(session.signIn('duty', 'wrong')).rejects.toThrow(/wrong username or password/);
    await expect(session.signIn('duty', 'wrong')).rejects.toThrow(/wrong username or password/);
    await expect(session.signIn('duty', DEMO_PASSWORD)).rejects.toThrow(
      `try again in ${baseDelayMs / 1000} s`,
    );
    advance(baseDelayMs);
    await expect(session.signIn('duty', 'wrong')).rejects.toThrow(/wrong username or password/);
    await expect(session.signIn('duty', DEMO_PASSWORD)).rejects.toThrow(
      `try again in ${(2 * baseDelayMs) / 1000} s`,
    );
    for (let failures = freeFailures + 2; failures < accountLockAfter; failures++) {
      advance(60 * 60_000);
      await expect(session.signIn('duty', 'wrong')).rejects.toThrow(/wrong username or password/);
    }
    expect(count('operator.lockedOut')).toBe(1);
    advance(7 * 24 * 60 * 60_000);
    await expect(session.signIn('duty', DEMO_PASSWORD)).rejects.toThrow(
      /this account is locked after repeated failed sign-ins: a supervisor must unlock it/,
    );
    expect(audit.recent(1)[0]).toMatchObject({
      action: 'operator.signIn.refused',
      payload: { scope: 'account', reason: 'locked', retryAfterMs: null },
    });

    // Other accounts still sign in; a duty officer may not unlock, a supervisor may (audited).
    await session.signIn('trainee', DEMO_PASSWORD);
    expect(() => session.unlock('duty')).toThrow(/needs supervisor/);
    session.signOut();
    await session.signIn('supervisor', DEMO_PASSWORD);
    expect(session.unlock('duty')).toEqual({ unlocked: true });
    expect(audit.recent(1)[0]).toMatchObject({
      operator: 'supervisor',
      action: 'operator.unlocked',
      subject: 'operator:duty',
    });
    session.signOut();
    await expect(session.signIn('duty', DEMO_PASSWORD)).resolves.toMatchObject({ username: 'duty' });
  });

  it('locks the seat after too many failures across names, then lets it try again after the lock', async () => {
    const { seatLockAfter, seatLockMs } = DEFAULT_THROTTLE_POLICY;
    for (let i = 0; i < seatLockAfter; i++) {
      // Past the seat's delays (at most maxDelayMs), but never past the lock.
      if (i > 0 && i < seatLockAfter) advance(DEFAULT_THROTTLE_POLICY.maxDelayMs);
      await expect(session.signIn(`guess${i}`, 'wrong-password')).rejects.toThrow(
        /wrong username or password/,
      );
    }
    expect(audit.recent(1)[0]).toMatchObject({
      action: 'operator.lockedOut',
      subject: 'seat',
      payload: { scope: 'seat', failures: seatLockAfter },
    });
    await expect(session.signIn('supervisor', DEMO_PASSWORD)).rejects.toThrow(
      /this seat is locked after failed sign-ins: try again in 900 s/,
    );
    advance(seatLockMs);
    await expect(session.signIn('supervisor', DEMO_PASSWORD)).resolves.toMatchObject({
      username: 'supervisor',
    });
  });

  it('a success clears the count', async () => {
    for (let i = 0; i < 3; i++) await expect(session.signIn('duty', 'wrong')).rejects.toThrow();
    await session.signIn('duty', DEMO_PASSWORD);
    session.signOut();
    await expect(session.signIn('duty', 'wrong')).rejects.toThrow(/wrong username or password/);
    await expect(session.signIn('duty', DEMO_PASSWORD)).resolves.toMatchObject({ username: 'duty' });
  });
});
