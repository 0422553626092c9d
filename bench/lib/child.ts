import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

const WORKER_SOURCE = path.join(__dirname, '..', 'worker.ts');
/**
 * The worker bundled like the extension (minified, node 20, no kept names: `keepNames` wraps
 * every function, closures made per call included, in a naming call the shipped code does not
 * have): the code measured is the code shipped.
 */
const WORKER_BUNDLE = path.join(__dirname, '..', 'sites', 'worker.cjs');
const bundled = new Set<string>();

/** Bundles a bench entry point once per run, minified for node 20, as the shipped code is. */
function bundleOnce(source: string, outfile: string): string {
  if (!bundled.has(outfile)) {
    buildSync({
      entryPoints: [source],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      minify: true,
      logLevel: 'error',
      define: { __DEVOPS_NOTES_VERSION__: '"bench"' },
    });
    bundled.add(outfile);
  }
  return outfile;
}

function workerBundle(): string {
  return bundleOnce(WORKER_SOURCE, WORKER_BUNDLE);
}

/** The whole-process floor of the CLI rows (bench/readAllProcess.ts), bundled alone: a few KB. */
export function readAllProcessBundle(): string {
  return bundleOnce(path.join(__dirname, '..', 'readAllProcess.ts'), path.join(__dirname, '..', 'sites', 'readAll.cjs'));
}
const RESULT_PREFIX = 'BENCH-RESULT ';

/**
 * Runs one measurement in a fresh node process, so every trial starts JIT-cold with an empty heap,
 * as the extension's first scan does, and contenders cannot warm each other up. It runs a bundle
 * of bench/worker.ts, so no transpiler sits between the measurement and the code.
 */
export function runWorker<T>(task: string, args: unknown, nodeFlags: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, workerBundle(), task, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
      else reject(new Error(`bench worker "${task}" exited ${code}: ${firstLines(stderr || stdout)}`));
    });
  });
}

/** Called by the worker to hand its result back. */
export function reportResult(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** The message of an error's output, without the stack frames. */
export function firstLines(output: string): string {
  return output
    .split('\n')
    .filter((l) => l.trim() && !/^\s+at /.test(l))
    .slice(0, 3)
    .join(' / ');
}
