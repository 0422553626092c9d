// `npm start` as a new user runs it: the URL it prints opens VS Code on a scratch copy of the
// demo outside any git repository, showing the DevOps Notes view, a post with its preview and
// the walkthrough; trying things there never touches the repository's demo/.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { previewFrame } from '../previewSteps.mjs';
import { cleanScreenshot } from '../workbench.mjs';
import { freePort } from '../../../scripts/code-server.mjs';

export const title = 'npm start opens a scratch demo with the view, a post, its preview and the walkthrough';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export default async function ({ page }) {
  const startDir = mkdtempSync(path.join(tmpdir(), 'dnotes-start-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.mjs', `--port=${port}`], {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, DEVOPS_NOTES_START_DIR: startDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const ownPage = await page.context().browser().newPage({ viewport: { width: 1400, height: 850 } });
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 90 s:\n${output}`)), 90_000);
      const look = () => {
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`npm start exited (${child.exitCode}):\n${output}`));
        } else setTimeout(look, 100);
      };
      look();
    });
    const scratch = path.join(startDir, 'demo');
    assert.equal(new URL(url).searchParams.get('folder'), scratch, 'the window opens the scratch copy');
    assert.notEqual(spawnSync('git', ['rev-parse', '--git-dir'], { cwd: scratch }).status, 0, 'the scratch copy is in no git repository');

    await ownPage.goto(url);
    const post = 'buildkit-cache-mounts.md';
    await ownPage.locator('.part.sidebar .composite.title .title-label', { hasText: /devops notes/i }).waitFor({ state: 'visible', timeout: 90_000 });
    await ownPage.locator('.tabs-container .tab', { hasText: /Walkthrough/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await ownPage.locator('.tabs-container .tab.active', { hasText: post }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await ownPage.locator('.tabs-container .tab', { hasText: `Preview ${post}` }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await previewFrame(ownPage).locator('.dn-card-title').waitFor({ state: 'visible', timeout: 60_000 });
    await ownPage.locator('.part.sidebar .monaco-list-row', { hasText: /^Tags/ }).first().waitFor({ state: 'visible', timeout: 60_000 });

    // An edit in the window lands in the scratch copy, never in the repository's demo/.
    const tracked = readFileSync(path.join(repoRoot, 'demo', 'content', 'posts', post));
    writeFileSync(path.join(scratch, 'content', 'posts', post), 'changed in the scratch copy\n');
    assert.deepEqual(readFileSync(path.join(repoRoot, 'demo', 'content', 'posts', post)), tracked);
    // Of npm start's own window (the runner's screenshot() takes its page).
    await cleanScreenshot(ownPage, path.join(repoRoot, 'test-results', 'screenshots', 'npm-start-first-screen.png'));
  } catch (err) {
    // The runner's failure shot is of its own page; this one shows npm start's window.
    await ownPage.screenshot({ path: path.join(repoRoot, 'test-results', 'npm-start-failure.png') }).catch(() => {});
    throw new Error(`${err.message}\n      npm start's window: test-results/npm-start-failure.png`, { cause: err });
  } finally {
    await ownPage.close().catch(() => {});
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(startDir, { recursive: true, force: true });
  }
}
