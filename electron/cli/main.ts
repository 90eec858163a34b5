/** `npm run cli -- <command> …`: every registered command (./registry.ts), dispatched by ./run.ts. */
import { pathToFileURL } from 'node:url';
import { COMMANDS } from './registry';
import { runCommand } from './run';
import type { CliCommand, CliIo } from './commands/types';

const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

export function runCli(
  argv: readonly string[],
  io: CliIo = processIo,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  return runCommand(argv, io, commands);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
