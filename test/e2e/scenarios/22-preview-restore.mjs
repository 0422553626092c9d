// A preview survives a window reload: VS Code brings the panel back through the extension's
// serializer, and the panel must render the post it showed before, locked as it was, even
// though another post is the active editor after the reload.
import assert from 'node:assert/strict';
import path from 'node:path';
import { openWorkbenchAgain, previewPost, waitForRenderedPreview } from '../previewSteps.mjs';
import { openFile, runCommand } from '../workbench.mjs';

export const title = 'a locked Hugo preview comes back after a window reload, showing its post';

export default async function ({ page, workspaceDir }) {
  const post = previewPost(workspaceDir);
  const other = 'content/posts/terraform-first-steps.md';
  const lockedTab = page.locator('.tabs-container .tab', { hasText: `Preview ${path.basename(post)} (locked)` }).first();

  await openFile(page, post);
  if (await page.locator('.part.sidebar').isVisible()) await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await runCommand(page, 'DevOps Notes: Open Locked Hugo Preview to the Side');
  await lockedTab.waitFor({ state: 'visible', timeout: 30_000 });
  const { title: before } = await waitForRenderedPreview(page);

  // Another post in the editor: a locked preview does not follow it.
  await openFile(page, other);
  const { title: stillShown } = await waitForRenderedPreview(page);
  assert.equal(stillShown, before, 'the locked preview kept its post when the editor changed');

  await openWorkbenchAgain(page);
  await lockedTab.waitFor({ state: 'visible', timeout: 60_000 });
  await lockedTab.click();
  const { title: after } = await waitForRenderedPreview(page);
  assert.equal(after, before, 'the restored preview renders the post it showed before the reload');
  // VS Code shows the saved tab title until the serializer runs; by now the panel set its own.
  const tabTitle = (await page.locator('.tabs-container .tab', { hasText: `Preview ${path.basename(post)}` }).first().innerText()).trim();
  assert.match(tabTitle, /\(locked\)/, `the restored preview is still locked (tab reads "${tabTitle}")`);
  assert.ok(!/terraform/i.test(after), `the restored preview did not switch to the active editor's post (shows "${after}")`);
}
