import type { ParsedArgs } from '../args';

/** One CLI command. Register new ones (cordon, audit verify, …) in ../registry.ts. */
export interface CliCommand {
  /** Words that select the command, e.g. ['pack', 'build']. */
  path: readonly string[];
  usage: string;
  summary: string;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Injected streams so commands are testable without touching process globals. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}
