// `npm test`: every tier in order — typecheck, lint, unit, integration (real VS Code in
// code-server), web (the web entry in code-server's web worker extension host), e2e (workbench
// in headless Chromium), package (.vsix install) — each printing its own counts, then a summary
// table and a last line `N passed, N failed` (CI reads it). Exits 1 when anything failed.
//
//   npm test                          all tiers
//   npm test -- --only=unit,lint      some tiers       npm test -- --skip=e2e    all but some
//
// code-server is installed on first use; when it is missing, its install starts in the
// background right away so it overlaps the typecheck, lint and unit tiers.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInstalled } from './code-server.mjs';
import { CODE_SERVER_PROGRAMS, ensurePrograms } from './prerequisites.mjs';
import { TIER_SUMMARY_ENV } from './tier-summary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (pkgPath) => path.join(root, 'node_modules', ...pkgPath.split('/'));
const TIER_TIMEOUT_MS = 25 * 60_000;

/** Parses "N passing / N failing / N pending" from mocha's spec reporter. */
function mochaCounts(output) {
  const n = (word) => Number(output.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
  return { passed: n('passing'), failed: n('failing'), pending: n('pending') };
}

/** A script that type-checks each project in turn (the webview has its own, with DOM types), stopping at the first failure. */
function typecheckAll(projects) {
  const tsc = JSON.stringify(bin('typescript/bin/tsc'));
  return `for (const p of ${JSON.stringify(projects)}) require('node:child_process').execFileSync(process.execPath, [${tsc}, '--noEmit', '-p', p], { stdio: 'inherit' });`;
}

/** A check with no count of its own (tsc, eslint): one pass, or one failure. */
const singleCheck = (_output, code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });

