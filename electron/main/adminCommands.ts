import { accountsCommands } from '../cli/commands/accounts';
import { auditVerifyCommand } from '../cli/commands/audit';
import type { CliCommand, CliIo } from '../cli/commands/types';
import { runCommand } from '../cli/run';

/**
 * Seat administration on an installed console, where there is no npm and no tsx (and the
 * RunAsNode fuse keeps the binary from acting as Node): `dispatch-console accounts add
 * --username U --display-name 名字 --role supervisor` creates the first supervisor, with the
 * password from CONSOLE_OPERATOR_PASSWORD or --password-file, in this console's own data
 * folder; `audit verify` checks its audit log. The command runs and exits; no window opens.
 */
const adminCommands = (env: NodeJS.ProcessEnv): CliCommand[] => [
  ...accountsCommands(env),
  auditVerifyCommand,
];
const ADMIN_WORDS = new Set(adminCommands({}).map((c) => c.path[0]));

const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/**
 * The admin command's words and options when the console was started as one (`accounts …`,
 * `audit …` as the first argument that is not a Chromium switch such as --no-sandbox), else null.
 */
export function adminCommandArgv(argv: readonly string[]): string[] | null {
  const first = argv.findIndex((a) => !a.startsWith('--'));
  return first >= 0 && ADMIN_WORDS.has(argv[first]!) ? argv.slice(first) : null;
}

/** Runs it against `dataDir` (the folder the console itself would open) unless --data-dir is given. */
export function runAdminCommand(
  argv: readonly string[],
  dataDir: string,
  io: CliIo = processIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const hasDataDir = argv.some((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  return runCommand(hasDataDir ? argv : [...argv, '--data-dir', dataDir], io, adminCommands(env));
}
