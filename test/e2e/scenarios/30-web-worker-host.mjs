import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { goToLine, waitForRenderedPreview } from '../previewSteps.mjs';
import { openDevOpsNotesView, openFile, runCommand, waitForNotification } from '../workbench.mjs';

export const title = 'the web entry alone, in the browser’s web worker extension host: tag tree, a quick fix, the preview';
// A copy of the extension without "main": code-server runs its "browser" entry in a web worker.
export const host = 'web';

const POST = 'content/posts/kubectl-port-forward.md';

function rows(page) {
  return page.locator('.part.sidebar .pane-body .monaco-list-row');
}

export default async function ({ page, workspaceDir, screenshot }) {
  // The web worker host registers the extension a few seconds after the workbench shows.
  await openDevOpsNotesView(page, { timeoutMs: 60_000 });

  // The entry reports where it runs: a web worker, without Node.js (no `process`).
  await runCommand(page, 'DevOps Notes: Show Version');
  const toast = await waitForNotification(page, 'DevOps Notes ', { timeoutMs: 60_000 });
  assert.match(await toast.innerText(), /\(web entry, in a web worker without Node\.js\)/);

  // Posts by Tag, indexed through vscode.workspace.fs: Docker spelled two ways is one term.
  await rows(page).filter({ hasText: /^Tags/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
  const docker = rows(page).filter({ has: page.locator('.label-name', { hasText: /^docker$/ }) }).first();
  await docker.waitFor({ state: 'visible', timeout: 30_000 });
  const count = Number((await docker.locator('.label-description').innerText()).trim());
  assert.ok(count >= 5, `docker has several posts (got ${count})`);
  await screenshot('web-tag-tree');

  // The demo misspells "categories" in this post: a diagnostic, and its quick fix applied.
  await openFile(page, POST);
  await page.locator('.editor-instance .monaco-editor [class*="squiggly-"]').first().waitFor({ state: 'attached', timeout: 30_000 });
  const lines = readFileSync(path.join(workspaceDir, POST), 'utf8').split('\n');
  await goToLine(page, lines.indexOf('catgories:') + 1);
  await runCommand(page, 'Quick Fix...');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Rename "catgories" to "categories"' }).first();
  await fix.waitFor({ state: 'visible', timeout: 30_000 });
  // The widget takes keys (a pointer block covers it while it opens): move to the fix, Enter applies it.
  for (let i = 0; i < 5 && !(await fix.evaluate((el) => el.classList.contains('focused'))); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await runCommand(page, 'File: Save');
  const deadline = Date.now() + 15_000;
  let saved = readFileSync(path.join(workspaceDir, POST), 'utf8');
  while (!/^categories:$/m.test(saved) && Date.now() < deadline) {
    await page.waitForTimeout(250);
    saved = readFileSync(path.join(workspaceDir, POST), 'utf8');
  }
  assert.match(saved, /^categories:$/m, 'the quick fix renamed the key, and the post was saved');
  assert.doesNotMatch(saved, /catgories/);

  // The preview renders beside it with the renderer bundled into the web entry.
  await runCommand(page, 'DevOps Notes: Open Hugo Preview to the Side');
  const { frame, title: shown } = await waitForRenderedPreview(page);
  assert.equal(shown, 'kubectl port-forward: stop using the API server as a proxy');
  assert.ok(await frame.locator('.dn-chip').count(), 'tag chips');
  await screenshot('web-preview');
}
