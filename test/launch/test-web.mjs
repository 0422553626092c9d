// Runs the web suite (test/web/) through @vscode/test-web, for machines that can download VS Code
// for the web (it keeps the download in .vscode-test/test-web/). The same bundle and web-only copy
// of the extension as `npm run test:web`, which runs them in code-server's web worker host and
// needs no download. The workspace is demo/, which test-web mounts as a virtual file system
// (`vscode-test-web://mount/`) whose writes stay in memory, as on github.dev.
//
//   npm run test:test-web
//   VSCODE_TEST_QUALITY=insiders ...      the latest Insiders build (default: stable)
//   VSCODE_TEST_COMMIT=<40 hex> ...       a given build, e.g. one already in .vscode-test/test-web/
//   VSCODE_TEST_SOURCES=<vscode repo> ... a built checkout of VS Code instead of a download
//   DEVOPS_NOTES_TEST_GREP, DEVOPS_NOTES_TEST_VERBOSE, DEVOPS_NOTES_TEST_TIMEOUT_MS as for test:web
//
// The browser is Chromium driven by playwright-core as in the other tiers (CHROME_PATH, else
// /usr/bin/chromium, else a browser of `npx playwright install chromium`): test-web only serves
// the workbench here (browserType 'none'), so its own browser download is not needed, and the
// project's install skips it (allowScripts in package.json).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { freePort } from '../../scripts/code-server.mjs';
import { printCounts, writeTierSummary } from '../../scripts/tier-summary.mjs';
import { CHROME_PATH, CHROMIUM_ARGS, isExtensionError } from '../e2e/workbench.mjs';
import {
  TIMEOUT_MS, prepareRun, repoRoot, reportResults, saveLog,
} from './shared.mjs';
import { installAutomationHooks, prepareWebExtension, saveLoggedResults } from './web-suite.mjs';

const TIER = 'web (@vscode/test-web)';
const verbose = process.env.DEVOPS_NOTES_TEST_VERBOSE === '1';
const HOW_TO_GET_IT = '@vscode/test-web is a dev dependency of this repository: run `npm install` (or `npm ci`) first.';

async function loadTestWeb() {
  try {
    return await import('@vscode/test-web');
  } catch (err) {
    throw new Error(`could not load @vscode/test-web (${err.message ?? err}).\n${HOW_TO_GET_IT}`, { cause: err });
  }
}

/**
 * A page in Debian's Chromium (or CHROME_PATH) as in the other tiers, else in a Chromium that
 * playwright installed. test-web serves each webview from a subdomain of its host, a third party
 * to the workbench, and Chromium's default cookie setting refuses a third party the service worker
 * every webview registers ("The user denied permission to use Service Worker"): the profile allows
 * third-party cookies.
 */
async function openPage(profileDir) {
  mkdirSync(path.join(profileDir, 'Default'), { recursive: true });
  writeFileSync(path.join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const options = { headless: true, viewport: { width: 1280, height: 800 } };
  try {
    const context = process.env.CHROME_PATH || existsSync(CHROME_PATH)
      ? await chromium.launchPersistentContext(profileDir, { ...options, executablePath: CHROME_PATH, args: CHROMIUM_ARGS })
      : await chromium.launchPersistentContext(profileDir, options);
    return { context, page: context.pages()[0] ?? (await context.newPage()) };
  } catch (err) {
    throw new Error(`could not start Chromium (${CHROME_PATH}, else one installed by \`npx playwright install chromium\`); install Chromium or set CHROME_PATH: ${err.message}`, { cause: err });
  }
}

async function main() {
  const started = Date.now();
  const testWeb = await loadTestWeb();
  const run = prepareRun('dnotes-testweb', path.join(repoRoot, 'demo'));
  const { extensionDir, entry, tests } = await prepareWebExtension(path.join(run.runDir, 'web-extension'), { grep: process.env.DEVOPS_NOTES_TEST_GREP });
  console.log(`${TIER}: ${tests.length} test file(s): ${tests.join(', ')}`);

  // test-web names webviews' origins as subdomains of its host: `localhost` has them, an IP does not.
  const host = 'localhost';
  const port = await freePort();
  let server;
  try {
    server = await testWeb.open({
      browserType: 'none',
      extensionDevelopmentPath: extensionDir,
      extensionTestsPath: entry,
      folderPath: run.workspaceDir,
      quality: process.env.VSCODE_TEST_QUALITY === 'insiders' ? 'insiders' : 'stable',
      commit: process.env.VSCODE_TEST_COMMIT || undefined,
      vsCodeDevPath: process.env.VSCODE_TEST_SOURCES || undefined,
      // A folder of its own: test-web empties this folder before it downloads a build.
      testRunnerDataDir: path.join(repoRoot, '.vscode-test', 'test-web'),
      host,
      port,
      printServerLog: verbose,
    });
  } catch (err) {
    run.cleanup();
    throw new Error(
      `@vscode/test-web could not get VS Code for the web (${err.message ?? err}).\n` +
      'It downloads a build from the VS Code update servers on first use. On a machine that cannot reach them, ' +
      'run the same suite in code-server\'s web worker extension host instead: npm run test:web',
      { cause: err },
    );
  }

  const consoleLines = [];
  const ourErrors = [];
  let hooks;
  let browser;
  let missingReason;
  try {
    const opened = await openPage(path.join(run.runDir, 'chromium-profile'));
    browser = opened.context;
    const { page } = opened;
    hooks = await installAutomationHooks(page, { onLine: (_type, text) => verbose && console.log(`  suite | ${text}`) });
    page.on('console', (msg) => {
      const text = msg.text();
      consoleLines.push(`[${msg.type()}] ${text}`);
      if (verbose) console.log(`  page | ${text}`);
      if (isExtensionError({ type: msg.type(), text }, extensionDir)) ourErrors.push(`logged in the page: ${text}`);
    });
    await page.goto(`http://${host}:${port}/`, { waitUntil: 'domcontentloaded', timeout: 90_000 });
    console.log(`${TIER}: workbench page loaded in ${Math.round((Date.now() - started) / 1000)}s; running the suite`);

    const timedOut = Symbol('timeout');
    const timer = new AbortController();
    const exitCode = await Promise.race([hooks.exited, sleep(TIMEOUT_MS, timedOut, { signal: timer.signal })]).finally(() => timer.abort());
    missingReason = exitCode === timedOut ? `timed out after ${TIMEOUT_MS / 1000}s` : `the suite ended with exit code ${exitCode} but logged no results`;
    await sleep(1000);
  } catch (err) {
    missingReason = String(err.message ?? err);
  } finally {
    await browser?.close().catch(() => {});
    server.dispose();
  }

  const saved = hooks ? saveLoggedResults(hooks.lines, run.resultsFile) : false;
  const counts = reportResults(TIER, run.resultsFile, { extraErrors: ourErrors, missingReason: saved ? '' : missingReason });
  if (counts.failed === 0) {
    run.cleanup();
  } else {
    const consoleLog = saveLog(run.runDir, 'page-console.log', consoleLines);
    const suiteLog = saveLog(run.runDir, 'suite.log', hooks?.lines ?? []);
    console.log(`${TIER}: logs kept for inspection:\n  ${consoleLog}\n  ${suiteLog}`);
  }
  console.log(`${TIER}: finished in ${Math.round((Date.now() - started) / 1000)}s`);
  process.exitCode = counts.failed === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(`${TIER}: ${err.message ?? err}`);
  printCounts(TIER, { passed: 0, failed: 1 });
  writeTierSummary({ passed: 0, failed: 1, note: String(err.message ?? err) });
  process.exitCode = 1;
});
