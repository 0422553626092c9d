// What both launchers of the web suite (test/web/) share: the web-only copy of the extension with
// the suite bundled inside it, the hooks VS Code's workbench calls when extension tests log and
// end, and turning the results line the suite logs into the results file of the other launchers.
import { writeFileSync } from 'node:fs';
import { format } from 'node:util';
import path from 'node:path';
import { buildWebTests } from '../../scripts/build-web-tests.mjs';
import { writeWebOnlyExtension } from '../e2e/webExtension.mjs';
import { buildExtension, repoRoot } from './shared.mjs';

/** The prefix of the console line with the results (RESULTS_MARKER in test/web/index.ts). */
export const RESULTS_MARKER = 'DEVOPS_NOTES_WEB_RESULTS ';

/**
 * Builds the extension, writes a copy without `main` into `dir` (so VS Code can only run its
 * `browser` entry, in a web worker) and bundles the suite inside that copy: VS Code runs
 * `extensionTestsPath` in the extension host of the extension whose folder holds it, here the
 * web worker. Returns { extensionDir, entry, tests }.
 */
export async function prepareWebExtension(dir, { grep } = {}) {
  buildExtension();
  const extensionDir = writeWebOnlyExtension(repoRoot, dir);
  const { entry, tests } = await buildWebTests(path.join(extensionDir, 'dist', 'test', 'web', 'index.js'), { grep });
  return { extensionDir, entry, tests };
}

/**
 * Installs on a page, before it loads the workbench, the two functions VS Code's workbench calls
 * while it runs extension tests: `codeAutomationLog` (the extension host's log lines, the suite's
 * output among them) and `codeAutomationExit` (the suite's exit code, after `run()` settled).
 * Returns { lines, exited } where `exited` resolves to the exit code.
 */
export async function installAutomationHooks(page, { onLine } = {}) {
  const lines = [];
  let resolveExit;
  const exited = new Promise((resolve) => {
    resolveExit = resolve;
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // @vscode/test-web's workbench passes console arguments; code-server's one message.
    const text = Array.isArray(args) ? format(...args) : String(args);
    lines.push(text);
    onLine?.(type, text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    resolveExit(Number(code));
  });
  return { lines, exited };
}

/** The results object from the suite's results line among `lines`, or undefined. */
export function resultsFromLines(lines) {
  for (const line of lines) {
    const at = line.indexOf(RESULTS_MARKER);
    if (at < 0) continue;
    try {
      return JSON.parse(line.slice(at + RESULTS_MARKER.length));
    } catch {
      // A line cut short is no result; keep looking.
    }
  }
  return undefined;
}

/** Writes the results the suite logged to `resultsFile` (for reportResults); false when none came. */
export function saveLoggedResults(lines, resultsFile) {
  const results = resultsFromLines(lines);
  if (!results) return false;
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  return true;
}
