/** A mistake in how the command was called: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Whether `e` is a {@link UsageError}. By name, not `instanceof`: `render` runs from its own
 * bundle (dist/cliRender.js), which has its own copy of the class.
 */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof Error && e.name === 'UsageError';
}

/** Positional arguments and `--flag`/`--flag value`/`--flag=value` options of one command. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/**
 * Reads `argv` for a command that takes the given value flags (`--format json`), switches
 * (`--json`) and switches with an optional `=value` (`--json=summary`). `-h` is `--help`; `--` ends the options. Unknown options are usage errors.
 */
export function parseArgs(argv: readonly string[], spec: { values?: readonly string[]; switches?: readonly string[]; optional?: readonly string[] }): ParsedArgs {
  const values = new Set(spec.values ?? []);
  // Options that are switches bare and take a value only as `--name=value` (`--json=summary`).
  const optional = new Set(spec.optional ?? []);
  const switches = new Set([...(spec.switches ?? []), 'help']);
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (optional.has(name)) {
      const value = eq === -1 ? true : arg.slice(eq + 1);
      if (value === '') throw new UsageError(`option --${name}= needs a value`);
      flags.set(name, value);
    } else if (switches.has(name)) {
      if (eq !== -1) throw new UsageError(`option --${name} takes no value`);
      flags.set(name, true);
    } else if (values.has(name)) {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown option "--${name}"`);
    }
  }
  return { positionals, flags };
}

/** The value of `--name`, checked against the allowed ones. */
export function choice<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  if (v === true || !(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return v as T;
}
