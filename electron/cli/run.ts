/**
 * The CLI dispatcher over a given command list: the longest registered command path that
 * prefixes argv wins; the rest is parsed as options for it. Exit codes: 0 ok, 1 failure, 2 usage.
 * Kept apart from main.ts (the full registry) so a host can offer a few commands, e.g. the
 * installed Electron console's `accounts …`, without loading every command's dependencies.
 */
import { parseArgs, UsageError } from './args';
import type { CliCommand, CliIo } from './commands/types';

function help(commands: readonly CliCommand[]): string {
  return [
    'usage: cli <command> [options]',
    '',
    ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
  ].join('\n');
}

export async function runCommand(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[],
): Promise<number> {
  const matches = commands
    .filter((c) => c.path.every((w, i) => argv[i] === w))
    .sort((a, b) => b.path.length - a.path.length);
  const cmd = matches[0];
  if (!cmd || argv.includes('--help')) {
    io.stderr(help(commands));
    return cmd || argv.length === 0 || argv[0] === 'help' || argv.includes('--help') ? 0 : 2;
  }
  try {
    return await cmd.run(parseArgs(argv.slice(cmd.path.length)), io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`error: ${err.message}\nusage: ${cmd.usage}\n`);
      return 2;
    }
    io.stderr(`error: ${(err as Error).message}\n`);
    return 1;
  }
}
