/**
 * `accounts add|list|disable|enable|passwd|unlock`: operator accounts of a console's data folder, for
 * whoever sets up a real seat (no demo accounts there). Passwords never go on the command line
 * (it is visible to every user of the machine): they come from --password-file or the
 * CONSOLE_OPERATOR_PASSWORD environment variable. Every change is written to the audit log.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATOR_ROLES, type OperatorRole } from '../../../shared/domain/lifecycle/permissions';
import { OperatorAccounts } from '../../core/accounts/operatorAccounts';
import { SignInThrottle } from '../../core/accounts/signInThrottle';
import { AuditLog } from '../../core/audit/auditLog';
import { fileAuditKeyProvider } from '../../core/audit/auditKey';
import { openDatabase } from '../../core/db/database';
import { defaultDataDir, findAppRoot } from '../../../node/paths';
import { optionalOption, requireOption, UsageError, type ParsedArgs } from '../args';
import type { CliCommand, CliIo } from './types';

const PASSWORD_ENV = 'CONSOLE_OPERATOR_PASSWORD';
const DATA_DIR_HELP = "[--data-dir DIR] (default: the console's own .data/console)";

function password(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  if (args.options.has('password'))
    throw new UsageError(
      `--password is refused: a password on the command line is visible to every user of the machine; use --password-file FILE or ${PASSWORD_ENV}`,
    );
  const file = optionalOption(args, 'password-file');
  if (file) return readFileSync(path.resolve(file), 'utf8').split(/\r?\n/)[0]!;
  const fromEnv = env[PASSWORD_ENV];
  if (fromEnv) return fromEnv;
  throw new UsageError(
    `give the password with --password-file FILE or the ${PASSWORD_ENV} environment variable (never on the command line)`,
  );
}

/** Opens the folder's database (creating and migrating it: a seat can be set up before its first start). */
async function withAccounts(
  args: ParsedArgs,
  io: CliIo,
  work: (
    accounts: OperatorAccounts,
    audit: (action: string, username: string, payload?: Record<string, unknown>) => void,
  ) => Promise<number>,
): Promise<number> {
  const dataDir = path.resolve(
    optionalOption(args, 'data-dir') ??
      defaultDataDir(findAppRoot(path.dirname(fileURLToPath(import.meta.url)))),
  );
  const db = openDatabase(dataDir);
  try {
    const log = new AuditLog(db, { key: fileAuditKeyProvider(dataDir) });
    log.sealLegacy();
    const operator = `cli:${os.userInfo().username}`;
    const audit = (action: string, username: string, payload?: Record<string, unknown>) =>
      void log.append({ operator, action, subject: `operator:${username}`, payload: payload ?? null });
    const code = await work(new OperatorAccounts(db), audit);
    io.stderr(`data folder: ${dataDir}\n`);
    return code;
  } finally {
    db.close();
  }
}

function role(args: ParsedArgs): OperatorRole {
  const r = requireOption(args, 'role');
  if (!(OPERATOR_ROLES as readonly string[]).includes(r))
    throw new UsageError(`--role must be one of ${OPERATOR_ROLES.join(', ')}, got "${r}"`);
  return r as OperatorRole;
}

export const accountsCommands = (env: NodeJS.ProcessEnv = process.env): CliCommand[] => [
  {
    path: ['accounts', 'add'],
    usage: `accounts add --username NAME --display-name TEXT --role ${OPERATOR_ROLES.join('|')} [--password-file FILE] ${DATA_DIR_HELP}`,
    summary: `create an operator account (password from --password-file or ${PASSWORD_ENV})`,
    run: (args, io) =>
      withAccounts(args, io, async (accounts, audit) => {
        const input = {
          username: requireOption(args, 'username'),
          displayName: requireOption(args, 'display-name'),
          role: role(args),
          password: password(args, env),
        };
        const account = await accounts.create(input);
        audit('operator.created', account.username, { role: account.role, displayName: account.displayName });
        io.stdout(JSON.stringify(account) + '\n');
        return 0;
      }),
  },
  {
    path: ['accounts', 'list'],
    usage: `accounts list ${DATA_DIR_HELP}`,
    summary: 'list operator accounts as JSON (no password hashes)',
    run: (args, io) =>
      withAccounts(args, io, async (accounts) => {
        io.stdout(JSON.stringify(accounts.list()) + '\n');
        return 0;
      }),
  },
  ...(['disable', 'enable'] as const).map((verb): CliCommand => ({
    path: ['accounts', verb],
    usage: `accounts ${verb} --username NAME ${DATA_DIR_HELP}`,
    summary:
      verb === 'disable'
        ? 'stop an account from signing in (kept for the audit trail)'
        : 'let a disabled account sign in again',
    run: (args, io) =>
      withAccounts(args, io, async (accounts, audit) => {
        const username = requireOption(args, 'username');
        if (!accounts.get(username)) throw new Error(`no operator account "${username}"`);
        const changed = verb === 'disable' ? accounts.disable(username) : accounts.enable(username);
        if (changed) audit(`operator.${verb}d`, username);
        io.stdout(
          JSON.stringify({ username, [verb === 'disable' ? 'disabled' : 'enabled']: true, changed }) + '\n',
        );
        return 0;
      }),
  })),
  {
    path: ['accounts', 'unlock'],
    usage: `accounts unlock (--username NAME | --seat) ${DATA_DIR_HELP}`,
    summary: "clear an account's (or the seat's) failed sign-ins and lockout; a supervisor's action, audited",
    run: (args, io) =>
      withAccounts(args, io, async (accounts, audit) => {
        const throttle = new SignInThrottle(accounts.database);
        if (args.options.has('seat')) {
          const unlocked = throttle.unlockSeat();
          audit('operator.unlocked', 'seat', { scope: 'seat', unlocked });
          io.stdout(JSON.stringify({ seat: true, unlocked }) + '\n');
          return 0;
        }
        const username = requireOption(args, 'username');
        if (!accounts.get(username)) throw new Error(`no operator account "${username}"`);
        const unlocked = throttle.unlockAccount(username);
        audit('operator.unlocked', username, { scope: 'account', unlocked });
        io.stdout(JSON.stringify({ username, unlocked }) + '\n');
        return 0;
      }),
  },
  {
    path: ['accounts', 'passwd'],
    usage: `accounts passwd --username NAME [--password-file FILE] ${DATA_DIR_HELP}`,
    summary: `set an account's password (from --password-file or ${PASSWORD_ENV})`,
    run: (args, io) =>
      withAccounts(args, io, async (accounts, audit) => {
        const username = requireOption(args, 'username');
        await accounts.setPassword(username, password(args, env));
        audit('operator.passwordChanged', username);
        io.stdout(JSON.stringify({ username, passwordChanged: true }) + '\n');
        return 0;
      }),
  },
];
