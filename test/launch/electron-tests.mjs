// Runs the same integration suite in desktop VS Code through @vscode/test-electron, for
// machines that can download VS Code (it keeps the download in .vscode-test/). Same bundle, same
// fresh workspace copy and profile, same results file as the code-server launcher.
//
//   npm run test:electron
//   VSCODE_TEST_VERSION=1.90.0 npm run test:electron     test against the oldest supported engine
// On Linux without a display, run it under xvfb-run.
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE_SETTINGS } from '../../scripts/code-server.mjs';
import { printCounts, writeTierSummary } from '../../scripts/tier-summary.mjs';
import {
  RESULTS_ENV, buildAll, prepareRun, repoRoot, reportResults,
} from './shared.mjs';

const TIER = 'integration (electron)';
const version = process.env.VSCODE_TEST_VERSION || 'stable';

async function main() {
  const run = prepareRun('dnotes-electron');
  const { entry, tests } = await buildAll(run);
  console.log(`${TIER}: ${tests.length} test file(s): ${tests.join(', ')}`);

  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version,
      cachePath: path.join(repoRoot, '.vscode-test'),
      timeout: 30_000,
    });
  } catch (err) {
    run.cleanup();
    throw new Error(
      `could not download VS Code ${version} (${err.message ?? err}).\n` +
      '@vscode/test-electron needs to reach the VS Code download servers. On a machine that cannot, ' +
      'run the same suite in code-server instead: npm run test:integration',
      { cause: err },
    );
  }

  mkdirSync(path.join(run.userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(run.userDataDir, 'User', 'settings.json'), `${JSON.stringify(BASE_SETTINGS, null, 2)}\n`);
  const launchArgs = [
    run.workspaceDir,
    '--disable-extensions',
    '--disable-workspace-trust',
    '--skip-welcome',
    '--skip-release-notes',
    `--user-data-dir=${run.userDataDir}`,
    `--extensions-dir=${run.extensionsDir}`,
  ];
  // Chromium refuses to run as root with its sandbox on.
  if (process.getuid?.() === 0) launchArgs.push('--no-sandbox');

  let exitCode;
  let missingReason = '';
  try {
    exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: entry,
      extensionTestsEnv: { [RESULTS_ENV]: run.resultsFile },
      launchArgs,
    });
  } catch (err) {
    // runTests rejects when VS Code exits non-zero; the results file (if any) still decides.
    missingReason = `VS Code exited: ${err.message ?? err}`;
  }
  const counts = reportResults(TIER, run.resultsFile, { missingReason });
  if (counts.failed === 0) run.cleanup();
  else console.log(`${TIER}: run folder kept: ${run.runDir} (VS Code exit code ${exitCode ?? 'n/a'})`);
  process.exitCode = counts.failed === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(`${TIER}: ${err.message ?? err}`);
  printCounts(TIER, { passed: 0, failed: 1 });
  writeTierSummary({ passed: 0, failed: 1, note: String(err.message ?? err) });
  process.exitCode = 1;
});
