/**
 * Hardening in the real extension host: the bad-input corpus opened in editors, the preview and
 * the index; tag edits on posts with unsaved changes and on files VS Code would rewrite; a burst
 * of 1,000 file changes. The launcher fails the run on any unhandled error our extension logs,
 * so "nothing crashed" is checked for every step. Every file created here is removed again, and
 * each test waits until the index is back to what the other tests expect.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PostIndexService } from '../../src/tags';
import type { TermRefactorResult } from '../../src/tags/termRefactor';
import { waitFor as sharedWaitFor } from './util/wait';
import { EXTENSION_ID, revertDocument, workspaceRoot, workspaceUri, turnOffAutoSave } from './util/workspace';

interface Api {
  posts: PostIndexService;
}

/** The shared poller, with the longer default these heavy cases (a 50 MB post) need. */
function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  return sharedWaitFor(what, check, timeoutMs);
}

/** Index paths are absolute with forward slashes. */
function indexPath(rel: string): string {
  return workspaceUri(rel).fsPath.replace(/\\/g, '/');
}

describe('hardening: bad input, faults and no byte lost in the real editor', function () {
  this.timeout(180_000);
  let api: Api;
  let corpus: string;
  const HERE = 'content/hardening';

  /** Waits until the index has settled (same snapshot twice, 600 ms apart). */
  async function settled(): Promise<string> {
    let last = '';
    return waitFor('the index to settle', async () => {
      await new Promise((r) => setTimeout(r, 600));
      const now = JSON.stringify(api.posts.index.snapshot());
      const same = now === last;
      last = now;
      return same && now;
    }, 60_000);
  }

  before(async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    corpus = path.join(ext.extensionPath, 'test', 'fixtures', 'bad');
    await api.posts.ready();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // VS Code may still be writing a file it reverted; retry instead of failing the cleanup.
    fs.rmSync(path.join(workspaceRoot(), ...HERE.split('/')), { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    await waitFor('the hardening posts to leave the index', () => ![...api.posts.index.paths()].some((p) => p.includes('/content/hardening/')), 60_000);
  });

  it('indexes, checks and previews every file of the bad-input corpus without an error', async () => {
    const dir = path.join(workspaceRoot(), 'content', 'hardening', 'bad');
    fs.mkdirSync(dir, { recursive: true });
    const files = fs.readdirSync(corpus).filter((f) => f.endsWith('.md') && f !== 'README.md');
    for (const f of files) fs.copyFileSync(path.join(corpus, f), path.join(dir, f));
    // A 50 MB post too big for an editor, and a 1 MB single line.
    const line = 'A long line about BuildKit cache mounts. '.repeat(26_000);
    fs.writeFileSync(path.join(dir, 'huge-post.md'), `---\ntitle: Huge\ntags: [hard-huge]\n---\n${`${line}\n`.repeat(50)}`);
    fs.writeFileSync(path.join(dir, 'long-line.md'), `---\ntitle: Long line\ntags: [hard-long]\n---\n${line}`);

    const expected = [...files.filter((f) => f !== 'binary.md'), 'huge-post.md', 'long-line.md'].map((f) => indexPath(`${HERE}/bad/${f}`));
    await waitFor('the corpus in the index', () => expected.every((p) => api.posts.index.has(p)), 60_000);
    assert.equal(api.posts.index.has(indexPath(`${HERE}/bad/binary.md`)), false, 'the binary file is skipped');
    assert.equal(api.posts.index.get(indexPath(`${HERE}/bad/huge-post.md`))?.title, 'Huge', 'the 50 MB post is indexed from its first bytes');
    assert.match(api.posts.index.get(indexPath(`${HERE}/bad/deep-nesting-yaml.md`))?.problem ?? '', /nested/);
    assert.match(api.posts.index.get(indexPath(`${HERE}/bad/unterminated.md`))?.problem ?? '', /never closed/);

    // Open each text file in an editor with the preview beside it (the preview follows the active
    // editor): diagnostics arrive and the preview renders each one.
    const texts = [...files.filter((x) => x !== 'binary.md'), 'long-line.md'];
    for (const [i, f] of texts.entries()) {
      const uri = workspaceUri(`${HERE}/bad/${f}`);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: true });
      if (i === 0) await vscode.commands.executeCommand('devopsNotes.preview.open');
      await vscode.commands.executeCommand('devopsNotes.preview.testState', { waitForUri: uri.toString() });
      if (/unterminated|deep-nesting|tabs-in-yaml|duplicate-keys|impossible-date|alias-bomb/.test(f)) {
        await waitFor(`diagnostics for ${f}`, () => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'devops-notes'));
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // "Check All Posts" over the whole workspace, the corpus included.
    await vscode.commands.executeCommand('devopsNotes.frontMatter.checkAll');
    assert.ok(vscode.languages.getDiagnostics(workspaceUri(`${HERE}/bad/duplicate-keys.md`)).some((d) => d.source === 'devops-notes'));

    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    await waitFor('the corpus out of the index', () => !expected.some((p) => api.posts.index.has(p)), 60_000);
  });

  describe('tag edits that must not lose a byte', () => {
    const dirty = `${HERE}/unsaved.md`;
    const mixed = `${HERE}/mixed-endings.md`;
    const latin1 = `${HERE}/latin1.md`;
    const dirtyText = '---\ntitle: "Unsaved"\ntags: [hard-a, hard-b]\n---\nSaved body.\n';
    const mixedBytes = Buffer.from('---\r\ntitle: "Mixed"\ntags: [hard-a]\r\n---\nbody\r\n');
    const latin1Bytes = Buffer.concat([Buffer.from('---\ntitle: "Caf'), Buffer.from([0xe9]), Buffer.from('"\ntags: [hard-a]\n---\nbody\n')]);

    let restoreAutoSave = async (): Promise<void> => undefined;

    before(async () => {
      // VS Code for the web (code-server) saves dirty files after a second by default; a user
      // with unsaved changes is a user without auto save.
      restoreAutoSave = await turnOffAutoSave();
      fs.mkdirSync(path.join(workspaceRoot(), ...HERE.split('/')), { recursive: true });
      fs.writeFileSync(workspaceUri(dirty).fsPath, dirtyText);
      fs.writeFileSync(workspaceUri(mixed).fsPath, mixedBytes);
      fs.writeFileSync(workspaceUri(latin1).fsPath, latin1Bytes);
      await waitFor('the three posts under hard-a', () => api.posts.index.term('tags', 'hard-a')?.posts.size === 3);
    });

    after(async () => {
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.isDirty && doc.uri.fsPath.includes(`${path.sep}hardening${path.sep}`)) {
          await revertDocument(doc);
        }
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await restoreAutoSave();
    });

    it('edits a post with unsaved changes through its open document, and one undo restores the unsaved text', async () => {
      const doc = await vscode.workspace.openTextDocument(workspaceUri(dirty));
      const editor = await vscode.window.showTextDocument(doc);
      // Unsaved changes in the body and in the front matter.
      await editor.edit((b) => {
        b.replace(new vscode.Range(doc.positionAt(dirtyText.indexOf('Saved body.')), doc.positionAt(dirtyText.indexOf('Saved body.') + 'Saved body.'.length)), 'Unsaved body.');
        b.insert(doc.positionAt(dirtyText.indexOf('---\nSaved')), 'draft: true\n');
      });
      const unsaved = doc.getText();
      assert.ok(doc.isDirty);
      await waitFor('the unsaved front matter in the index', () => api.posts.index.get(indexPath(dirty))?.draft === true);

      const result = await vscode.commands.executeCommand<TermRefactorResult>('devopsNotes.tags.renameTerm', { taxonomy: 'tags', term: 'hard-a' }, 'hard-renamed', { confirm: false });
      assert.equal(result.applied, true);
      assert.deepEqual(result.files.map((f) => vscode.workspace.asRelativePath(f)), [dirty]);
      assert.equal(doc.getText(), unsaved.replace('[hard-a, hard-b]', '[hard-renamed, hard-b]'), 'the rename went into the open document, unsaved changes kept');
      assert.equal(fs.readFileSync(workspaceUri(dirty).fsPath, 'utf8'), dirtyText, 'the file on disk is untouched until the user saves');

      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), unsaved, 'one undo restores the unsaved text');
    });

    it('leaves files with mixed line endings or invalid UTF-8 alone, byte for byte, and says why', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const result = await vscode.commands.executeCommand<TermRefactorResult>('devopsNotes.tags.removeTerm', { taxonomy: 'tags', term: 'hard-a' }, { confirm: false });
      const reasons = new Map(result.skipped.map((s) => [vscode.workspace.asRelativePath(s.path), s.reason]));
      assert.match(reasons.get(mixed) ?? '', /line endings/);
      assert.match(reasons.get(latin1) ?? '', /UTF-8/);
      assert.deepEqual(fs.readFileSync(workspaceUri(mixed).fsPath), mixedBytes);
      assert.deepEqual(fs.readFileSync(workspaceUri(latin1).fsPath), latin1Bytes);
    });
  });

  it('a burst of 1,000 file changes in a second leaves the live index equal to a full rebuild', async () => {
    const dir = path.join(workspaceRoot(), 'content', 'hardening', 'burst');
    fs.mkdirSync(dir, { recursive: true });
    const file = (n: number) => path.join(dir, `p${n}.md`);
    const write = (n: number, tag: string) => fs.writeFileSync(file(n), `---\ntitle: "Burst ${n}"\ntags: [${tag}, hard-burst]\n---\nbody\n`);
    const started = Date.now();
    // 400 creations, 400 rewrites of them, 200 deletions: 1,000 changes, as fast as the disk takes them.
    for (let n = 0; n < 400; n++) write(n, `hard-${n % 13}`);
    for (let n = 0; n < 400; n++) write(n, `hard-x${n % 7}`);
    for (let n = 0; n < 400; n += 2) fs.rmSync(file(n));
    const burstMs = Date.now() - started;
    await waitFor('the burst in the index', () => api.posts.index.term('tags', 'hard-burst')?.posts.size === 200, 90_000);
    const live = await settled();
    await api.posts.refresh();
    assert.equal(JSON.stringify(api.posts.index.snapshot()), live, `incremental equals rebuild (the burst took ${burstMs} ms)`);
    assert.equal(api.posts.index.term('tags', 'hard-x1')?.posts.size, [...Array(400).keys()].filter((n) => n % 2 === 1 && n % 7 === 1).length);

    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    await waitFor('the burst gone from the index', () => !api.posts.index.term('tags', 'hard-burst'), 90_000);
  });
});
