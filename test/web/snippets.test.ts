import * as vscode from 'vscode';
import { waitFor } from '../integration/util/wait';
import * as assert from './util/assert';
import { activateDevOpsNotes } from './util/workspace';

const INSERT = 'devopsNotes.snippets.insert';
const LIST = 'devopsNotes.snippets.listEntries';

interface Group {
  label: string;
  entries: { id: string; label: string; description?: string; language: string; body: string }[];
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

let scratchCount = 0;
/** An untitled editor with a name of its own (not a workspace file), its cursor on `line`. */
async function scratch(name: string, language: string, content: string, line: number): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/web-scratch-${++scratchCount}/${name}` });
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  const editor = await vscode.window.showTextDocument(doc);
  assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), content)));
  editor.selection = new vscode.Selection(line, 0, line, 0);
  return editor;
}

describe('web: snippets harvested from the demo posts', () => {
  before(async () => {
    await activateDevOpsNotes();
  });

  afterEach(async () => {
    // Untitled scratches: revert, so closing asks nothing.
    while (vscode.window.activeTextEditor?.document.isUntitled) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers a Dockerfile block of a post in Insert DevOps Command… and as a completion in a Dockerfile', async () => {
    await scratch('Dockerfile', 'dockerfile', 'FROM golang:1.22\n\n', 1);
    const groups = await vscode.commands.executeCommand<Group[]>(LIST);
    const notes = groups.find((g) => g.label === 'From your notes');
    assert.ok(notes, `a "From your notes" group (groups: ${groups.map((g) => g.label).join(', ')})`);
    const go = notes.entries.find((e) => e.body.includes('--mount=type=cache,target=/go/pkg/mod'));
    assert.ok(go, 'the Go block of buildkit-cache-mounts.md');
    assert.equal(go.language, 'dockerfile');
    assert.equal(go.description, 'Cache mounts: our CI builds went from minutes to seconds › Go');

    const doc = vscode.window.activeTextEditor!.document;
    const items = await waitFor('the harvested block among the completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 0));
      return list.items.some((i) => labelOf(i) === go.label) ? list.items : undefined;
    }, 15_000);
    const item = items.find((i) => labelOf(i) === go.label)!;
    assert.equal(item.detail, 'From your notes: Cache mounts: our CI builds went from minutes to seconds › Go');
    assert.ok(items.some((i) => labelOf(i) === 'bk-mount-cache'), 'and the BuildKit catalog snippets');

    // Insert DevOps Command… with the entry's id puts the block at the cursor.
    assert.equal(await vscode.commands.executeCommand<boolean>(INSERT, { id: go.id }), true);
    assert.ok(doc.getText().includes('go build -trimpath -o /out/app ./cmd/app'), doc.getText());
  });
});
