import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { PreviewPanelSnapshot } from '../../src/preview/previewPanel';
import { activateDevOpsNotes, openWorkspaceFile, revertDocument, workspaceUri } from './util/workspace';

const TOUR = 'content/preview/shortcodes-tour/index.md';
const SECOND = 'content/preview/second-post.md';
const STATE = 'devopsNotes.preview.testState';

async function snapshots(): Promise<PreviewPanelSnapshot[]> {
  return (await vscode.commands.executeCommand<PreviewPanelSnapshot[]>(STATE)) ?? [];
}

/** Polls the panels until one satisfies `ok` (the webview renders and acknowledges asynchronously). */
async function waitForPanel(ok: (p: PreviewPanelSnapshot) => boolean, what: string, timeoutMs = 30_000): Promise<PreviewPanelSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: PreviewPanelSnapshot[] = [];
  while (Date.now() < deadline) {
    last = await snapshots();
    const hit = last.find(ok);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; panels: ${JSON.stringify(last, null, 2)}`);
}

async function waitFor<T>(get: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('devopsNotes.preview'));
}

async function closePreviews(): Promise<void> {
  await vscode.window.tabGroups.close(previewTabs());
}

describe('preview', function () {
  this.timeout(90_000);

  before(async () => {
    await activateDevOpsNotes();
  });

  afterEach(async () => {
    await closePreviews();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a webview panel beside the post, and the webview shows the rendered post', async () => {
    const doc = await openWorkspaceFile(TOUR);
    await vscode.commands.executeCommand('devopsNotes.preview.open');
    const tab = await waitFor(() => previewTabs()[0], 'the preview tab');
    assert.equal(previewTabs().length, 1, 'one preview tab');
    assert.equal(tab.label, 'Preview index.md');
    assert.notEqual(tab.group.viewColumn, vscode.window.activeTextEditor?.viewColumn, 'the preview opens beside the editor');

    const panel = await waitForPanel((p) => p.documentUri === doc.uri.toString() && (p.acknowledged?.version ?? 0) >= 1, 'the first render to reach the webview');
    const seen = panel.acknowledged;
    assert.ok(seen);
    // What the webview reports from its own DOM after patching in the render.
    assert.deepEqual(seen.headings, ['Preview tour: shortcodes and code', 'Commands', 'Embeds and placeholders']);
    assert.equal(seen.images, 1, 'the page-bundle image is an <img> (not a missing-image placeholder)');
    assert.equal(seen.codeBlocks, 2, 'the console fence and the highlight shortcode');
    assert.ok(seen.textLength > 200);
    assert.equal(panel.locked, false);
  });

  it('sends an edit to the panel while the post is unsaved, and the webview applies it', async () => {
    const uri = workspaceUri(TOUR);
    const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
    const doc = await openWorkspaceFile(TOUR);
    await vscode.commands.executeCommand('devopsNotes.preview.open');
    const first = await waitForPanel((p) => p.documentUri === doc.uri.toString() && (p.acknowledged?.version ?? 0) >= 1, 'the first render');

    const heading = `Added by the integration test ${Date.now()}`;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(doc.lineCount, 0), `\n## ${heading}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const after = await waitForPanel((p) => p.acknowledged?.headings.includes(heading) === true, 'the edited heading in the webview DOM');
      assert.ok((after.acknowledged?.version ?? 0) > (first.acknowledged?.version ?? 0), 'a newer render version');
      assert.equal(after.acknowledged?.headings.at(-1), heading);
    } finally {
      await revertDocument(doc);
    }
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk, 'the fixture file is unchanged on disk');
    await waitForPanel((p) => p.acknowledged?.headings.some((h) => h.startsWith('Added by the integration test')) === false, 'the reverted text in the webview');
  });

  it('sends a render again when the webview does not acknowledge it (a lost message)', async () => {
    const uri = workspaceUri(TOUR);
    const doc = await openWorkspaceFile(TOUR);
    await vscode.commands.executeCommand('devopsNotes.preview.open');
    const first = await waitForPanel((p) => p.documentUri === doc.uri.toString() && (p.acknowledged?.version ?? 0) >= 1, 'the first render');
    assert.ok(first.readyMessages >= 1, 'the page said it was ready');

    // The next two render messages are dropped on the way to the webview.
    await vscode.commands.executeCommand(STATE, { loseRenders: { documentUri: doc.uri.toString(), count: 2 } });
    const heading = `Lost and sent again ${Date.now()}`;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(doc.lineCount, 0), `\n## ${heading}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const after = await waitForPanel((p) => p.acknowledged?.headings.includes(heading) === true, 'the edited heading after the lost renders');
      assert.ok(after.resends >= 1, `the render was sent again (${after.resends} resends)`);

      // Now the webview's acknowledgements are lost until the render is sent again; the page,
      // which already shows it, acknowledges it again.
      await vscode.commands.executeCommand(STATE, { loseAcks: { documentUri: doc.uri.toString() } });
      const second = `Acknowledged again ${Date.now()}`;
      const edit2 = new vscode.WorkspaceEdit();
      edit2.insert(uri, new vscode.Position(doc.lineCount, 0), `\n## ${second}\n`);
      assert.ok(await vscode.workspace.applyEdit(edit2));
      const acked = await waitForPanel((p) => p.acknowledged?.headings.includes(second) === true, 'the second heading, acknowledged again');
      assert.ok(acked.resends > after.resends, `the render whose acknowledgement was lost was sent again (${acked.resends} resends)`);
    } finally {
      await revertDocument(doc);
    }
  });

  it('follows the active markdown editor, while a locked preview stays on its post', async () => {
    const tour = await openWorkspaceFile(TOUR);
    await vscode.commands.executeCommand('devopsNotes.preview.openLocked');
    await vscode.commands.executeCommand('devopsNotes.preview.open');
    await waitForPanel((p) => !p.locked && p.documentUri === tour.uri.toString() && (p.acknowledged?.version ?? 0) >= 1, 'the following preview');

    const second = await openWorkspaceFile(SECOND);
    const following = await waitForPanel((p) => !p.locked && p.documentUri === second.uri.toString() && p.acknowledged?.headings.includes('Second post heading') === true, 'the following preview to switch posts');
    assert.deepEqual(following.acknowledged?.headings, ['Preview second post', 'Second post heading']);
    const locked = (await snapshots()).filter((p) => p.locked);
    assert.deepEqual(locked.map((p) => p.documentUri), [tour.uri.toString()], 'the locked preview still shows the first post');
    assert.deepEqual(previewTabs().map((t) => t.label).sort(), ['Preview index.md (locked)', 'Preview second-post.md']);
  });

  it('declares a keybinding that no default VS Code keybinding uses', async () => {
    const ext = vscode.extensions.getExtension('devops-notes.devops-notes');
    const ours = ((ext?.packageJSON as { contributes?: { keybindings?: { command: string; key: string }[] } }).contributes?.keybindings ?? []).filter((k) =>
      k.command.startsWith('devopsNotes.preview.'),
    );
    assert.ok(ours.length > 0);
    const defaults = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    const bindings = [...defaults.getText().matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({ key: m[1].toLowerCase(), command: m[2] }));
    const bound = new Set(bindings.map((b) => b.key));
    assert.ok(bound.has('ctrl+shift+v') || bound.has('cmd+shift+v'), 'the default keybindings were read (the built-in preview key is there)');
    // The list holds VS Code's and every installed extension's keybindings, ours included.
    assert.ok(bindings.some((b) => b.command === 'devopsNotes.preview.open'), 'ours are in the list too');
    for (const k of ours) {
      const clash = bindings.filter((b) => b.key === k.key.toLowerCase() && !b.command.startsWith('devopsNotes.')).map((b) => b.command);
      assert.deepEqual(clash, [], `${k.key} is used by no other command`);
    }
  });

  describe('a Hugo site that names its own content and static folders', () => {
    const SITE = 'content/preview/site-dirs';
    const POST = `${SITE}/pages/folders.md`;

    it('shows an image from the configured static folder, and follows a change of the Hugo config', async () => {
      const doc = await openWorkspaceFile(POST);
      await vscode.commands.executeCommand('devopsNotes.preview.open');
      const first = await waitForPanel((p) => p.documentUri === doc.uri.toString() && (p.acknowledged?.version ?? 0) >= 1, 'the first render');
      assert.equal(first.acknowledged?.images, 1, '/img/dot.png is found in files/static (staticDir), not shown as missing');

      const config = workspaceUri(`${SITE}/hugo.toml`).fsPath;
      const original = fs.readFileSync(config);
      try {
        fs.writeFileSync(config, 'contentDir = "pages"\nstaticDir = ["elsewhere"]\n');
        await waitForPanel((p) => p.documentUri === doc.uri.toString() && p.acknowledged?.images === 0, 'a render with the image missing after the config changed');
      } finally {
        fs.writeFileSync(config, original);
      }
      await waitForPanel((p) => p.documentUri === doc.uri.toString() && p.acknowledged?.images === 1, 'the image back once the config is restored');
    });

    it('opens a site-absolute link from the configured content folder', async () => {
      const doc = await openWorkspaceFile(POST);
      await vscode.commands.executeCommand('devopsNotes.preview.openLocked');
      await waitForPanel((p) => p.documentUri === doc.uri.toString() && (p.acknowledged?.version ?? 0) >= 1, 'the preview');
      await vscode.commands.executeCommand(STATE, { deliver: { documentUri: doc.uri.toString(), message: { type: 'openLink', href: '/guides/other/', kind: 'relative' } } });
      const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.path.endsWith('/guides/other.md') ? vscode.window.activeTextEditor : undefined), 'the linked page in an editor');
      assert.equal(editor.document.uri.toString(), workspaceUri(`${SITE}/pages/guides/other.md`).toString());
    });
  });
});

