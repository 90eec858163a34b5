import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OperatorAccounts } from '../core/accounts/operatorAccounts';
import { AuditLog } from '../core/audit/auditLog';
import { openDatabase } from '../core/db/database';
import { accountsCommands } from './commands/accounts';
import { runCli } from './main';
import { auditKeyPath, fileAuditKeyProvider } from '../core/audit/auditKey';
import { SignInThrottle } from '../core/accounts/signInThrottle';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0))
    for (const p of [d, auditKeyPath(d)]) rmSync(p, { recursive: true, force: true });
});

function setup(env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'accounts-cli-'));
  dirs.push(dir);
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) };
  const cli = (...argv: string[]) => runCli([...argv, '--data-dir', dir], io, accountsCommands(env));
  return { dir, out, err, cli };
}

describe('cli accounts', () => {
  it('creates a supervisor on a fresh seat, who can sign in; disabling stops it; every change is audited', async () => {
    const { dir, out, cli } = setup({ CONSOLE_OPERATOR_PASSWORD: 'correct horse battery' });
    expect(
      await cli('accounts', 'add', '--username', 'wang.li', '--display-name', '王丽', '--role', 'supervisor'),
    ).toBe(0);
    expect(JSON.parse(out.pop()!)).toMatchObject({
      username: 'wang.li',
      displayName: '王丽',
      role: 'supervisor',
    });
    expect(await cli('accounts', 'list')).toBe(0);
    const listed = out.pop()!;
    expect(JSON.parse(listed)).toHaveLength(1);
    expect(listed).not.toMatch(/scrypt|hash/i);

    const db = openDatabase(dir);
    const accounts = new OperatorAccounts(db);
    expect((await accounts.verify('wang.li', 'correct horse battery')).ok).toBe(true);
    db.close();

    expect(await cli('accounts', 'disable', '--username', 'wang.li')).toBe(0);
    const again = openDatabase(dir);
    expect(await new OperatorAccounts(again).verify('wang.li', 'correct horse battery')).toEqual({
      ok: false,
      reason: 'disabled',
    });
    const log = new AuditLog(again, { key: fileAuditKeyProvider(dir, { create: false }) });
    expect(
      log
        .recent(10)
        .map((e) => e.action)
        .reverse(),
    ).toEqual(['operator.created', 'operator.disabled']);
    expect(log.recent(1)[0]!.operator).toMatch(/^cli:/);
    expect(log.verify().ok).toBe(true);
    again.close();
  });

  it('unlocks a locked account or the seat, audited under the CLI user', async () => {
    const { dir, out, cli } = setup({ CONSOLE_OPERATOR_PASSWORD: 'correct horse battery' });
    expect(
      await cli(
        'accounts',
        'add',
        '--username',
        'duty1',
        '--display-name',
        '值班员1',
        '--role',
        'duty_officer',
      ),
    ).toBe(0);
    const db = openDatabase(dir);
    const throttle = new SignInThrottle(db);
    for (let i = 0; i < 10; i++) throttle.recordFailure('duty1');
    expect(throttle.check('duty1')).toMatchObject({ ok: false, scope: 'account', reason: 'locked' });
    db.close();
    expect(await cli('accounts', 'unlock', '--username', 'duty1')).toBe(0);
    expect(JSON.parse(out.pop()!)).toEqual({ username: 'duty1', unlocked: true });
    expect(await cli('accounts', 'unlock', '--seat')).toBe(0);
    expect(JSON.parse(out.pop()!)).toEqual({ seat: true, unlocked: true });
    const again = openDatabase(dir);
    expect(new SignInThrottle(again).check('duty1')).toEqual({ ok: true });
    const log = new AuditLog(again, { key: fileAuditKeyProvider(dir, { create: false }) });
    expect(log.recent(2).map((e) => [e.action, e.subject, e.operator.startsWith('cli:')])).toEqual([
      ['operator.unlocked', 'operator:seat', true],
      ['operator.unlocked', 'operator:duty1', true],
    ]);
    expect(log.verify().ok).toBe(true);
    again.close();
  });

  it('takes the password from a file and sets a new one with passwd', async () => {
    const { dir, cli } = setup();
    const file = path.join(dir, 'pw.txt');
    writeFileSync(file, 'first-password-1\n');
    expect(
      await cli(
        'accounts',
        'add',
        '--username',
        'duty1',
        '--display-name',
        '值班员1',
        '--role',
        'duty_officer',
        '--password-file',
        file,
      ),
    ).toBe(0);
    writeFileSync(file, 'second-password-2\n');
    expect(await cli('accounts', 'passwd', '--username', 'duty1', '--password-file', file)).toBe(0);
    const db = new Database(path.join(dir, 'console.sqlite'));
    const accounts = new OperatorAccounts(db);
    expect((await accounts.verify('duty1', 'first-password-1')).ok).toBe(false);
    expect((await accounts.verify('duty1', 'second-password-2')).ok).toBe(true);
    db.close();
  });

  it('refuses a password on the command line, a missing password, a bad role and a short password, clearly', async () => {
    const { err, cli } = setup();
    expect(
      await cli(
        'accounts',
        'add',
        '--username',
        'x1',
        '--display-name',
        'X',
        '--role',
        'trainee',
        '--password',
        'secret-on-argv',
      ),
    ).toBe(2);
    expect(err.join('')).toMatch(/--password is refused/);
    expect(await cli('accounts', 'add', '--username', 'x1', '--display-name', 'X', '--role', 'trainee')).toBe(
      2,
    );
    expect(err.join('')).toMatch(/--password-file FILE or the CONSOLE_OPERATOR_PASSWORD/);
    expect(await cli('accounts', 'add', '--username', 'x1', '--display-name', 'X', '--role', 'admin')).toBe(
      2,
    );
    expect(err.join('')).toMatch(/--role must be one of duty_officer, supervisor, trainee, trainer/);
    const short = setup({ CONSOLE_OPERATOR_PASSWORD: 'short' });
    expect(
      await short.cli('accounts', 'add', '--username', 'x1', '--display-name', 'X', '--role', 'trainee'),
    ).toBe(1);
    expect(short.err.join('')).toMatch(/at least 8/);
    expect(await short.cli('accounts', 'disable', '--username', 'nobody')).toBe(1);
    expect(short.err.join('')).toMatch(/no operator account "nobody"/);
  });
});
