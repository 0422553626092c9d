import assert from 'node:assert/strict';
import { openDevOpsNotesView, openFile } from '../workbench.mjs';

export const title = 'Posts by Tag lists the demo site’s tags with counts and reveals the open post';

/** The tree rows of the Posts by Tag view. */
function rows(page) {
  return page.locator('.part.sidebar .pane-body .monaco-list-row');
}

export default async function ({ page, screenshot }) {
  await openDevOpsNotesView(page);
  // Widen the side bar so post titles and dates fit in the screenshot.
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (sidebar) {
    const x = sidebar.x + sidebar.width;
    await page.mouse.move(x - 1, 400);
    await page.mouse.down();
    await page.mouse.move(x + 200, 400, { steps: 5 });
    await page.mouse.up();
  }
  const tagsRoot = rows(page).filter({ hasText: /^Tags/ }).first();
  await tagsRoot.waitFor({ state: 'visible', timeout: 60_000 });

  // Terms merge as Hugo merges them: the demo spells Docker both ways, the tree shows one "docker".
  const docker = rows(page).filter({ has: page.locator('.label-name', { hasText: /^docker$/ }) }).first();
  await docker.waitFor({ state: 'visible', timeout: 30_000 });
  const count = Number((await docker.locator('.label-description').innerText()).trim());
  assert.ok(count >= 5, `docker has several posts (got ${count})`);
  await docker.click();
  const firstPost = rows(page).filter({ has: page.locator('.label-description', { hasText: /^\d{4}-\d{2}-\d{2}/ }) }).first();
  await firstPost.waitFor({ state: 'visible', timeout: 15_000 });

  // Opening a post selects it in the tree (devopsNotes.tags.revealActivePost).
  await openFile(page, 'content/posts/buildkit-cache-mounts.md');
  const selected = page.locator('.part.sidebar .pane-body .monaco-list-row.selected');
  await selected.first().waitFor({ state: 'visible', timeout: 15_000 });
  await screenshot('tag-tree');
}
