import assert from 'node:assert/strict';
import { activityBarItem, openDevOpsNotesView } from '../workbench.mjs';

export const title = 'the DevOps Notes activity bar icon opens its view container';

export default async function ({ page, screenshot }) {
  const item = activityBarItem(page, 'DevOps Notes');
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  assert.ok(await item.isVisible(), 'the DevOps Notes icon is in the activity bar');

  const { title: sideBarTitle } = await openDevOpsNotesView(page);
  assert.match(await sideBarTitle.innerText(), /devops notes/i, 'the side bar shows the DevOps Notes container');
  // The container's only view; VS Code shows its name in the title or in a pane header.
  const viewName = page.locator('.part.sidebar').getByText(/posts by tag/i).first();
  await viewName.waitFor({ state: 'visible', timeout: 15_000 });
  await screenshot('devops-notes-view');
}
