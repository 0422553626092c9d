// Installs code-server (VS Code's own server build, published on the npm registry) on first use
// into .vscode-test/code-server/ — the way @vscode/test-electron keeps VS Code in .vscode-test/ —
// so a plain `npm install` of this project stays light. Used through scripts/code-server.mjs.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensurePrograms, findOnPath } from './prerequisites.mjs';

export const CODE_SERVER_VERSION = process.env.DEVOPS_NOTES_CODE_SERVER_VERSION || '4.100.3';
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const cacheRoot = path.join(repoRoot, '.vscode-test');
export const installDir = path.join(cacheRoot, 'code-server');
const lockDir = path.join(cacheRoot, 'code-server.lock');
const markerFile = path.join(installDir, 'installed.json');
const packageDir = path.join(installDir, 'node_modules', 'code-server');
const vscodeDir = path.join(packageDir, 'lib', 'vscode');
export const entryPath = path.join(packageDir, 'out', 'node', 'entry.js');

/**
 * Files a working install has. The native modules are built by install scripts that npm may
 * skip (blocked scripts, a failed download, an interrupted install); without them code-server
 * starts but its extension host or terminal fails later, far from the cause.
 */
const REQUIRED_FILES = [
  'out/node/entry.js',
  'lib/vscode/out/server-main.js',
  'lib/vscode/node_modules.asar',
  'lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'lib/vscode/node_modules/native-watchdog/build/Release/watchdog.node',
  'lib/vscode/extensions/node_modules/typescript/package.json',
];

/**
 * The ripgrep release each @vscode/ripgrep version downloads in its postinstall (its
 * lib/postinstall.js VERSION). The download goes to GitHub, which some machines cannot reach;
 * the package first looks in `$TMPDIR/vscode-ripgrep-cache-<pkg version>/`, so we put the
 * system's `rg` there in the archive layout it expects.
 */
const RIPGREP_RELEASE = { '1.15.11': 'v13.0.0-10' };

const log = (msg) => console.log(`[code-server] ${msg}`);

/**
 * Install scripts left unrun. kerberos builds against libkrb5-dev's headers, and VS Code loads it
 * only to answer a proxy's Negotiate challenge: code-server starts and works without it.
 */
const SKIPPED_NATIVE_MODULES = new Set(['kerberos']);

function missingFiles() {
  return REQUIRED_FILES.filter((f) => !existsSync(path.join(packageDir, f)));
}

/** True when a complete install of the wanted version is present. */
export function isInstalled() {
  if (!existsSync(markerFile)) return false;
  try {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8'));
    // Native modules are built for one Node ABI; a Node upgrade needs a fresh install.
    return marker.version === CODE_SERVER_VERSION && marker.nodeAbi === process.versions.modules && missingFiles().length === 0;
  } catch {
    return false;
  }
}

/** Installs code-server unless a complete install is there; safe to call from several processes at once. */
export async function ensureCodeServer({ force = false } = {}) {
  if (!force && isInstalled()) return entryPath;
  const release = await acquireLock();
  try {
    // Another process may have finished the install while we waited for the lock.
    if (!force && isInstalled()) return entryPath;
    await install();
  } finally {
    release();
  }
  return entryPath;
}

// ---------------------------------------------------------------------------------------------
// Lock: a directory (mkdir is atomic) holding the owner's pid, so concurrent first runs install
// once and a lock left by a killed process is recognised and taken over.

