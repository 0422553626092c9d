/**
 * Entry of the integration suite inside a real VS Code extension host. Both launchers (code-server
 * in headless Chromium, and @vscode/test-electron) point `extensionTestsPath` at the bundle of
 * this file and VS Code calls `run()`.
 *
 * The extension host's exit code does not tell whether tests failed (code-server exits 0 even
 * when run() throws), so run() writes a results file to the path in DEVOPS_NOTES_TEST_RESULTS and
 * the launcher decides from that.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { recordedMetrics, type Metric } from './util/metrics';
import { describeError } from './util/documents';
import { EXTENSION_ID } from './util/workspace';

/** One test (or hook) outcome in the results file. */
export interface TestOutcome {
  title: string;
  fullTitle: string;
  file?: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: { message: string; stack?: string };
}

/** The results file the launchers read. */
export interface IntegrationResults {
  vscodeVersion: string;
  startedAt: string;
  finishedAt: string;
  passes: number;
  failures: number;
  pending: number;
  tests: TestOutcome[];
  metrics: Record<string, Metric>;
  /** Unhandled errors and rejections that came from our extension or our tests. */
  unhandledErrors: string[];
}

export const RESULTS_ENV = 'DEVOPS_NOTES_TEST_RESULTS';

/**
 * Collects unhandled errors that mention our extension or our tests: the extension's id or name,
 * or a stack frame in its folder or in the test bundle's. Other extensions' errors are not ours
 * to fail on.
 */
function watchUnhandledErrors(): { errors: string[]; dispose(): void } {
  const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
  const ours = (text: string) =>
    text.includes(EXTENSION_ID) || text.includes('devopsNotes') || text.includes('devops-notes') ||
    (extensionPath !== undefined && text.includes(extensionPath)) || text.includes(__dirname);
  const errors: string[] = [];
  const onRejection = (reason: unknown) => {
    const text = describeError(reason);
    if (ours(text)) errors.push(`unhandled promise rejection: ${text}`);
  };
  const onException = (err: unknown) => {
    const text = describeError(err);
    if (ours(text)) errors.push(`uncaught exception: ${text}`);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    errors,
    dispose() {
      process.removeListener('unhandledRejection', onRejection);
      process.removeListener('uncaughtException', onException);
    },
  };
}

function writeResults(file: string, results: IntegrationResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so the launcher never reads a half-written file.
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(partial, file);
}

export async function run(): Promise<void> {
  const resultsFile = process.env[RESULTS_ENV];
  const startedAt = new Date().toISOString();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.DEVOPS_NOTES_TEST_GREP;
  if (grep) mocha.grep(grep);

  // Every *.test.ts under test/integration/ is bundled next to this file as *.test.js.
  const testFiles = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of testFiles) mocha.addFile(path.join(__dirname, f));

  const unhandled = watchUnhandledErrors();
  const tests: TestOutcome[] = [];
  const outcome = (t: Mocha.Runnable, state: TestOutcome['state'], err?: Error): TestOutcome => ({
    title: t.title,
    fullTitle: t.fullTitle(),
    file: t.file ? path.basename(t.file) : undefined,
    state,
    durationMs: t.duration,
    error: err ? { message: err.message ?? String(err), stack: err.stack } : undefined,
  });

  let loadError: unknown;
  await new Promise<void>((resolve) => {
    try {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => tests.push(outcome(t, 'passed')));
      // Also fires for failing hooks ("before all" hook …), which count as failures.
      runner.on('fail', (t, err: Error) => tests.push(outcome(t, 'failed', err)));
      runner.on('pending', (t) => tests.push(outcome(t, 'pending')));
    } catch (err) {
      // A test file that throws while loading ends up here.
      loadError = err;
      resolve();
    }
  });

  // Rejections surface a tick or more after the promise is dropped; give them a moment.
  await new Promise((r) => setTimeout(r, 1500));
  unhandled.dispose();
  if (loadError) {
    tests.push({ title: 'load test files', fullTitle: 'load test files', state: 'failed', error: { message: describeError(loadError) } });
  }

  const results: IntegrationResults = {
    vscodeVersion: vscode.version,
    startedAt,
    finishedAt: new Date().toISOString(),
    passes: tests.filter((t) => t.state === 'passed').length,
    failures: tests.filter((t) => t.state === 'failed').length,
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
    metrics: recordedMetrics(),
    unhandledErrors: unhandled.errors,
  };
  if (resultsFile) writeResults(resultsFile, results);
  else console.warn(`${RESULTS_ENV} is not set; results are only in the console above`);

  const problems = results.failures + results.unhandledErrors.length;
  if (problems > 0) throw new Error(`${results.failures} test(s) failed, ${results.unhandledErrors.length} unhandled error(s)`);
}