const TIERS = [
  { name: 'build', cmd: [process.execPath, 'scripts/build.mjs'], counts: singleCheck },
  { name: 'typecheck', cmd: [process.execPath, '-e', typecheckAll(['.', 'src/preview-webview'])], counts: singleCheck },
  { name: 'lint', cmd: [process.execPath, bin('eslint/bin/eslint.js'), '.'], counts: singleCheck },
  { name: 'unit', cmd: [process.execPath, bin('mocha/bin/mocha.js')], counts: mochaCounts },
  { name: 'integration', browser: true, cmd: [process.execPath, 'test/launch/code-server-tests.mjs'], codeServer: true, afterBuild: true },
  // The web entry alone in the browser's web worker extension host, with the web suite (test/web).
  { name: 'web', browser: true, cmd: [process.execPath, 'test/launch/web-tests.mjs'], codeServer: true, afterBuild: true },
  { name: 'e2e', browser: true, cmd: [process.execPath, 'test/e2e/run.mjs'], codeServer: true, afterBuild: true },
  { name: 'package', browser: true, cmd: [process.execPath, 'test/package/run.mjs'], codeServer: true },
  // Hostile posts in the real preview page in headless Chromium (test/xss): no script may run.
  { name: 'xss', browser: true, cmd: [process.execPath, bin('mocha/bin/mocha.js'), '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '240000', 'test/xss/**/*.test.ts'], counts: mochaCounts, afterBuild: true },
  // Every benchmark once on 1k posts (no timing verdicts): the harness still runs. Last: it
  // leaves a production build in dist/.
  { name: 'bench', cmd: [process.execPath, bin('tsx/dist/cli.mjs'), 'bench/run.ts', '--smoke'] },
];

function parseList(flag) {
  const arg = process.argv.find((a) => a.startsWith(`--${flag}=`));
  return arg ? arg.slice(flag.length + 3).split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

/** Runs a command with its output passing through; resolves { code, output, ms }. */
function runLive(cmd, { env = {}, timeoutMs = TIER_TIMEOUT_MS } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd[0], cmd.slice(1), { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const pass = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', pass(process.stdout));
    child.stderr.on('data', pass(process.stderr));
    const timer = setTimeout(() => {
      output += `\n(timed out after ${timeoutMs / 60_000} min)\n`;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (err) => {
      output += String(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output, ms: Date.now() - started });
    });
  });
}

/** Starts the code-server install in the background; its output goes to a log file. */
function startBackgroundInstall() {
  const logFile = path.join(root, '.vscode-test', 'code-server-install.log');
  console.log(`code-server is not installed yet: installing it in the background (log: ${path.relative(root, logFile)})`);
  const started = Date.now();
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['scripts/code-server.mjs', 'install'], { cwd: root, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const done = new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
  return { logFile, started, done };
}

/** Waits for the background install, echoing its latest step every 30 s; true when it worked. */
async function waitForInstall(install) {
  const latestStep = () => readFileSync(install.logFile, 'utf8').split('\n').filter((l) => l.startsWith('[code-server]')).at(-1);
  console.log(`waiting for the code-server install: ${latestStep() ?? '(starting)'}`);
  const timer = setInterval(() => console.log(`waiting for the code-server install: ${latestStep() ?? '(starting)'}`), 30_000);
  const code = await install.done;
  clearInterval(timer);
  const seconds = Math.round((Date.now() - install.started) / 1000);
  console.log(`code-server install ${code === 0 ? 'finished' : 'FAILED'} after ${seconds}s: ${latestStep() ?? ''}`);
  if (code !== 0) console.log(readFileSync(install.logFile, 'utf8').split('\n').slice(-40).join('\n'));
  return code === 0;
}

/** `git status --porcelain` lines, or undefined outside a git work tree. */
function gitStatus() {
  const r = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : undefined;
}

function pad(text, width, right = false) {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

async function main() {
  const started = Date.now();
  const only = parseList('only');
  const skip = parseList('skip') ?? [];
  const selected = (name) => name === 'build' || ((!only || only.includes(name)) && !skip.includes(name));
  const chosen = TIERS.filter((t) => selected(t.name));

  mkdirSync(path.join(root, '.vscode-test'), { recursive: true });
  let install;
  // System programs first (installed as root, else named in one line), before any slow tier.
  const programs = {
    ...(chosen.some((t) => t.codeServer) && !isInstalled() ? CODE_SERVER_PROGRAMS : {}),
    ...(chosen.some((t) => t.browser) && !process.env.CHROME_PATH ? { chromium: 'chromium' } : {}),
  };
  try {
    ensurePrograms({ programs });
  } catch (err) {
    console.error(`npm test: ${err.message}`);
    process.exit(1);
  }
  if (chosen.some((t) => t.codeServer) && !isInstalled()) {
    install = startBackgroundInstall();
  }

  const before = gitStatus();
  const summaryDir = mkdtempSync(path.join(tmpdir(), 'dnotes-tiers-'));
  const rows = [];
  let codeServerReady = !install;
  for (const tier of TIERS) {
    if (!selected(tier.name)) {
      rows.push({ name: tier.name, status: 'skipped', passed: 0, failed: 0, ms: 0 });
      continue;
    }
    console.log(`\n=== ${tier.name} ${'='.repeat(Math.max(3, 60 - tier.name.length))}`);
    if (tier.codeServer && install && !codeServerReady) {
      codeServerReady = await waitForInstall(install);
      install = undefined;
    }
    if (tier.codeServer && !codeServerReady) {
      console.log(`${tier.name}: not run, code-server could not be installed`);
      rows.push({ name: tier.name, status: 'not run', passed: 0, failed: 1, ms: 0 });
      continue;
    }
    const summaryFile = path.join(summaryDir, `${tier.name}.json`);
    const env = { [TIER_SUMMARY_ENV]: summaryFile, ...(tier.afterBuild ? { DEVOPS_NOTES_SKIP_BUILD: '1' } : {}) };
    const { code, output, ms } = await runLive(tier.cmd, { env });
    let counts;
    let printed = true;
    try {
      counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
    } catch {
      counts = (tier.counts ?? singleCheck)(output, code);
      printed = false;
    }
    // A non-zero exit with no failure counted (a crash, a timeout) is still a failure.
    if (code !== 0 && counts.failed === 0) {
      counts.failed = 1;
      printed = false;
    }
    if (!printed) console.log(`${tier.name}: ${counts.passed} passed, ${counts.failed} failed`);
    rows.push({ name: tier.name, status: code === 0 ? 'ok' : 'FAILED', ...counts, ms });
  }
  rmSync(summaryDir, { recursive: true, force: true });

  // The suite writes only to temp and ignored folders: a file it changed or left is a failure.
  const after = gitStatus();
  if (before !== undefined && after !== undefined) {
    const changed = after.filter((line) => !before.includes(line));
    if (changed.length) console.log(`\nnpm test changed the working tree:\n  ${changed.join('\n  ')}`);
    rows.push({ name: 'clean tree', status: changed.length ? 'FAILED' : 'ok', passed: changed.length ? 0 : 1, failed: changed.length ? 1 : 0, ms: 0 });
  }

  const passed = rows.reduce((n, r) => n + r.passed, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  console.log(`\n${pad('tier', 12)} ${pad('status', 8)} ${pad('passed', 7, true)} ${pad('failed', 7, true)} ${pad('time', 7, true)}`);
  for (const r of rows) {
    const time = r.status === 'skipped' ? '' : `${Math.round(r.ms / 1000)}s`;
    console.log(`${pad(r.name, 12)} ${pad(r.status, 8)} ${pad(r.passed, 7, true)} ${pad(r.failed, 7, true)} ${pad(time, 7, true)}`);
  }
  console.log(`total time ${Math.round((Date.now() - started) / 1000)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
