import assert from 'node:assert/strict';
import { openPreviewOf, goToLine, useTheme } from '../previewSteps.mjs';

export const title = 'the Hugo preview in a dark theme, scroll-synced with the editor';
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
}
