import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateDevOpsNotes, openWorkspaceFile, workspaceUri } from './util/workspace';

/** Polls until `check` returns a value (not undefined/false), or fails with `what`. */
async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'devops-notes');
/** Diagnostics as sortable `code line:char-line:char` strings. */
const shape = (ds: readonly vscode.Diagnostic[]) =>
  ds.map((d) => `${code(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();

/** The quick fixes offered at a diagnostic's range, through VS Code's own code action command. */
async function fixesAt(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
  return actions.filter((a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === vscode.CodeActionKind.QuickFix.value && a.edit !== undefined);
}

/** Puts a document back to `text` and saves it (tests must leave the fixture files as they found them). */
async function restore(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    await vscode.workspace.applyEdit(edit);
  }
  if (doc.isDirty) await doc.save();
}

describe('front matter diagnostics', function () {
  this.timeout(60_000);
  before(async () => {
    await activateDevOpsNotes();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows each mistake of a YAML post at its exact range', async () => {
    const doc = await openWorkspaceFile('content/lint/mistakes.md');
    const found = await waitFor('diagnostics of mistakes.md', () => (ours(doc.uri).length >= 6 ? ours(doc.uri) : undefined));
    assert.deepEqual(shape(found), [
      'fm/date-format 1:6-1:16',
      'fm/missing-file 9:16-9:32',
      'fm/required 0:0-0:3',
      'fm/tags-string 4:6-4:34',
      'fm/type 5:7-5:10',
      'fm/unknown-key 2:0-2:9',
    ]);
    const byCode = new Map(found.map((d) => [code(d), d]));
    assert.equal(byCode.get('fm/required')?.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(byCode.get('fm/unknown-key')?.message, 'Unknown key "catgories": did you mean "categories"?');
    assert.equal(doc.getText(byCode.get('fm/date-format')!.range), '2024-02-30');
    assert.equal(doc.getText(byCode.get('fm/missing-file')!.range), 'lint-missing.png');
  });

  it('judges by devopsNotes.hugo.version: Hugo 0.111.3 reads draft: yes as true and drops a bad date', async () => {
    const hugo = vscode.workspace.getConfiguration('devopsNotes.hugo');
    await hugo.update('version', '0.111.3', vscode.ConfigurationTarget.Global);
    try {
      const doc = await openWorkspaceFile('content/lint/mistakes.md');
      const found = await waitFor('diagnostics as Hugo 0.111.3', () => {
        const ds = ours(doc.uri);
        return ds.length >= 5 && !ds.some((d) => code(d) === 'fm/type') ? ds : undefined;
      });
      const date = found.find((d) => code(d) === 'fm/date-format');
      assert.equal(date?.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(date?.message ?? '', /Hugo 0\.111\.3 \(before 0\.135\) silently drops a date it cannot read/);
    } finally {
      await hugo.update('version', undefined, vscode.ConfigurationTarget.Global);
    }
    const doc = await openWorkspaceFile('content/lint/mistakes.md');
    await waitFor('draft: yes flagged again by the newest Hugo', () => ours(doc.uri).some((d) => code(d) === 'fm/type'));
  });

  it('shows TOML mistakes at their ranges', async () => {
    const doc = await openWorkspaceFile('content/lint/toml-mistakes.md');
    const found = await waitFor('diagnostics of toml-mistakes.md', () => (ours(doc.uri).length >= 3 ? ours(doc.uri) : undefined));
    assert.deepEqual(shape(found), ['fm/date-format 2:7-2:19', 'fm/duplicate-key 1:0-1:5', 'fm/duplicate-tag 3:20-3:30']);
    const dup = found.find((d) => code(d) === 'fm/duplicate-tag')!;
    assert.deepEqual(dup.tags, [vscode.DiagnosticTag.Unnecessary]);
  });

  it('applies quick fixes that change exactly the intended text', async () => {
    const doc = await openWorkspaceFile('content/lint/mistakes.md');
    const original = doc.getText();
    try {
      const found = await waitFor('diagnostics', () => (ours(doc.uri).length >= 6 ? ours(doc.uri) : undefined));
      const unknown = found.find((d) => code(d) === 'fm/unknown-key')!;
      const rename = (await fixesAt(doc.uri, unknown)).find((a) => a.title === 'Rename "catgories" to "categories"');
      assert.ok(rename?.edit, 'a rename fix');
      assert.equal(rename.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(rename.edit));
      assert.equal(doc.getText(), original.replace('catgories:', 'categories:'));

      // The fixed problem goes away once the document is checked again.
      await waitFor('unknown-key cleared', () => !ours(doc.uri).some((d) => code(d) === 'fm/unknown-key') && ours(doc.uri).length === 5);

      const tagsString = ours(doc.uri).find((d) => code(d) === 'fm/tags-string')!;
      const toList = (await fixesAt(doc.uri, tagsString)).find((a) => a.isPreferred);
      assert.ok(toList?.edit);
      assert.ok(await vscode.workspace.applyEdit(toList.edit));
      assert.equal(
        doc.getText(),
        original.replace('catgories:', 'categories:').replace('tags: "lint-docker, lint-buildkit"', 'tags:\n  - lint-docker\n  - lint-buildkit'),
      );

      await waitFor('tags-string cleared', () => !ours(doc.uri).some((d) => code(d) === 'fm/tags-string') && ours(doc.uri).length === 4);
      const required = ours(doc.uri).find((d) => code(d) === 'fm/required')!;
      const addTitle = (await fixesAt(doc.uri, required)).find((a) => a.isPreferred);
      assert.equal(addTitle?.title, 'Add title: "Lint mistakes"');
      assert.ok(await vscode.workspace.applyEdit(addTitle!.edit!));
      assert.ok(doc.getText().startsWith('---\ntitle: Lint mistakes\ndate: 2024-02-30\n'), doc.getText().slice(0, 60));
    } finally {
      await restore(doc, original);
    }
    assert.equal(doc.getText(), original);
  });

  it('drops stale results and follows edits; clears a document when it closes', async () => {
    const doc = await openWorkspaceFile('content/lint/toml-mistakes.md');
    const original = doc.getText();
    try {
      await waitFor('first check', () => ours(doc.uri).length === 3);
      // Two quick edits: only the state after the last one may be published.
      const fixDate = new vscode.WorkspaceEdit();
      fixDate.replace(doc.uri, new vscode.Range(2, 7, 2, 19), '"2024-03-14"');
      await vscode.workspace.applyEdit(fixDate);
      const breakDraft = new vscode.WorkspaceEdit();
      breakDraft.insert(doc.uri, new vscode.Position(5, 0), 'draft = "nope"\n');
      await vscode.workspace.applyEdit(breakDraft);
      const after = await waitFor('re-check after typing', () => (ours(doc.uri).some((d) => code(d) === 'fm/type') ? ours(doc.uri) : undefined));
      assert.deepEqual(shape(after), ['fm/duplicate-key 1:0-1:5', 'fm/duplicate-tag 3:20-3:30', 'fm/type 5:8-5:14']);
    } finally {
      await restore(doc, original);
    }
    await waitFor('diagnostics back to the saved state', () => ours(doc.uri).length === 3);
    // VS Code closes a document when its language changes (then opens it again as plain text);
    // unlike closing its editor, that happens at once, so the close handling can be observed.
    await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    await waitFor('diagnostics cleared on close', () => ours(doc.uri).length === 0);
  });

  it('"Check All Posts" fills Problems for posts that are not open', async () => {
    const closed = workspaceUri('content/lint/closed.md');
    assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), false);
    const summary = await vscode.commands.executeCommand<{ files: number; checked: number; errors: number; warnings: number; cancelled: boolean }>(
      'devopsNotes.frontMatter.checkAll',
    );
    assert.ok(summary && summary.files >= 3 && summary.checked === summary.files && !summary.cancelled, JSON.stringify(summary));
    assert.ok(summary.errors >= 2, 'the date errors of the lint posts are counted');
    assert.deepEqual(shape(ours(closed)), ['fm/tags-string 3:10-3:33']);
    assert.deepEqual(shape(ours(workspaceUri('content/lint/mistakes.md'))).length, 6);
  });
});
