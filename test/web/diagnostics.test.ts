import * as vscode from 'vscode';
import { waitFor } from '../integration/util/wait';
import * as assert from './util/assert';
import { activateDevOpsNotes, openWorkspaceFile, revertDocument, workspaceUri } from './util/workspace';

const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'devops-notes');
const range = (d: vscode.Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

/** The quick fixes offered at a diagnostic's range, through VS Code's own code action command. */
async function fixesAt(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
  return actions.filter((a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === vscode.CodeActionKind.QuickFix.value && a.edit !== undefined);
}

describe('web: front matter diagnostics and quick fixes on demo posts', () => {
  before(async () => {
    await activateDevOpsNotes();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('flags the misspelled "catgories" key and renames it with its quick fix', async () => {
    const doc = await openWorkspaceFile('content/posts/kubectl-port-forward.md');
    try {
      const unknown = await waitFor('fm/unknown-key on kubectl-port-forward.md', () => ours(doc.uri).find((d) => code(d) === 'fm/unknown-key'), 30_000);
      assert.equal(unknown.message, 'Unknown key "catgories": did you mean "categories"?');
      assert.equal(range(unknown), '9:0-9:9');
      assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);

      const original = doc.getText();
      const rename = (await fixesAt(doc.uri, unknown)).find((a) => a.title === 'Rename "catgories" to "categories"');
      assert.ok(rename?.edit, 'a rename fix');
      assert.equal(rename.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(rename.edit));
      assert.equal(doc.getText(), original.replace('\ncatgories:\n', '\ncategories:\n'));
      // The fixed problem goes away once the document is checked again.
      await waitFor('fm/unknown-key cleared', () => !ours(doc.uri).some((d) => code(d) === 'fm/unknown-key'), 15_000);
    } finally {
      await revertDocument(doc);
    }
  });

  it('"Check All Posts" reads the site through the workspace file system: the figures of `devops-notes check demo`', async () => {
    const summary = await vscode.commands.executeCommand<{ files: number; checked: number; errors: number; warnings: number; cancelled: boolean }>(
      'devopsNotes.frontMatter.checkAll',
    );
    // The CLI on demo/: "7 problems (1 error, 6 warnings) in 7 files; 18 files checked".
    assert.deepEqual(summary, { files: 18, checked: 18, errors: 1, warnings: 6, infos: 0, cancelled: false });

    // A date Hugo cannot read fails its build: an error, on a post no editor shows.
    const trivy = workspaceUri('content/posts/trivy-in-the-pipeline.md');
    assert.deepEqual(ours(trivy).map((d) => [code(d), range(d), d.severity]), [['fm/date-format', '2:6-2:16', vscode.DiagnosticSeverity.Error]]);
    assert.match(ours(trivy)[0].message, /February 2024 has 29 days/);
    // The cover check looks for the image in the site's folders through vscode.workspace.fs.
    const gitlab = ours(workspaceUri('content/posts/gitlab-ci-buildkit.md'));
    assert.deepEqual(gitlab.map(code), ['fm/missing-file']);
    assert.match(gitlab[0].message, /looked for static\/images\/gitlab-pipeline\.png/);
    assert.deepEqual(ours(workspaceUri('content/posts/buildkit-cache-mounts.md')), [], 'its cover is in static/images/');
  });
});
