import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openPreviewOf, useTheme } from '../previewSteps.mjs';

export const title = 'the Hugo preview beside a demo post, light theme';
export const settings = { 'workbench.colorTheme': 'Default Light Modern' };

export default async function ({ page, workspaceDir, screenshot }) {
  await useTheme(page, 'Light Modern', 'vs');
  const { post, frame, title: shown } = await openPreviewOf(page, workspaceDir);
  const written = /^title:\s*"?(.*?)"?\s*$/m.exec(readFileSync(path.join(workspaceDir, post), 'utf8'))?.[1];
  assert.equal(shown, written, 'the card shows the front matter title');
  assert.ok(await frame.locator('.dn-chip').count(), 'tag chips');
  assert.ok(await frame.locator('button[data-action="copy"]').count(), 'copy buttons on code blocks');
  assert.equal(await frame.locator('script[nonce][src$="dist/preview.js"]').count(), 1, 'our script, loaded by nonce');
  assert.equal(await frame.locator('.dn-content script, .dn-content iframe, .dn-content [onerror]').count(), 0, 'no script or frame from the post');
  await screenshot('preview-light');
}
