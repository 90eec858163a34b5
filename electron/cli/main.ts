/**
 * `npm run cli -- <command> …` — a small dispatcher: the longest registered command path that
 * prefixes argv wins; the rest is parsed as options for it. Exit codes: 0 ok, 1 failure, 2 usage.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs, UsageError } from './args';
import { COMMANDS } from './registry';
import type { CliCommand, CliIo } from './commands/types';

const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

function help(): string {
  return ['usage: cli <command> [options]', '', ...COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`), ''].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo = processIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const matches = commands.filter((c) => c.path.every((w, i) => argv[i] === w)).sort((a, b) => b.path.length - a.path.length);
  const cmd = matches[0];
  if (!cmd || argv.includes('--help')) {
    io.stderr(help());
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
