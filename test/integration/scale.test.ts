import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PostIndexService, TagsApi } from '../../src/tags';
import type { TermRefactorResult } from '../../src/tags/termRefactor';
import { waitFor } from './util/wait';
import { EXTENSION_ID, workspaceRoot, workspaceUri, turnOffAutoSave } from './util/workspace';

/** What activate() returns, as far as these tests use it. */
interface Api {
  posts: PostIndexService;
  tags: TagsApi;
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'devops-notes');
/** Entries of both our checks: front matter and BuildKit fences. */
const anyOfOurs = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'devops-notes' || d.source === 'DevOps Notes (BuildKit)');
const buildkit = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'DevOps Notes (BuildKit)');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts written for these tests (each with a draft Hugo cannot read and a BuildKit mistake), removed after them. */
const HERE = 'content/scale-probe';
const post = (n: number, tag: string) =>
  `---\ntitle: "Scale probe ${n}"\ndate: 2024-01-0${n}\ndraft: "nope"\ntags: [${tag}, ops]\n---\nBody ${n}\n\n\`\`\`dockerfile\nRUN --mount=type=cahce,target=/root/.cache go build\n\`\`\`\n`;

describe('big sites: what the editor does at scale', function () {
  this.timeout(120_000);
  let api: Api;
  let restoreAutoSave = async (): Promise<void> => undefined;

  before(async () => {
    restoreAutoSave = await turnOffAutoSave();
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    await api.posts.ready();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(workspaceRoot(), ...HERE.split('/')), { recursive: true, force: true });
    await restoreAutoSave();
  });

  it('says "Indexing N of M posts…" above the tag tree while it scans, and nothing once done', async () => {
    const seen: (string | undefined)[] = [];
    const sub = api.posts.onDidChangeScanProgress(() => seen.push(api.tags.view.message));
    try {
      const scan = api.posts.refresh();
      // The scan says so as it starts, before the first file is read.
      assert.match(api.tags.view.message ?? '', /^Finding posts…$/);
      await scan;
    } finally {
      sub.dispose();
    }
    assert.ok(
      seen.some((m) => /^Indexing [\d,.\s]+ of [\d,.\s]+ posts…$/.test(m ?? '')),
      `a count was shown: ${JSON.stringify(seen)}`,
    );
    assert.equal(api.tags.view.message, undefined, 'cleared when done');
  });

  it('a rename plans without opening posts, and posts VS Code opens to edit them stay out of Problems', async () => {
    const dir = path.join(workspaceRoot(), ...HERE.split('/'));
    fs.mkdirSync(dir, { recursive: true });
    const rels = [1, 2, 3].map((n) => `${HERE}/probe-${n}.md`);
    rels.forEach((rel, i) => fs.writeFileSync(workspaceUri(rel).fsPath, post(i + 1, 'scale-probe')));
    const [shownRel, ...backgroundRels] = rels;
    const shown = workspaceUri(shownRel);
    const background = backgroundRels.map((rel) => workspaceUri(rel));
    await waitFor('the probes in the index', () => api.posts.index.term('tags', 'scale-probe')?.postCount === 3);
    // Not open anywhere yet (a file written just now has never been opened).
    assert.deepEqual(background.map(isOpen), [false, false]);

    // One of them is shown in an editor: it gets its Problems entries as usual.
    await vscode.window.showTextDocument(shown);
    await waitFor('the shown post checked', () => ours(shown).some((d) => codeOf(d) === 'fm/type') && buildkit(shown).length > 0);

    // Planning and asking opens nothing (the test host refuses the modal question).
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('devopsNotes.tags.renameTerm', { taxonomy: 'tags', term: 'scale-probe' }, 'scale-renamed')),
      /Rename tag "scale-probe" to "scale-renamed" in 3 files\?/,
    );
    assert.deepEqual(background.map(isOpen), [false, false], 'the plan read the files without opening them');

    const result = await vscode.commands.executeCommand<TermRefactorResult>('devopsNotes.tags.renameTerm', { taxonomy: 'tags', term: 'scale-probe' }, 'scale-renamed', { confirm: false });
    assert.equal(result.applied, true);
    assert.deepEqual(result.files.map((f) => vscode.workspace.asRelativePath(f)).sort(), rels);
    for (const [i, uri] of [shown, ...background].entries()) {
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.getText(), post(i + 1, 'scale-renamed'), `${rels[i]}: renamed`);
    }
    // Applying the edit opened the other two in the background: they are documents, not editors.
    assert.deepEqual(background.map(isOpen), [true, true], 'VS Code opened them to apply the edit');
    await waitFor('the renamed term in the index', () => api.posts.index.term('tags', 'scale-renamed')?.postCount === 3);
    // The shown post is checked again after the edit; give the background ones the same time.
    await waitFor('the shown post checked after the edit', () => ours(shown).some((d) => codeOf(d) === 'fm/type'));
    await sleep(1000);
    for (const uri of background) assert.deepEqual(anyOfOurs(uri), [], `${vscode.workspace.asRelativePath(uri)}: no Problems entries for a post no editor shows`);

    // Undo changes the background documents again. VS Code (1.100) opens a tab for each file a
    // multi-file undo changes: those are shown now and checked; any without a tab stays out.
    await vscode.window.showTextDocument(shown);
    await vscode.commands.executeCommand('undo');
    const first = await vscode.workspace.openTextDocument(background[0]);
    await waitFor('the undo applied', () => first.getText() === post(2, 'scale-probe'));
    await sleep(1000);
    const inTab = (uri: vscode.Uri) => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
    for (const uri of background) {
      if (!inTab(uri)) assert.deepEqual(anyOfOurs(uri).map(codeOf), [], `${vscode.workspace.asRelativePath(uri)}: none after undo either`);
    }

    // Closing its editor drops a post's entries; shown again, it is checked like any other.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('entries dropped with the editors', () => [shown, ...background].every((uri) => anyOfOurs(uri).length === 0));
    await vscode.window.showTextDocument(background[0]);
    await waitFor('the post checked once shown', () => ours(background[0]).some((d) => codeOf(d) === 'fm/type') && buildkit(background[0]).length > 0);
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && rels.some((rel) => doc.uri.toString() === workspaceUri(rel).toString())) await doc.save();
  });

  it('checks the first change after a pause at once, not after the typing debounce', async () => {
    const rel = `${HERE}/typing.md`;
    const uri = workspaceUri(rel);
    fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
    fs.writeFileSync(uri.fsPath, '---\ntitle: "Typing"\ndate: 2024-01-01\ndraft: false\n---\nBody\n');
    const editor = await vscode.window.showTextDocument(uri);
    const doc = editor.document;
    await waitFor('the first check', () => ours(uri).length === 0 && true);
    // Each round breaks (then mends) the draft value after a pause and times the squiggle. A
    // 300 ms timer can never answer sooner than 300 ms; a check on the first change can.
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      const broken = round % 2 === 0;
      await sleep(600);
      const changed = new Promise<number>((resolve) => {
        const sub = vscode.languages.onDidChangeDiagnostics((e) => {
          if (!e.uris.some((u) => u.toString() === uri.toString())) return;
          if (ours(uri).some((d) => codeOf(d) === 'fm/type') !== broken) return;
          sub.dispose();
          resolve(performance.now());
        });
      });
      const start = performance.now();
      const line = doc.lineAt(3);
      await editor.edit((b) => b.replace(line.range, broken ? 'draft: "nope"' : 'draft: false'));
      times.push((await changed) - start);
    }
    assert.ok(Math.min(...times) < 300, `key → squiggle in ${times.map(Math.round).join(', ')} ms: the first change after a pause waits for no debounce`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
