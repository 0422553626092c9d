import assert from 'node:assert/strict';
import { openPreviewOf, goToLine, useTheme } from '../previewSteps.mjs';

export const title = 'the Hugo preview in a dark theme, scroll-synced with the editor both ways';
export const settings = { 'workbench.colorTheme': 'Default Dark Modern' };

export default async function ({ page, workspaceDir, screenshot }) {
  await useTheme(page, 'Dark Modern', 'vs-dark');
  try {
    await darkPreviewWithScrollSync(page, workspaceDir, screenshot);
  } finally {
    // The theme picker writes user settings, which later scenarios share.
    await useTheme(page, 'Light Modern', 'vs').catch(() => {});
  }
}

async function darkPreviewWithScrollSync(page, workspaceDir, screenshot) {
  const { frame } = await openPreviewOf(page, workspaceDir);
  // Scroll sync: moving the editor down to the build section moves the preview to its code.
  await goToLine(page, 45);
  const code = frame.locator('.dn-code').first();
  await code.waitFor({ state: 'attached', timeout: 30_000 });
  const deadline = Date.now() + 30_000;
  while (!(await code.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight * 0.8))) {
    assert.ok(Date.now() < deadline, 'the preview scrolled to the code with the editor');
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(500);
  await screenshot('preview-dark');

  // And back: scrolling the preview moves the editor to the source of what is now at its top.
  const before = await editorTopLine(page);
  const box = await page.locator('iframe.webview.ready').boundingBox();
  assert.ok(box, 'the preview webview is on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const until = Date.now() + 30_000;
  let after = before;
  while (after <= before + 10) {
    assert.ok(Date.now() < until, `the editor followed the preview's scroll (top line stayed near ${before}, now ${after})`);
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(400);
    after = await editorTopLine(page);
  }
}

/** The first line the editor shows (Monaco renders only the visible lines' numbers). */
async function editorTopLine(page) {
  const numbers = await page.locator('.editor-instance .margin-view-overlays .line-numbers').allInnerTexts();
  const lines = numbers.map((n) => Number(n.trim())).filter((n) => Number.isFinite(n) && n > 0);
  assert.ok(lines.length, 'the editor shows line numbers');
  return Math.min(...lines);
}
