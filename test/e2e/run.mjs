// End-to-end tier: headless Chromium (playwright-core, Debian's chromium) clicks through the real
// VS Code workbench served by code-server, with this extension loaded from source and the demo
// site (demo/) open, and saves its screenshots to the ignored test-results/screenshots/.
//
// Each scenario is a module in test/e2e/scenarios/ (run in file-name order):
//   export const title = 'what it shows';
//   export const settings = { 'workbench.colorTheme': 'Default Dark Modern' };   // optional, workspace settings
//   export const host = 'web';   // optional: run the web entry alone, in the web worker extension host
//   export default async function ({ page, workspaceDir, screenshot }) { ... }
// It gets a fresh copy of the demo site and a freshly loaded workbench, throws to fail, and calls
// `await screenshot('name')` to write name.png there (`{ keepHovers: true }` to keep a
// hover in the shot). Helpers: ./workbench.mjs.
//
//   node test/e2e/run.mjs [name-filter]        (npm run test:e2e)
//   node test/e2e/run.mjs --docs               (npm run docs:screenshots) the README's images: the
//                                              demo as committed (not the working tree), into docs/screenshots/
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureCodeServer, startCodeServer } from '../../scripts/code-server.mjs';
import { printCounts, writeTierSummary } from '../../scripts/tier-summary.mjs';
import { buildExtension, prepareRun, repoRoot, saveLog } from '../launch/shared.mjs';
import { writeWebOnlyExtension } from './webExtension.mjs';
import { cleanScreenshot, isExtensionError, launchBrowser, openWorkbench } from './workbench.mjs';

const TIER = 'e2e';
const SCENARIO_TIMEOUT_MS = 120_000;
// Test runs never write tracked files: only --docs refreshes the README's images.
const docs = process.argv.includes('--docs');
const screenshotDir = docs ? path.join(repoRoot, 'docs', 'screenshots') : path.join(repoRoot, 'test-results', 'screenshots');
// `--scenarios=<dir>` runs another folder of scenarios; a bare argument filters by file name.
const scenariosArg = process.argv.find((a) => a.startsWith('--scenarios='));
const scenarioDir = scenariosArg ? path.resolve(repoRoot, scenariosArg.slice('--scenarios='.length)) : path.join(repoRoot, 'test', 'e2e', 'scenarios');
const demoDir = path.join(repoRoot, 'demo');
const fixtureDir = path.join(repoRoot, 'test', 'fixtures', 'workspace');

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function loadScenarios(filter) {
  const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.mjs')).sort();
  const scenarios = [];
  for (const file of files) {
    if (filter && !file.includes(filter)) continue;
    const mod = await import(pathToFileURL(path.join(scenarioDir, file)).href);
    if (typeof mod.default !== 'function') throw new Error(`${file} must export a default async function`);
    scenarios.push({ file, title: mod.title ?? file, settings: mod.settings, host: mod.host, run: mod.default });
  }
  return scenarios;
}

