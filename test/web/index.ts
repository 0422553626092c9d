/**
 * Entry of the web suite, run in a browser's web worker extension host beside the web entry
 * (dist/web/extension.js) with no Node.js: code-server's (test/launch/web-tests.mjs) and
 * @vscode/test-web's (test/launch/test-web.mjs). VS Code loads this bundle with `extensionTestsPath`
 * and calls `run()`.
 *
 * A web worker has no file system and no environment: the results go out as one console line
 * (RESULTS_MARKER + JSON), which VS Code hands to the page's `codeAutomationLog`, and the
 * launcher writes them to the results file the integration launchers share. Mocha is its
 * browser build (mocha/mocha.js), which works without `process` and `require`.
 */
import 'mocha/mocha.js';
import * as vscode from 'vscode';
import type { IntegrationResults, TestOutcome } from '../integration/index';
import { describeError } from '../integration/util/documents';
import { EXTENSION_ID } from './util/workspace';

/** Prefix of the console line that carries the results; test/launch/web-run.mjs looks for it. */
export const RESULTS_MARKER = 'DEVOPS_NOTES_WEB_RESULTS ';

/** The options the launcher bakes into this run's bundle (there is no environment to read). */
declare const __WEB_TEST_OPTIONS__: { grep?: string } | undefined;

/**
 * Collects unhandled rejections that name our extension or carry a frame of its code or of this
 * bundle (VS Code loads both from URIs it names in the stack). Other extensions' are not ours.
 */
function watchUnhandledRejections(): { errors: string[]; dispose(): void } {
  const extensionUri = vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri.toString(true);
  const ours = (text: string) =>
    text.includes(EXTENSION_ID) || text.includes('devopsNotes') || text.includes('devops-notes') ||
    (extensionUri !== undefined && text.includes(extensionUri));
  const errors: string[] = [];
  const onRejection = (event: { reason: unknown }) => {
    const text = describeError(event.reason);
    if (ours(text)) errors.push(`unhandled promise rejection: ${text}`);
  };
  const scope = globalThis as unknown as {
    addEventListener?: (type: string, listener: (event: { reason: unknown }) => void) => void;
    removeEventListener?: (type: string, listener: (event: { reason: unknown }) => void) => void;
  };
  scope.addEventListener?.('unhandledrejection', onRejection);
  return { errors, dispose: () => scope.removeEventListener?.('unhandledrejection', onRejection) };
}

/** Runs the suite; `loadTests` requires the test files once mocha has defined describe/it. */
export async function run(loadTests: () => void): Promise<void> {
  const startedAt = new Date().toISOString();
  const options = typeof __WEB_TEST_OPTIONS__ === 'undefined' ? {} : __WEB_TEST_OPTIONS__;
  // The browser build's default reporter writes HTML; spec writes through its console shim.
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  if (options.grep) mocha.grep(options.grep);

  const tests: TestOutcome[] = [];
  const outcome = (t: Mocha.Runnable, state: TestOutcome['state'], err?: Error): TestOutcome => ({
    title: t.title,
    fullTitle: t.fullTitle(),
    file: t.parent?.titlePath()[0],
    state,
    durationMs: t.duration,
    error: err ? { message: err.message ?? String(err), stack: err.stack } : undefined,
  });

  const unhandled = watchUnhandledRejections();
  try {
    loadTests();
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => tests.push(outcome(t, 'passed')));
      // Also fires for failing hooks ("before all" hook …), which count as failures.
      runner.on('fail', (t, err: Error) => tests.push(outcome(t, 'failed', err)));
      runner.on('pending', (t) => tests.push(outcome(t, 'pending')));
    });
  } catch (err) {
    // A test file that throws while loading ends up here.
    tests.push({ title: 'load test files', fullTitle: 'load test files', state: 'failed', error: { message: describeError(err) } });
  }
  // Rejections surface a tick or more after the promise is dropped; give them a moment.
  await new Promise((r) => setTimeout(r, 1500));
  unhandled.dispose();

  const results: IntegrationResults = {
    vscodeVersion: vscode.version,
    startedAt,
    finishedAt: new Date().toISOString(),
    passes: tests.filter((t) => t.state === 'passed').length,
    failures: tests.filter((t) => t.state === 'failed').length,
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
    metrics: {},
    unhandledErrors: unhandled.errors,
  };
  console.log(`${RESULTS_MARKER}${JSON.stringify(results)}`);
  const problems = results.failures + results.unhandledErrors.length;
  if (problems > 0) throw new Error(`${results.failures} test(s) failed, ${results.unhandledErrors.length} unhandled error(s)`);
}