describe('preview: what clicks in the webview do', function () {
  this.timeout(60_000);
  let tour: vscode.TextDocument;

  /** Sends a message to the tour's panel the way the webview script does on a click. */
  async function click(message: unknown): Promise<void> {
    await vscode.commands.executeCommand(STATE, { deliver: { documentUri: tour.uri.toString(), message } });
  }

  before(async () => {
    await activateDevOpsNotes();
    tour = await openWorkspaceFile(TOUR);
    await vscode.commands.executeCommand('devopsNotes.preview.openLocked');
    await waitForPanel((p) => p.documentUri === tour.uri.toString() && (p.acknowledged?.version ?? 0) >= 1, 'the tour preview');
  });

  after(async () => {
    await closePreviews();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a relative link to another post in the editor', async () => {
    await click({ type: 'openLink', href: '../second-post.md', kind: 'relative' });
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.path.endsWith('/second-post.md') ? vscode.window.activeTextEditor : undefined), 'the linked post in an editor');
    assert.equal(editor.document.uri.toString(), workspaceUri(SECOND).toString());
  });

  it('opens no file outside the workspace, whatever the link says', async () => {
    await vscode.window.showTextDocument(tour);
    await click({ type: 'openLink', href: '../../../../../../../../etc/hostname', kind: 'relative' });
    await click({ type: 'openLink', href: 'javascript:alert(1)', kind: 'external' });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), tour.uri.toString());
  });

  it('copies a code block to the clipboard', async () => {
    await click({ type: 'copy', text: 'docker buildx ls' });
    assert.equal(await vscode.env.clipboard.readText(), 'docker buildx ls');
  });

  it('pastes a command into a terminal without running it (trusted workspace)', async () => {
    assert.ok(vscode.workspace.isTrusted, 'the test workspace is trusted');
    const opened = new Promise<vscode.Terminal>((resolve) => {
      const sub = vscode.window.onDidOpenTerminal((t) => {
        sub.dispose();
        resolve(t);
      });
    });
    const before = vscode.window.activeTerminal;
    await click({ type: 'sendToTerminal', text: 'echo preview-integration\n' });
    const terminal = before ?? (await opened);
    assert.ok(before || terminal.name === 'DevOps Notes', 'a terminal was created for the command');
    terminal.dispose();
  });
});
