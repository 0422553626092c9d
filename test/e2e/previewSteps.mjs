// Steps the preview scenarios share: open a demo post, open the DevOps Notes preview beside it,
// and wait until the webview shows the rendered post with its code highlighted.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { openFile, runCommand } from './workbench.mjs';

/** A post with a card, a page-bundle figure and shell code; any demo post when the demo changes. */
export function previewPost(workspaceDir) {
  const preferred = 'content/posts/multi-arch-images-with-buildx/index.md';
  if (existsSync(path.join(workspaceDir, preferred))) return preferred;
  const first = readdirSync(path.join(workspaceDir, 'content', 'posts')).filter((f) => f.endsWith('.md')).sort()[0];
  assert.ok(first, 'the workspace has a post under content/posts/');
  return `content/posts/${first}`;
}

/** The document inside the preview webview (VS Code nests it in two iframes). */
export function previewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Waits until the preview shows a rendered post: card title, a loaded image, highlighted code. */
export async function waitForRenderedPreview(page, { timeoutMs = 60_000 } = {}) {
  const frame = previewFrame(page);
  const title = frame.locator('.dn-card-title');
  await title.waitFor({ state: 'visible', timeout: timeoutMs });
  await frame.locator('code[data-dn-highlighted]').first().waitFor({ state: 'attached', timeout: timeoutMs });
  const img = frame.locator('.dn-content img').first();
  if (await img.count()) {
    await img.waitFor({ state: 'visible', timeout: timeoutMs });
    const loaded = await img.evaluate((el) => el.complete && el.naturalWidth > 0);
    assert.ok(loaded, 'the post image loaded through the webview resource URI');
  }
  return { frame, title: (await title.innerText()).trim() };
}

/** Opens the post and the preview beside it, with the side bar closed to give the preview room. */
export async function openPreviewOf(page, workspaceDir) {
  const post = previewPost(workspaceDir);
  await openFile(page, post);
  if (await page.locator('.part.sidebar').isVisible()) await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await runCommand(page, 'DevOps Notes: Open Hugo Preview to the Side');
  const tab = page.locator('.tabs-container .tab', { hasText: `Preview ${path.basename(post)}` }).first();
  await tab.waitFor({ state: 'visible', timeout: 30_000 });
  return { post, ...(await waitForRenderedPreview(page)) };
}

/**
 * Reloads the window the way a user does, with Developer: Reload Window. The workbench then
 * shuts down properly and writes its editor layout (webview panels included) to storage first;
 * a bare page reload can leave the last layout unsaved, and nothing would come back.
 */
export async function openWorkbenchAgain(page, { timeoutMs = 90_000 } = {}) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: timeoutMs });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await page.waitForLoadState('domcontentloaded', { timeout: timeoutMs });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Switches the color theme through the theme picker when the workspace setting did not take
 * (code-server applies `workbench.colorTheme` from user settings only), and waits for it.
 */
export async function useTheme(page, label, workbenchClass) {
  const themed = page.locator(`.monaco-workbench.${workbenchClass}`);
  if (await themed.count()) return;
  const input = page.locator('.quick-input-widget input');
  const themes = page.locator('.quick-input-widget .monaco-list-row', { hasText: /Dark|Light/ }).first();
  // Themes are extension contributions: right after the window opens the picker may list none yet.
  const deadline = Date.now() + 90_000;
  for (;;) {
    await runCommand(page, 'Preferences: Color Theme');
    if (await themes.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) break;
    await page.keyboard.press('Escape');
    assert.ok(Date.now() < deadline, 'the color themes were listed');
    await page.waitForTimeout(2_000);
  }
  await input.fill(label);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  await themed.waitFor({ state: 'attached', timeout: 30_000 });
}

/** Moves the editor to a line with Go to Line, which scrolls it when the line is off screen. */
export async function goToLine(page, line) {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await runCommand(page, 'Go to Line/Column...');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
}