function lockOwner() {
  try {
    return JSON.parse(readFileSync(path.join(lockDir, 'owner.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function acquireLock() {
  mkdirSync(cacheRoot, { recursive: true });
  const started = Date.now();
  let lastNotice = 0;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      const release = () => rmSync(lockDir, { recursive: true, force: true });
      const onExit = () => release();
      process.once('exit', onExit);
      return () => {
        process.removeListener('exit', onExit);
        release();
      };
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const owner = lockOwner();
    const ageMs = owner ? Date.now() - Date.parse(owner.since) : 0;
    // A lock without an owner file is only stale once its creator had time to write it.
    const stale = owner
      ? owner.host === hostname() && !isAlive(owner.pid)
      : Date.now() - started > 10_000;
    if (stale) {
      log(`removing a stale install lock${owner ? ` (pid ${owner.pid} is gone)` : ''}`);
      const aside = `${lockDir}.stale-${process.pid}`;
      try {
        renameSync(lockDir, aside);
        rmSync(aside, { recursive: true, force: true });
      } catch {
        // Someone else removed or took it first; just try again.
      }
      continue;
    }
    if (Date.now() - lastNotice > 30_000) {
      lastNotice = Date.now();
      log(`waiting for another process (pid ${owner?.pid ?? '?'}) to finish installing code-server` +
        (owner ? ` (${Math.round(ageMs / 1000)}s so far)` : ''));
    }
    if (Date.now() - started > 30 * 60_000) throw new Error(`timed out waiting for the code-server install lock ${lockDir}`);
    await sleep(2000);
  }
}

// ---------------------------------------------------------------------------------------------
// Install

/** Runs npm, streaming its output with a prefix; a heartbeat line shows progress during quiet phases. */
function runNpm(args, { cwd, env, label }) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 60) tail.shift();
        console.log(`  ${label} | ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const heartbeat = setInterval(() => log(`${label}: still working (${Math.round((Date.now() - started) / 1000)}s)`), 30_000);
    child.on('error', (err) => {
      clearInterval(heartbeat);
      reject(err);
    });
    child.on('close', (code) => {
      clearInterval(heartbeat);
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.join(' ')} failed (exit code ${code}): ${npmFailureCause(tail)}`));
    });
  });
}

/** One line naming why an npm run failed, from the last lines it printed (the build log is long). */
export function npmFailureCause(lines) {
  const text = lines.join('\n');
  const header = text.match(/fatal error: ([^:\s]+): No such file or directory/);
  const modulePath = text.match(/gyp ERR! cwd \S*node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\s*$/m);
  const module = modulePath ? ` of ${modulePath[1]}` : '';
  if (header) return `the native build${module} needs the C header ${header[1]} (install the Debian package that provides it)`;
  if (/\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT)\b/.test(text)) return 'a download failed: the npm registry could not be reached';
  if (/\b(ENOSPC)\b/.test(text)) return 'the disk is full';
  if (/gyp ERR!/.test(text)) return `the native build${module} failed (see the gyp errors above)`;
  const npmError = lines.filter((l) => /npm error (?!A complete log)/.test(l)).at(0);
  return npmError ? npmError.replace(/^.*npm error /, '') : 'see the output above';
}

/**
 * npm 11 skips dependency install scripts unless the project's package.json lists them in
 * `allowScripts`. code-server needs its postinstall and native modules built, and its
 * postinstall runs nested `npm install`s in lib/vscode and lib/vscode/extensions, which read
 * their own package.json. Each folder ships a shrinkwrap that pins every package and marks
 * those with install scripts, so we allow exactly those pinned versions.
 */
