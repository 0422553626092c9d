// `npm start`: builds the extension, starts code-server (VS Code in the browser) on 127.0.0.1 with
// this extension loaded from source and the demo notes (demo/) open, and prints the URL to open.
// Ctrl+C stops code-server and everything it started.
//
//   npm start                       port 8080, or a free one when 8080 is taken
//   npm start -- --port=9000
//   npm start -- --watch            also rebuild on every change (reload the window to pick it up)
//   npm start -- --keep             reuse the scratch demo copy of the last start (your edits stay)
//
// The window opens a scratch copy of demo/ in the OS temp folder, made afresh on each start, so
// trying quick fixes or renames (code-server saves automatically) never changes the repository,
// and no "git repository found in parent folders" prompt appears.
//
// code-server runs with --auth none, which is only acceptable because it listens on loopback.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureCodeServer, freePort, repoRoot, startCodeServer } from './code-server.mjs';

const argValue = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const watch = process.argv.includes('--watch');
const keep = process.argv.includes('--keep');
const demoDir = path.join(repoRoot, 'demo');
// Named like the site: the window title shows the folder's name.
// DEVOPS_NOTES_START_DIR moves the scratch copy and the profile (the e2e test of npm start uses it).
const startDir = process.env.DEVOPS_NOTES_START_DIR;
const scratchDir = path.join(startDir ?? path.join(tmpdir(), 'devops-notes-start'), 'demo');
/** The post the first screen opens with its preview (see src/welcome). */
const DEMO_POST = 'content/posts/buildkit-cache-mounts.md';
const stateDir = startDir ? path.join(startDir, 'state') : path.join(repoRoot, '.vscode-test', 'start');

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function choosePort() {
  const asked = argValue('port') ?? process.env.DEVOPS_NOTES_PORT;
  if (asked) return Number(asked);
  return (await portIsFree(8080)) ? 8080 : freePort();
}

async function main() {
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  await ensureCodeServer();
  const reused = keep && existsSync(scratchDir);
  if (!reused) {
    rmSync(scratchDir, { recursive: true, force: true });
    cpSync(demoDir, scratchDir, { recursive: true });
  }

  // Kept between runs (in the gitignored .vscode-test/), so open editors and layout survive a restart.
  const server = await startCodeServer({
    userDataDir: path.join(stateDir, 'user-data'),
    extensionsDir: path.join(stateDir, 'extensions'),
    port: await choosePort(),
    isolateHome: false,
    env: { DEVOPS_NOTES_DEMO_POST: DEMO_POST },
  });
  let watcher;
  if (watch) {
    watcher = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), '--watch'], { cwd: repoRoot, stdio: 'inherit' });
  }

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal ? `${signal}: ` : ''}stopping code-server…`);
    watcher?.kill('SIGTERM');
    await server.stop();
    console.log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  server.process.on('exit', (code) => {
    if (stopping) return;
    console.error(`code-server exited unexpectedly (code ${code}):\n${server.output.slice(-20).join('\n')}`);
    watcher?.kill('SIGTERM');
    process.exit(1);
  });

  const url = server.url({ folder: scratchDir, extensionDevelopmentPath: repoRoot });
  console.log(`
DevOps Notes is running in VS Code (code-server ${server.port === 8080 ? 'on the default port' : `on port ${server.port}`}).
Open this URL in a browser on this machine (it loads the extension from source and opens a scratch
copy of demo/ in ${scratchDir}${reused ? ', kept from the last start' : ', made afresh; `npm start -- --keep` keeps it next time'}):

  ${url}

Reload the browser window after a rebuild${watch ? ' (the watcher rebuilds on every change)' : ' (npm run build)'}. Press Ctrl+C to stop.`);
}

main().catch((err) => {
  // The cause goes last, on one line: build and install output can run to hundreds of lines.
  const [first, ...rest] = String(err?.message ?? err).split('\n');
  if (rest.length) console.error(rest.join('\n'));
  console.error(`npm start failed: ${first}`);
  process.exit(1);
});
