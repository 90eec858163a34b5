import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { tempDir } from '../../../tests/unit/fixtures';
import { OperatorAccounts } from './operatorAccounts';
import { hashPassword, parsePasswordHash, verifyPassword } from './passwordHash';
import { createFirstSupervisor, DEMO_PASSWORD, seedDemoOperators } from './seed';

/** Cheap parameters: the tests check behaviour, not cost. */
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores its parameters and a per-hash salt', async () => {
    const a = await hashPassword('correct horse', FAST);
    const b = await hashPassword('correct horse', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(parsePasswordHash(a)!.salt).toHaveLength(16);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
  });

  it('verifies with the stored parameters, and rejects malformed hashes', async () => {
    const strong = await hashPassword('密码很长很长', { N: 2 ** 11, r: 4, p: 2 });
    expect(await verifyPassword('密码很长很长', strong)).toBe(true);
    for (const bad of [
      '',
      'plain',
      'scrypt$1000$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5a2V5a2V5',
      'bcrypt$1$2$3$4$5',
      'scrypt$1024$8$1$$',
    ]) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('uses the default cost when none is given', async () => {
    expect(parsePasswordHash(await hashPassword('default cost'))!.params).toEqual({ N: 32768, r: 8, p: 1 });
  });
});

describe('OperatorAccounts', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let accounts: OperatorAccounts;
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.dir);
    accounts = new OperatorAccounts(db, { scrypt: FAST, now: () => new Date('2026-11-20T11:00:00Z') });
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('creates, lists and logs in, never exposing the hash', async () => {
    const created = await accounts.create({
      username: ' Wang.Li ',
      displayName: '王力',
      role: 'duty_officer',
      password: 'pa55word!',
    });
    expect(created).toEqual({
      username: 'wang.li',
      displayName: '王力',
      role: 'duty_officer',
      createdAt: '2026-11-20T11:00:00.000Z',
      updatedAt: '2026-11-20T11:00:00.000Z',
      disabledAt: null,
    });
    expect(JSON.stringify(accounts.list())).not.toMatch(/scrypt|pa55/);
    expect(await accounts.verify('WANG.LI', 'pa55word!')).toEqual({ ok: true, account: created });
    expect(await accounts.verify('wang.li', 'pa55word?')).toEqual({ ok: false, reason: 'wrong_password' });
    expect(await accounts.verify('nobody', 'pa55word!')).toEqual({ ok: false, reason: 'unknown_user' });
    expect(db.prepare('SELECT password_hash FROM operators').pluck().get()).toMatch(/^scrypt\$/);
  });

  it('refuses duplicates, bad names, unknown roles and short passwords', async () => {
    await accounts.create({
      username: '010023',
      displayName: '警号010023',
      role: 'trainee',
      password: '12345678',
    });
    await expect(
      accounts.create({ username: '010023', displayName: 'x', role: 'trainee', password: '12345678' }),
    ).rejects.toThrow(/already exists/);
    await expect(
      accounts.create({ username: '张三', displayName: 'x', role: 'trainee', password: '12345678' }),
    ).rejects.toThrow(/invalid username/);
    await expect(
      accounts.create({ username: 'ok', displayName: 'x', role: 'admin' as never, password: '12345678' }),
    ).rejects.toThrow(/unknown role/);
    await expect(
      accounts.create({ username: 'ok', displayName: 'x', role: 'trainee', password: 'short' }),
    ).rejects.toThrow(/at least 8/);
    await expect(
      accounts.create({ username: 'ok', displayName: ' ', role: 'trainee', password: '12345678' }),
    ).rejects.toThrow(/display name/);
    expect(accounts.list().map((a) => a.username)).toEqual(['010023']);
  });

  it('disables and re-enables; a disabled account cannot log in', async () => {
    await accounts.create({ username: 'li', displayName: '李', role: 'supervisor', password: 'secret-pass' });
    expect(accounts.disable('li')).toBe(true);
    expect(accounts.disable('li')).toBe(false);
    expect(accounts.disable('ghost')).toBe(false);
    expect(accounts.get('li')!.disabledAt).toBe('2026-11-20T11:00:00.000Z');
    expect(await accounts.verify('li', 'secret-pass')).toEqual({ ok: false, reason: 'disabled' });
    expect(await accounts.verify('li', 'wrong-pass')).toEqual({ ok: false, reason: 'wrong_password' });
    expect(accounts.activeCount()).toBe(0);
    expect(accounts.enable('li')).toBe(true);
    expect((await accounts.verify('li', 'secret-pass')).ok).toBe(true);
  });

  it('changes a password', async () => {
    await accounts.create({ username: 'li', displayName: '李', role: 'supervisor', password: 'secret-pass' });
    await accounts.setPassword('li', 'another-pass');
    expect((await accounts.verify('li', 'secret-pass')).ok).toBe(false);
    expect((await accounts.verify('li', 'another-pass')).ok).toBe(true);
    await expect(accounts.setPassword('ghost', 'another-pass')).rejects.toThrow(/no operator/);
  });

  it('creates the first supervisor only on an empty console', async () => {
    const first = await createFirstSupervisor(accounts, {
      username: 'chief',
      displayName: '值班长',
      password: 'chosen-at-setup',
    });
    expect(first).toMatchObject({ username: 'chief', role: 'supervisor' });
    expect(
      await createFirstSupervisor(accounts, {
        username: 'sneaky',
        displayName: 'x',
        password: 'chosen-at-setup',
      }),
    ).toBeNull();
  });

  it('seeds the documented demo accounts on request, once', async () => {
    expect((await seedDemoOperators(accounts)).map((a) => [a.username, a.role])).toEqual([
      ['supervisor', 'supervisor'],
      ['duty', 'duty_officer'],
      ['trainee', 'trainee'],
      ['trainer', 'trainer'],
    ]);
    expect(await seedDemoOperators(accounts)).toEqual([]);
    expect((await accounts.verify('trainee', DEMO_PASSWORD)).ok).toBe(true);
  });
});