function allowShrinkwrappedScripts(projectDir, shrinkwrapPath, extra = {}) {
  const shrinkwrap = JSON.parse(readFileSync(shrinkwrapPath, 'utf8'));
  const allow = { ...extra };
  for (const [key, entry] of Object.entries(shrinkwrap.packages ?? {})) {
    if (!key || !entry.hasInstallScript || !entry.version) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // An explicit denial: a package merely left out of the list still ran its script here.
    if (SKIPPED_NATIVE_MODULES.has(name)) {
      allow[name] = false;
      continue;
    }
    // Name-only entries: the shrinkwrap already pins the version, and npm can only verify a
    // pinned entry from a lockfile's download URL, which machines set to
    // omit-lockfile-registry-resolved do not record.
    allow[name] = true;
  }
  const pkgPath = path.join(projectDir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  pkg.allowScripts = allow;
  writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  return Object.keys(allow).filter((name) => allow[name]);
}

/** Seeds @vscode/ripgrep's download cache with the system `rg` (see RIPGREP_RELEASE). */
function seedRipgrepCache(tmpDir) {
  const shrinkwrap = JSON.parse(readFileSync(path.join(vscodeDir, 'npm-shrinkwrap.json'), 'utf8'));
  const version = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  const release = RIPGREP_RELEASE[version];
  const rg = findOnPath('rg');
  if (process.platform !== 'linux' || process.arch !== 'x64' || !release || !rg) {
    log(`not seeding the ripgrep cache (platform ${process.platform}/${process.arch}, @vscode/ripgrep ${version}, ` +
      `known release: ${release ?? 'no'}, rg on PATH: ${rg ?? 'no'}); its postinstall will try to download ripgrep`);
    return;
  }
  const cacheDir = path.join(tmpDir, `vscode-ripgrep-cache-${version}`);
  const staging = path.join(tmpDir, 'rg-staging');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(rg, path.join(staging, 'rg'));
  const archive = path.join(cacheDir, `ripgrep-${release}-x86_64-unknown-linux-musl.tar.gz`);
  const tar = spawnSync('tar', ['czf', archive, '-C', staging, 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) throw new Error('could not create the ripgrep cache archive with tar');
  log(`seeded the ripgrep download cache with ${rg}`);
}

async function install() {
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
  if (existsSync(installDir)) {
    const missing = missingFiles();
    log(existsSync(markerFile)
      ? `reinstalling: the install is incomplete or another version (missing: ${missing.join(', ') || 'none'})`
      : 'found an unfinished install; removing it and starting again');
    rmSync(installDir, { recursive: true, force: true });
  }
  // Before the slow part: a missing program is installed (as root) or named in one line.
  ensurePrograms({ log });
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, installDir)}/ (first use only; a few minutes)`);
  const tmpDir = path.join(installDir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  writeFileSync(path.join(installDir, 'package.json'), `${JSON.stringify({
    name: 'devops-notes-code-server',
    private: true,
    description: 'Cache folder: code-server for the DevOps Notes tests and npm start (see scripts/code-server.mjs).',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
  }, null, 2)}\n`);

  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    // code-server's postinstall refuses to run as root unless npm says unsafe-perm, a key npm 11
    // no longer knows and warns about (its own nested install passes it too): npm logs errors only.
    ...(process.getuid?.() === 0 ? { npm_config_unsafe_perm: 'true' } : {}),
    npm_config_loglevel: 'error',
    // node-pty's install calls `npx node-gyp`, which must not stop to ask.
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // Build native modules against the running Node's own headers when it has them, rather than
  // downloading headers (which machines without internet access cannot do).
  const nodePrefix = path.dirname(path.dirname(process.execPath));
  if (!process.env.npm_config_nodedir && existsSync(path.join(nodePrefix, 'include', 'node', 'common.gypi'))) {
    env.npm_config_nodedir = nodePrefix;
  }

  log('step 1/3: downloading code-server and its dependencies (scripts not run yet)');
  await runNpm(['install', '--ignore-scripts', '--no-package-lock'], { cwd: installDir, env, label: 'npm install' });

  log(`step 2/3: allowing the install scripts code-server's shrinkwraps declare (${elapsed()})`);
  const csShrinkwrap = path.join(packageDir, 'npm-shrinkwrap.json');
  const allowed = [
    ...allowShrinkwrappedScripts(installDir, csShrinkwrap, { 'code-server': true }),
    ...allowShrinkwrappedScripts(vscodeDir, path.join(vscodeDir, 'npm-shrinkwrap.json')),
    ...allowShrinkwrappedScripts(path.join(vscodeDir, 'extensions'), path.join(vscodeDir, 'extensions', 'npm-shrinkwrap.json')),
  ];
  log(`allowed: ${allowed.join(', ')}`);
  seedRipgrepCache(tmpDir);

  log(`step 3/3: running code-server's postinstall (VS Code's dependencies, native modules) (${elapsed()})`);
  await runNpm(['rebuild', '--foreground-scripts'], { cwd: installDir, env, label: 'postinstall' });

  const missing = missingFiles();
  if (missing.length) {
    throw new Error(`code-server install is incomplete: ${missing.join(', ')} missing (on Debian it needs: apt-get install -y ripgrep python3 make g++)`);
  }
  const probe = spawnSync(process.execPath, [entryPath, '--version'], { encoding: 'utf8', env: isolatedEnv(tmpDir) });
  const reported = (probe.stdout ?? '').split('\n').find((l) => /^\d+\.\d+\.\d+ /.test(l));
  if (probe.status !== 0 || !reported) throw new Error(`code-server --version failed:\n${probe.stdout}${probe.stderr}`);
  rmSync(tmpDir, { recursive: true, force: true });
  writeFileSync(markerFile, `${JSON.stringify({
    version: CODE_SERVER_VERSION, reports: reported, nodeAbi: process.versions.modules, installedAt: new Date().toISOString(),
  }, null, 2)}\n`);
  log(`installed code-server ${reported} in ${elapsed()}`);
}

/**
 * Environment that keeps code-server's own files (its config.yaml, its logs) under `dir` instead
 * of the user's home.
 */
export function isolatedEnv(dir) {
  return {
    ...process.env,
    CODE_SERVER_CONFIG: path.join(dir, 'code-server-config.yaml'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
  };
}
