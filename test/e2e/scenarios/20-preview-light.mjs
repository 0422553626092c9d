import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openPreviewOf } from '../previewSteps.mjs';

export const title = 'the Hugo preview beside a demo post, light theme';
export const settings = { 'workbench.colorTheme': 'Default Light Modern' };

export default async function ({ page, workspaceDir, screenshot }) {
  const { post, frame, title: shown } = await openPreviewOf(page, workspaceDir);
  const written = /^title:\s*"?(.*?)"?\s*$/m.exec(readFileSync(path.join(workspaceDir, post), 'utf8'))?.[1];
  assert.equal(shown, written, 'the card shows the front matter title');
  assert.ok(await frame.locator('.dn-chip').count(), 'tag chips');
  assert.ok(await frame.locator('button[data-action="copy"]').count(), 'copy buttons on code blocks');
  assert.equal(await frame.locator('script:not([nonce])').count(), 0, 'no script without our nonce');
  await screenshot('preview-light');
}
