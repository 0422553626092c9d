// What both integration launchers share: a fresh run folder (workspace copy, profile, results
// file), the build of the suite, and reading and printing the results file.
import { spawnSync } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIntegrationTests } from '../../scripts/build-tests.mjs';
import { printCounts, writeTierSummary } from '../../scripts/tier-summary.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixtureWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');
export const RESULTS_ENV = 'DEVOPS_NOTES_TEST_RESULTS';
export const TIMEOUT_MS = Number(process.env.DEVOPS_NOTES_TEST_TIMEOUT_MS || 10 * 60_000);

/** Builds the extension unless the caller (npm test) already did. */
export function buildExtension() {
  if (process.env.DEVOPS_NOTES_SKIP_BUILD === '1') return;
  const res = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('the extension build failed');
}

/**
 * Builds the extension and this run's own copy of the integration bundle. It lives inside the
 * repository (.vscode-test/test-bundles/<run>/) so tests can still resolve packages from
 * node_modules at run time; the run's cleanup removes it.
 */
export async function buildAll(run) {
  buildExtension();
  const dir = path.join(repoRoot, '.vscode-test', 'test-bundles', path.basename(run.runDir));
  run.ownedDirs.push(dir);
  return buildIntegrationTests(dir);
}

/**
 * A fresh folder under the OS temp dir for one run: a copy of the fixture workspace (tests may
 * edit it), an empty user-data dir and extensions dir, and where the results go. Nothing is
 * shared with another run, so two runs can go at once. Use a prefix without the extension's
 * name: console errors naming it count as the extension's own.
 */
export function prepareRun(prefix, sourceWorkspace = fixtureWorkspace) {
  const runDir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const workspaceDir = path.join(runDir, 'workspace');
  cpSync(sourceWorkspace, workspaceDir, { recursive: true });
  const ownedDirs = [runDir];
  return {
    runDir,
    workspaceDir,
    userDataDir: path.join(runDir, 'user-data'),
    extensionsDir: path.join(runDir, 'extensions'),
    resultsFile: path.join(runDir, 'results.json'),
    /** Other folders this run made, removed with it. */
    ownedDirs,
    cleanup() {
      for (const dir of ownedDirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function saveLog(runDir, name, lines) {
  const file = path.join(runDir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function indent(text, by = '      ') {
  return String(text).split('\n').map((l) => by + l).join('\n');
}

/**
 * One error often arrives several times: caught in the extension host, and logged to the page
 * console as "[publisher.name]message" plus its stack. Keep one per message.
 */
function dedupeErrors(errors) {
  const seen = new Set();
  return errors.filter((e) => {
    const firstLine = e
      .replace(/^(unhandled promise rejection|uncaught exception|logged by the extension host): /, '')
      .replace(/^\[[\w.-]+\]\s*/, '')
      .split('\n')[0]
      .replace(/^\w*Error: /, '')
      .trim();
    if (seen.has(firstLine)) return false;
    seen.add(firstLine);
    return true;
  });
}

/**
 * Keeps each metric's latest value (the run folder is removed after a passing run) in
 * test-results/integration-metrics.json, where `npm run bench` reads activate() time. Merged,
 * so a run of a few tests does not erase the figures of the last full run.
 */
function saveMetrics(tier, results) {
  const dir = path.join(repoRoot, 'test-results');
  const file = path.join(dir, 'integration-metrics.json');
  mkdirSync(dir, { recursive: true });
  let saved = {};
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')).metrics ?? {};
  } catch {
    // None yet, or unreadable: start over.
  }
  const { vscodeVersion, finishedAt } = results;
  for (const [name, m] of Object.entries(results.metrics ?? {})) saved[name] = { ...m, tier, vscodeVersion, finishedAt };
  writeFileSync(file, `${JSON.stringify({ metrics: saved }, null, 2)}\n`);
}

/**
 * Reads the results file, prints every test and the counts, and returns the counts. Missing
 * results, failed tests and unhandled errors from our extension all count as failures.
 */
export function reportResults(tier, resultsFile, { extraErrors = [], missingReason = '' } = {}) {
  let results;
  if (existsSync(resultsFile)) {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  }
  const errors = [...extraErrors];
  if (!results) {
    errors.push(`no results file was written (${missingReason || 'the suite did not finish'})`);
    results = { tests: [], passes: 0, failures: 0, pending: 0, metrics: {}, unhandledErrors: [] };
  } else {
    console.log(`\n${tier} (VS Code ${results.vscodeVersion})`);
    saveMetrics(tier, results);
  }
  let currentFile;
  for (const t of results.tests) {
    if (t.file !== currentFile) {
      currentFile = t.file;
      console.log(`  ${t.file ?? ''}`);
    }
    const mark = t.state === 'passed' ? 'ok  ' : t.state === 'failed' ? 'FAIL' : 'skip';
    const ms = t.durationMs !== undefined ? ` (${t.durationMs} ms)` : '';
    console.log(`    ${mark} ${t.fullTitle}${ms}`);
    if (t.error) console.log(indent(t.error.stack || t.error.message));
  }
  errors.unshift(...(results.unhandledErrors ?? []));
  const metrics = Object.entries(results.metrics ?? {});
  if (metrics.length) {
    console.log('  metrics:');
    for (const [name, m] of metrics) console.log(`    ${name}: ${Number(m.value.toFixed(3))} ${m.unit}`);
  }
  const distinct = dedupeErrors(errors);
  for (const e of distinct) console.log(`  ERROR ${indent(e, '        ').trimStart()}`);

  const passed = results.passes;
  const failed = results.failures + distinct.length;
  const ranNothing = results.tests.length === 0 && distinct.length === 0;
  const counts = { passed, failed: ranNothing ? 1 : failed, pending: results.pending };
  if (ranNothing) console.log('  ERROR the suite ran no tests');
  printCounts(tier, counts);
  writeTierSummary(counts);
  return counts;
}
