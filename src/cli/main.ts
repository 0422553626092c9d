import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FileSystem } from '../core/fs';
import { VERSION } from '../core/version';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { isUsageError } from './args';
import { runCheck } from './check';
import { runAsCheckWorkerIfOne } from '../threads/checkThreads';
import { runTags } from './tags';

/** One `devops-notes <command>`: prints with `out`/`err` and resolves to the exit code. */
export type CliCommand = (argv: readonly string[], fs: FileSystem, out: (s: string) => void, err: (s: string) => void) => Promise<number>;

/** The commands, in the order `--help` lists them. Add a command with one entry here. */
const COMMANDS: Record<string, { summary: string; run: CliCommand }> = {
  check: { summary: 'check front matter (text, json, gitlab or sarif output)', run: runCheck },
  tags: { summary: "list each taxonomy's terms, their posts and spellings", run: runTags },
  render: { summary: 'print the HTML the preview shows for a post', run: (...args) => loadRender().runRender(...args) },
};

/**
 * The `render` command, loaded when it runs: built, it is `dist/cliRender.js` (markdown-it and
 * the renderer, a third of the CLI's code), so every other command starts without compiling it
 * (about 50 ms less for `check` on the development machine, where node itself takes 0.2 s).
 */
function loadRender(): typeof import('./render') {
  const bundled = __filename.endsWith('.js');
  // Loaded by a path esbuild does not follow: the bundle loads the other bundle at run time.
  const load = createRequire(__filename);
  return load(join(__dirname, bundled ? 'cliRender.js' : 'render')) as typeof import('./render');
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `devops-notes ${VERSION}: Hugo front matter checks for pipelines and the terminal

Usage: devops-notes <command> [options]

Commands:
${list}

Options:
  -v, --version  print the version
  -h, --help     this help ("devops-notes <command> --help" for a command's options)

Exit codes: 0 success, 1 problems found (check: at least one error), 2 usage error.
`;
}

/** `devops-notes` command line: the same core as the extension, for pipelines. */
export async function main(argv: readonly string[], fs: FileSystem = nodeFileSystem): Promise<number> {
  const out = (s: string) => void process.stdout.write(s);
  const err = (s: string) => void process.stderr.write(s);
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    out(`${VERSION}\n`);
    return 0;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    (command ? out : err)(help());
    return command ? 0 : 2;
  }
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!entry) {
    err(`devops-notes: unknown command "${command}" (see devops-notes --help)\n`);
    return 2;
  }
  try {
    return await entry.run(rest, fs, out, err);
  } catch (e) {
    if (isUsageError(e)) {
      err(`devops-notes ${command}: ${e.message} (see devops-notes ${command} --help)\n`);
      return 2;
    }
    err(`devops-notes ${command}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

// The check's worker threads start this same bundle; they serve checks instead of running a command.
if (!runAsCheckWorkerIfOne() && require.main === module) {
  // A reader that stops early (`devops-notes tags site | head`) closes the pipe: end quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(process.exitCode ?? 0);
    });
  }
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`devops-notes: ${String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
