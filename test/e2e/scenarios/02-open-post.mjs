import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { openDevOpsNotesView, openFile } from '../workbench.mjs';

export const title = 'a demo post opens in the editor next to the DevOps Notes view';

/** A post that shows front matter and a command block well; any post when the demo changes. */
function pickPost(workspaceDir) {
  const preferred = 'content/posts/buildkit-cache-mounts.md';
  if (existsSync(path.join(workspaceDir, preferred))) return preferred;
  const first = readdirSync(path.join(workspaceDir, 'content', 'posts')).filter((f) => f.endsWith('.md')).sort()[0];
  assert.ok(first, 'the workspace has a post under content/posts/');
  return `content/posts/${first}`;
}

export default async function ({ page, workspaceDir, screenshot }) {
  await openDevOpsNotesView(page);
  const post = pickPost(workspaceDir);
  const tab = await openFile(page, post);
  assert.equal((await tab.innerText()).trim().split('\n')[0], path.basename(post));

  const lines = page.locator('.editor-instance .monaco-editor .view-lines').first();
  await lines.getByText('title:').first().waitFor({ state: 'visible', timeout: 15_000 });
  const mode = page.locator('.statusbar-item', { hasText: /^Markdown$/ }).first();
  await mode.waitFor({ state: 'visible', timeout: 15_000 });
  await screenshot('post-editor');
}
