/** Tiny argv parser: `--key value`, `--flag`, positionals. Enough for the dispatcher's commands. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
  /** Every string value of each option, in order: for options that may repeat (`--map A=x --map B=y`). */
  repeated: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  const set = (key: string, value: string | true): void => {
    options.set(key, value);
    if (typeof value === 'string') repeated.set(key, [...(repeated.get(key) ?? []), value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) set(a.slice(2, eq), a.slice(eq + 1));
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) set(a.slice(2), argv[++i]!);
      else set(a.slice(2), true);
    } else positionals.push(a);
  }
  return { positionals, options, repeated };
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function requireOption(args: ParsedArgs, name: string): string {
  const v = args.options.get(name);
  if (typeof v !== 'string') throw new UsageError(`missing --${name}`);
  return v;
}

export function optionalOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}