async function main() {
  const started = Date.now();
  const filter = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const scenarios = await loadScenarios(filter);
  buildExtension();
  await ensureCodeServer();
  const committedDemo = docs ? committedCopy('demo') : undefined;
  const site = committedDemo ?? (existsSync(path.join(demoDir, 'content')) ? demoDir : fixtureDir);
  console.log(`${TIER}: ${scenarios.length} scenario(s) on ${committedDemo ? 'demo/ as committed' : `${path.relative(repoRoot, site)}/`}, screenshots to ${path.relative(repoRoot, screenshotDir)}/`);

  const run = prepareRun('dnotes-e2e', site);
  const webExtension = scenarios.some((s) => s.host === 'web') ? writeWebOnlyExtension(repoRoot, path.join(run.runDir, 'web-extension')) : undefined;
  mkdirSync(screenshotDir, { recursive: true });
  const server = await startCodeServer({ userDataDir: run.userDataDir, extensionsDir: run.extensionsDir });
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    for (const [i, scenario] of scenarios.entries()) {
      // A fresh copy per scenario: a new folder means fresh workspace state (no editors restored).
      // Named like the site, since the window title shows the folder name.
      const workspaceDir = path.join(run.runDir, `scenario-${i}`, path.basename(site));
      prepareCopy(run.workspaceDir, workspaceDir, scenario.settings);
      const consoleLines = [];
      const errors = [];
      const shots = [];
      const t0 = Date.now();
      let page;
      const extensionDevelopmentPath = scenario.host === 'web' ? webExtension : repoRoot;
      try {
        page = await openWorkbench(browser, server.url({ folder: workspaceDir, extensionDevelopmentPath }), {
          onConsole: (msg) => {
            consoleLines.push(`[${msg.type}] ${msg.text}`);
            if (isExtensionError(msg, repoRoot) || isExtensionError(msg, extensionDevelopmentPath)) errors.push(msg.text);
          },
        });
        const screenshot = async (name, options) => {
          const file = path.join(screenshotDir, `${name}.png`);
          await cleanScreenshot(page, file, options);
          shots.push(path.relative(repoRoot, file));
        };
        await withTimeout(scenario.run({ page, workspaceDir, screenshot }), SCENARIO_TIMEOUT_MS, scenario.file);
        if (errors.length) throw new Error(`the extension logged errors:\n${errors.join('\n')}`);
        passed++;
        console.log(`  ok   ${scenario.title} (${scenario.file}, ${((Date.now() - t0) / 1000).toFixed(1)}s)${shots.length ? ` -> ${shots.join(', ')}` : ''}`);
      } catch (err) {
        failed++;
        console.log(`  FAIL ${scenario.title} (${scenario.file})\n      ${String(err.stack ?? err).split('\n').join('\n      ')}`);
        const base = path.join(run.runDir, `failure-${path.basename(scenario.file, '.mjs')}`);
        await page?.screenshot({ path: `${base}.png` }).catch(() => {});
        saveLog(run.runDir, `${path.basename(base)}-console.log`, consoleLines);
        console.log(`      screenshot and console log: ${base}.png, ${base}-console.log`);
      } finally {
        await page?.context().close().catch(() => {});
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  if (scenarios.length === 0) {
    failed++;
    console.log(`  FAIL no scenarios matched${filter ? ` "${filter}"` : ''}`);
  }
  printCounts(TIER, { passed, failed });
  writeTierSummary({ passed, failed });
  if (committedDemo) rmSync(path.dirname(committedDemo), { recursive: true, force: true });
  if (failed === 0) run.cleanup();
  else saveLog(run.runDir, 'code-server.log', server.output);
  console.log(`${TIER}: finished in ${Math.round((Date.now() - started) / 1000)}s`);
  process.exitCode = failed === 0 ? 0 : 1;
}

/** `folder` as committed at HEAD, extracted into a temp folder (named like it); its path. */
function committedCopy(folder) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dnotes-committed-'));
  const archive = spawnSync('git', ['archive', '--format=tar', 'HEAD', folder], { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive HEAD ${folder} failed: ${archive.stderr}`);
  const tar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (tar.status !== 0) throw new Error(`could not extract ${folder}: ${tar.stderr}`);
  return path.join(dir, folder);
}

/** A scenario's own copy of the site (from the run's pristine copy), with its workspace settings. */
function prepareCopy(pristineDir, workspaceDir, settings) {
  cpSync(pristineDir, workspaceDir, { recursive: true });
  if (settings) {
    mkdirSync(path.join(workspaceDir, '.vscode'), { recursive: true });
    writeFileSync(path.join(workspaceDir, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  }
}

main().catch((err) => {
  console.error(`${TIER}: ${err.stack ?? err}`);
  printCounts(TIER, { passed: 0, failed: 1 });
  writeTierSummary({ passed: 0, failed: 1, note: String(err.message ?? err) });
  process.exitCode = 1;
});
