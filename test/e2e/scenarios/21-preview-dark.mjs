import assert from 'node:assert/strict';
import { openPreviewOf, openWorkbenchAgain, waitForRenderedPreview } from '../previewSteps.mjs';

export const title = 'the Hugo preview in a dark theme, and back after a window reload';
export const settings = { 'workbench.colorTheme': 'Default Dark Modern' };

export default async function ({ page, workspaceDir, screenshot }) {
  const { post, title: before } = await openPreviewOf(page, workspaceDir);
  await screenshot('preview-dark');

  // A reload restarts the extension host; the panel comes back through the serializer.
  await openWorkbenchAgain(page);
  const tab = page.locator('.tabs-container .tab', { hasText: `Preview ${post.split('/').pop()}` }).first();
  await tab.waitFor({ state: 'visible', timeout: 60_000 });
  await tab.click();
  const { title: after } = await waitForRenderedPreview(page);
  assert.equal(after, before, 'the restored preview renders the same post');
}
