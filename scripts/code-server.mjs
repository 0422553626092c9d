// code-server (VS Code's server build) for the test tiers and `npm start`: installed on first use
// (scripts/code-server-install.mjs), started on 127.0.0.1 only, stopped with every process it
// started.
//
//   node scripts/code-server.mjs install [--force]   install (or repair) it now
//   node scripts/code-server.mjs path                print the entry script
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureCodeServer, entryPath, isolatedEnv } from './code-server-install.mjs';

export {
  CODE_SERVER_VERSION, ensureCodeServer, entryPath, installDir, isInstalled, repoRoot,
} from './code-server-install.mjs';

const log = (msg) => console.log(`[code-server] ${msg}`);

/** A free TCP port on loopback (the OS picks it; a clash with a parallel run is retried by startCodeServer). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Settings every run needs: no trust dialog covering the window, no welcome page. */
export const BASE_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
};

/**
 * Starts code-server on 127.0.0.1 (never another interface: it runs with --auth none).
 * Returns { port, baseUrl, url(opts), output, stop() }. With `isolateHome` (tests) code-server's
 * XDG folders point into the user-data dir; `npm start` keeps them, since terminals inherit them. The server runs in its own process group
 * so stop() (and our own exit) ends it with every process it started.
 */
export async function startCodeServer({
  userDataDir, extensionsDir, port, settings = {}, env = {}, extraArgs = [], quiet = true, isolateHome = true,
} = {}) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settingsPath = path.join(userDataDir, 'User', 'settings.json');
  const existing = existsSync(settingsPath) ? safeJson(readFileSync(settingsPath, 'utf8')) : {};
  writeFileSync(settingsPath, `${JSON.stringify({ ...existing, ...BASE_SETTINGS, ...settings }, null, 2)}\n`);

  const fixedPort = port !== undefined;
  for (let attempt = 1; ; attempt++) {
    const chosen = fixedPort ? port : await freePort();
    try {
      return await launch(chosen);
    } catch (err) {
      if (fixedPort || attempt >= 3 || !/EADDRINUSE/.test(String(err.message))) throw err;
      log(`port ${chosen} was taken meanwhile; trying another`);
    }
  }

  async function launch(chosenPort) {
    const args = [
      entryPath,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${chosenPort}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      ...extraArgs,
    ];
    const child = spawn(process.execPath, args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: isolateHome
        ? { ...isolatedEnv(userDataDir), ...env }
        : { ...process.env, CODE_SERVER_CONFIG: path.join(userDataDir, 'code-server-config.yaml'), ...env },
    });
    const output = [];
    let ready = false;
    const readyPromise = new Promise((resolve, reject) => {
      const onData = (chunk) => {
        for (const line of chunk.toString().split('\n')) {
          if (!line.trim()) continue;
          output.push(line);
          if (!quiet) console.log(`  code-server | ${line}`);
          if (!ready && /HTTP server listening on/.test(line)) {
            ready = true;
            resolve();
          }
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (!ready) reject(new Error(`code-server exited before listening (code ${code}, signal ${signal}):\n${output.slice(-30).join('\n')}`));
      });
    });
    const killGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const onExit = () => killGroup('SIGKILL');
    process.once('exit', onExit);
    let stopped;
    const stop = () => {
      stopped ??= (async () => {
        process.removeListener('exit', onExit);
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          killGroup('SIGTERM');
          const timer = new AbortController();
          const timedOut = await Promise.race([
            exited.then(() => false),
            sleep(5000, true, { signal: timer.signal }).catch(() => false),
          ]);
          timer.abort();
          if (timedOut) killGroup('SIGKILL');
        }
        // Children that ignored SIGTERM (extension hosts, pty hosts) go with the group.
        killGroup('SIGKILL');
      })();
      return stopped;
    };
    const timer = new AbortController();
    const timeout = sleep(90_000, undefined, { signal: timer.signal }).then(() => {
      throw new Error(`code-server did not start listening within 90s:\n${output.slice(-30).join('\n')}`);
    }, () => {});
    try {
      await Promise.race([readyPromise, timeout]);
    } catch (err) {
      await stop();
      throw err;
    } finally {
      timer.abort();
    }
    const baseUrl = `http://127.0.0.1:${chosenPort}`;
    return {
      port: chosenPort,
      baseUrl,
      process: child,
      output,
      stop,
      /** The workbench URL for a folder, optionally loading an extension from source and/or running tests. */
      url({ folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
        const params = new URLSearchParams();
        if (folder) params.set('folder', folder);
        const payload = [];
        const remote = (p) => `vscode-remote://127.0.0.1:${chosenPort}${path.resolve(p).split(path.sep).join('/')}`;
        if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
        if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
        if (payload.length) params.set('payload', JSON.stringify(payload));
        return `${baseUrl}/?${params}`;
      },
    };
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** `code-server --install-extension <vsix>` into an extensions dir (as a user would install a release). */
export function installExtension(vsixPath, extensionsDir, userDataDir) {
  const res = spawnSync(process.execPath, [
    entryPath, '--install-extension', vsixPath, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force',
  ], { encoding: 'utf8', env: isolatedEnv(userDataDir) });
  return { ok: res.status === 0, output: `${res.stdout ?? ''}${res.stderr ?? ''}` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command = 'install'] = process.argv.slice(2);
  if (command === 'install') {
    await ensureCodeServer({ force: process.argv.includes('--force') });
    log(`ready: ${path.relative(process.cwd(), entryPath)}`);
  } else if (command === 'path') {
    console.log(entryPath);
  } else {
    console.error('usage: node scripts/code-server.mjs [install [--force] | path]');
    process.exitCode = 2;
  }
}
