import * as vscode from 'vscode';
import type { PreviewPanelSnapshot } from '../../src/preview/previewPanel';
import { waitFor } from '../integration/util/wait';
import * as assert from './util/assert';
import { activateDevOpsNotes, openWorkspaceFile } from './util/workspace';

const STATE = 'devopsNotes.preview.testState';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('devopsNotes.preview'));
}

describe('web: the Hugo preview', () => {
  before(async () => {
    await activateDevOpsNotes();
  });

  after(async () => {
    await vscode.window.tabGroups.close(previewTabs());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens beside the post and the webview shows it rendered by the bundled renderer', async () => {
    const doc = await openWorkspaceFile('content/posts/buildkit-cache-mounts.md');
    await vscode.commands.executeCommand('devopsNotes.preview.open');
    // The panel is created as "Preview" and named after its post right after.
    const tab = await waitFor('the preview tab named after the post', () => previewTabs().find((t) => t.label === 'Preview buildkit-cache-mounts.md'), 15_000);
    assert.equal(previewTabs().length, 1, 'one preview tab');
    assert.ok(tab.group.viewColumn !== vscode.window.activeTextEditor?.viewColumn, 'the preview opens beside the editor');

    // What the webview reports from its own DOM once it applied the render (as `devops-notes render` prints it).
    const panel = await waitFor('the first render to reach the webview', async () => {
      const panels = (await vscode.commands.executeCommand<PreviewPanelSnapshot[]>(STATE)) ?? [];
      return panels.find((p) => p.documentUri === doc.uri.toString() && (p.acknowledged?.version ?? 0) >= 1);
    }, 45_000);
    const seen = panel.acknowledged;
    assert.ok(seen);
    assert.deepEqual(seen.headings, ['Cache mounts: our CI builds went from minutes to seconds', 'apt', 'Go', 'pip', 'What it bought us', 'Caveats']);
    assert.equal(seen.codeBlocks, 3, 'the three dockerfile fences');
    assert.equal(seen.images, 1, 'the figure from static/images/ is an <img>, not a missing-image placeholder');
    assert.equal(panel.locked, false);
  });
});
