import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OperatorAccounts } from '../core/accounts/operatorAccounts';
import { AuditLog } from '../core/audit/auditLog';
import { fileAuditKeyProvider } from '../core/audit/auditKey';
import { openDatabase } from '../core/db/database';
import { adminCommandArgv, runAdminCommand } from './adminCommands';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
  };
}

describe('admin commands of the installed console', () => {
  it('recognises `accounts …` and `audit …` (after Chromium switches) and nothing else', () => {
    expect(adminCommandArgv(['accounts', 'add', '--username', 'a'])).toEqual([
      'accounts',
      'add',
      '--username',
      'a',
    ]);
    expect(adminCommandArgv(['--no-sandbox', '--ozone-platform=headless', 'audit', 'verify'])).toEqual([
      'audit',
      'verify',
    ]);
    expect(adminCommandArgv([])).toBeNull();
    expect(adminCommandArgv(['--gateway', 'http://gw:7410', '--token', 't'])).toBeNull();
    expect(adminCommandArgv(['pack', 'build'])).toBeNull();
  });

  it("creates the first supervisor in the console's own data folder, who can then sign in; audited", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'admin-'));
    dirs.push(dataDir);
    const { out, err, io } = capture();
    const argv = adminCommandArgv([
      'accounts',
      'add',
      '--username',
      'zhang.wei',
      '--display-name',
      '张伟',
      '--role',
      'supervisor',
    ])!;
    expect(
      await runAdminCommand(argv, dataDir, io, { CONSOLE_OPERATOR_PASSWORD: 'first supervisor pw' }),
    ).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ username: 'zhang.wei', role: 'supervisor' });
    expect(err.join('')).toContain(dataDir);

    const db = openDatabase(dataDir);
    try {
      expect((await new OperatorAccounts(db).verify('zhang.wei', 'first supervisor pw')).ok).toBe(true);
      expect(new AuditLog(db, { key: fileAuditKeyProvider(dataDir, { create: false }) }).verify().ok).toBe(
        true,
      );
    } finally {
      db.close();
    }
    const verify = capture();
    expect(await runAdminCommand(['audit', 'verify'], dataDir, verify.io)).toBe(0);
    expect(JSON.parse(verify.out.join(''))).toMatchObject({ ok: true });
  });

  it('keeps an explicit --data-dir, and refuses a password on the command line', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'admin-'));
    dirs.push(dataDir);
    const { err, io } = capture();
    const argv = [
      'accounts',
      'add',
      '--username',
      'x',
      '--display-name',
      'X',
      '--role',
      'supervisor',
      '--password',
      'visible',
      '--data-dir',
      dataDir,
    ];
    expect(await runAdminCommand(argv, '/nonexistent/never-used', io, {})).toBe(2);
    expect(err.join('')).toMatch(/--password is refused/);
  });

  it('does not offer the development commands (pack build needs packages an installed console lacks)', async () => {
    const { err, io } = capture();
    expect(await runAdminCommand(['accounts', 'nope'], '/nonexistent', io, {})).toBe(2);
    expect(err.join('')).not.toMatch(/pack build/);
    expect(err.join('')).toMatch(/accounts add/);
  });
});
