// Runs the web suite (test/web/) in code-server's web worker extension host: the browser's
// extension host, with no Node.js, where vscode.dev and github.dev run extensions. code-server
// gets a copy of the extension without `main`, so it runs the `browser` entry
// (dist/web/extension.js) in a web worker, with the suite bundled inside that copy so VS Code
// runs it there too (extensionTestsPath). The workspace is a fresh copy of demo/.
// @vscode/test-web runs the same bundle in a downloaded VS Code for the web: test/launch/test-web.mjs.
//
//   node test/launch/web-tests.mjs          (npm run test:web)
//   DEVOPS_NOTES_TEST_GREP=preview ...       only matching tests
//   DEVOPS_NOTES_TEST_VERBOSE=1 ...          echo the suite's output and the page console
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureCodeServer, startCodeServer } from '../../scripts/code-server.mjs';
import { printCounts, writeTierSummary } from '../../scripts/tier-summary.mjs';
import { isExtensionError, launchBrowser, openWorkbench } from '../e2e/workbench.mjs';
import {
  TIMEOUT_MS, prepareRun, repoRoot, reportResults, saveLog,
} from './shared.mjs';
import { installAutomationHooks, prepareWebExtension, saveLoggedResults } from './web-suite.mjs';

const TIER = 'web (code-server web worker host)';
const verbose = process.env.DEVOPS_NOTES_TEST_VERBOSE === '1';

async function main() {
  const started = Date.now();
  const run = prepareRun('dnotes-webhost', path.join(repoRoot, 'demo'));
  const { extensionDir, entry, tests } = await prepareWebExtension(path.join(run.runDir, 'web-extension'), { grep: process.env.DEVOPS_NOTES_TEST_GREP });
  console.log(`${TIER}: ${tests.length} test file(s): ${tests.join(', ')}`);
  await ensureCodeServer();

  const consoleLines = [];
  const ourErrors = [];
  let hooks;
  let server;
  let browser;
  let missingReason;
  try {
    server = await startCodeServer({ userDataDir: run.userDataDir, extensionsDir: run.extensionsDir });
    const url = server.url({ folder: run.workspaceDir, extensionDevelopmentPath: extensionDir, extensionTestsPath: entry });
    browser = await launchBrowser();
    await openWorkbench(browser, url, {
      beforeLoad: async (page) => {
        hooks = await installAutomationHooks(page, { onLine: (_type, text) => verbose && console.log(`  suite | ${text}`) });
      },
      onConsole: (msg) => {
        consoleLines.push(`[${msg.type}] ${msg.text}`);
        if (verbose) console.log(`  page | ${msg.text}`);
        if (isExtensionError(msg, extensionDir)) ourErrors.push(`logged in the page: ${msg.text}`);
      },
    });
    console.log(`${TIER}: workbench loaded in ${Math.round((Date.now() - started) / 1000)}s; running the suite`);

    const timedOut = Symbol('timeout');
    const timer = new AbortController();
    const heartbeat = setInterval(() => console.log(`${TIER}: still running (${Math.round((Date.now() - started) / 1000)}s)`), 30_000);
    const exitCode = await Promise.race([hooks.exited, sleep(TIMEOUT_MS, timedOut, { signal: timer.signal })]).finally(() => {
      timer.abort();
      clearInterval(heartbeat);
    });
    if (exitCode === timedOut) missingReason = `timed out after ${TIMEOUT_MS / 1000}s`;
    else if (server.process.exitCode !== null) missingReason = `code-server exited with code ${server.process.exitCode}`;
    else missingReason = `the suite ended with exit code ${exitCode} but logged no results`;
    // Errors logged right after the last test still belong to this run.
    await sleep(1000);
  } catch (err) {
    missingReason = String(err.message ?? err);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
  }

  const saved = hooks ? saveLoggedResults(hooks.lines, run.resultsFile) : false;
  const counts = reportResults(TIER, run.resultsFile, { extraErrors: ourErrors, missingReason: saved ? '' : missingReason });
  const ok = counts.failed === 0;
  if (ok) {
    run.cleanup();
  } else {
    const consoleLog = saveLog(run.runDir, 'page-console.log', consoleLines);
    const suiteLog = saveLog(run.runDir, 'suite.log', hooks?.lines ?? []);
    const serverLog = saveLog(run.runDir, 'code-server.log', server?.output ?? []);
    console.log(`${TIER}: logs kept for inspection:\n  ${consoleLog}\n  ${suiteLog}\n  ${serverLog}`);
  }
  console.log(`${TIER}: finished in ${Math.round((Date.now() - started) / 1000)}s`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((err) => {
  console.error(`${TIER}: ${err.stack ?? err}`);
  printCounts(TIER, { passed: 0, failed: 1 });
  writeTierSummary({ passed: 0, failed: 1, note: String(err.message ?? err) });
  process.exitCode = 1;
});
