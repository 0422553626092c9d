import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openDevOpsNotesView, openFile, runCommand, runContextMenuItem } from '../workbench.mjs';

export const title = 'renaming a tag from the tree asks first, rewrites every post, and one undo restores them';

function postFiles(workspaceDir) {
  const dir = path.join(workspaceDir, 'content', 'posts');
  return readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.md'))
    .map((f) => path.join(dir, String(f)));
}

async function until(what, check, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export default async function ({ page, workspaceDir, screenshot }) {
  const files = postFiles(workspaceDir);
  const before = new Map(files.map((f) => [f, readFileSync(f)]));
  const withSecurity = files.filter((f) => /^\s*- security\s*$/m.test(before.get(f).toString('utf8')));
  assert.ok(withSecurity.length >= 2, 'the demo has several posts tagged security');

  await openDevOpsNotesView(page);
  const term = page.locator('.part.sidebar .pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^security$/ }) }).first();
  await term.waitFor({ state: 'visible', timeout: 60_000 });
  await runContextMenuItem(page, term, 'Rename Tag or Category in All Posts…');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('hardening');
  await page.keyboard.press('Enter');

  // The modal names how many files will change, before anything does.
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 15_000 });
  assert.match(await dialog.innerText(), new RegExp(`Rename tag "security" to "hardening" in ${withSecurity.length} files\\?`));
  for (const f of files) assert.deepEqual(readFileSync(f), before.get(f), 'nothing changes before the answer');
  await screenshot('tag-rename-confirm');
  await dialog.locator('.monaco-button', { hasText: /^Rename$/ }).click();

  await runCommand(page, 'File: Save All');
  await until('the renamed tag on disk', () => withSecurity.every((f) => /^\s*- hardening\s*$/m.test(readFileSync(f, 'utf8'))));
  for (const f of files) {
    if (withSecurity.includes(f)) assert.equal(readFileSync(f, 'utf8'), before.get(f).toString('utf8').replace(/^(\s*- )security(\s*)$/m, '$1hardening$2'));
    else assert.deepEqual(readFileSync(f), before.get(f), `${path.basename(f)} is untouched`);
  }

  // One undo, from one of the edited posts, restores all of them.
  await openFile(page, path.relative(workspaceDir, withSecurity[0]).split(path.sep).join('/'));
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+Z' : 'Control+Z');
  const undoAll = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Undo in \d+ Files/ });
  if (await undoAll.isVisible({ timeout: 3_000 }).catch(() => false)) await undoAll.click();
  await runCommand(page, 'File: Save All');
  await until('every post back to its original bytes', () => files.every((f) => readFileSync(f).equals(before.get(f))));
}
