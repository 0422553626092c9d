import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { termKey } from '../../src/core/tags/termKey';
import type { PostIndexService } from '../../src/tags';
import type { TermRefactorResult } from '../../src/tags/termRefactor';
import { waitFor } from './util/wait';
import { EXTENSION_ID, revertDocument, workspaceRoot, turnOffAutoSave } from './util/workspace';

/**
 * Issue 17: a tag rename and a merge on a copy of a real Hugo site (the fluxcd website's blog,
 * from the read-only corpora beside the repository), through the real commands in the real
 * editor, change nothing but the term values, and one undo restores every byte. The copy goes
 * into this run's workspace, itself a temporary copy: the repository is never written.
 */
const SITE = 'fluxcd-website';
const BLOG = 'content/en/blog';
const COPY = 'corpus-fluxcd';

interface Api {
  posts: PostIndexService;
}

/** The tags written in a post's front matter. */
function tagsOf(text: string): string[] {
  const tags = parseFrontMatter(text).data.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * The one-line flow list `tags: [a, b]` (how the fluxcd blog writes them): what comes before and
 * after the items, and the items with the separators between them, as written.
 */
function flowList(line: string): { head: string; items: string[]; separators: string[]; tail: string } {
  const m = /^(tags:\s*\[)(.*)(\]\s*)$/.exec(line);
  assert.ok(m, `a one-line tags list: ${line}`);
  const parts = m[2].split(/(\s*,\s*)/);
  return { head: m[1], items: parts.filter((_, i) => i % 2 === 0), separators: parts.filter((_, i) => i % 2 === 1), tail: m[3] };
}

function joinList(l: { head: string; items: string[]; separators: string[]; tail: string }): string {
  return l.head + l.items.map((item, i) => (i === 0 ? item : l.separators[i - 1] + item)).join('') + l.tail;
}

const unquote = (s: string) => s.replace(/^(["'])(.*)\1$/, '$2');

describe('tag rename and merge on a copy of a real Hugo site, in the editor', function () {
  this.timeout(240_000);
  let api: Api;
  let root: string;
  /** Relative path under the copy → original bytes. */
  const originals = new Map<string, Buffer>();
  let restoreAutoSave = async (): Promise<void> => undefined;

  const abs = (rel: string) => path.join(root, COPY, ...rel.split('/'));
  const inCopy = (p: string) => p.startsWith(path.join(root, COPY) + path.sep);
  /** Corpus posts (relative paths) that carry a term, judged from the original bytes. */
  const carrying = (term: string) => [...originals].filter(([, b]) => tagsOf(b.toString('utf8')).some((t) => termKey(t) === termKey(term))).map(([rel]) => rel);
  const corpusCount = (term: string) => [...(api.posts.index.term('tags', term)?.posts ?? [])].filter(inCopy).length;

  before(async () => {
    restoreAutoSave = await turnOffAutoSave();
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    root = workspaceRoot();
    // The extension is loaded from the repository; the corpora sit beside it.
    const corpus = path.join(ext.extensionPath, '..', 'shared', 'corpora', SITE);
    assert.ok(fs.existsSync(path.join(corpus, BLOG)), `the real site is expected at ${corpus}`);
    fs.mkdirSync(abs('.'), { recursive: true });
    fs.copyFileSync(path.join(corpus, 'hugo.yaml'), abs('hugo.yaml'));
    for (const e of fs.readdirSync(path.join(corpus, BLOG), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !e.name.endsWith('.md')) continue;
      const rel = path.relative(corpus, path.join(e.parentPath, e.name)).split(path.sep).join('/');
      const bytes = fs.readFileSync(path.join(corpus, rel));
      fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
      fs.writeFileSync(abs(rel), bytes);
      originals.set(rel, bytes);
    }
    assert.ok(originals.size > 50, `the blog's posts copied (${originals.size})`);
    const expected = carrying('monthly-update').length;
    assert.ok(expected > 10, `monthly-update on many posts (${expected})`);
    await api.posts.ready();
    await waitFor('the copied posts in the index', () => corpusCount('monthly-update') === expected && corpusCount('announcement') === carrying('announcement').length, 60_000);
  });

  after(async () => {
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && inCopy(doc.uri.fsPath)) await revertDocument(doc);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (root) fs.rmSync(abs('.'), { recursive: true, force: true });
    await restoreAutoSave();
    if (api) await waitFor('the copy gone from the index', () => corpusCount('monthly-update') === 0 && !api.posts.index.term('tags', 'monthly-update'), 60_000);
  });

  /**
   * Each touched file differs from its original in its tags line only, and there only in the
   * item of the term: every other line and every other item is byte for byte what it was.
   */
  async function checkOnlyTermValues(result: TermRefactorResult, from: string, to: string): Promise<string[]> {
    assert.equal(result.applied, true);
    assert.deepEqual(result.skipped, []);
    const touched = result.files.map((f) => path.relative(abs('.'), f).split(path.sep).join('/')).sort();
    assert.deepEqual(touched, carrying(from).sort(), 'exactly the posts that carry the term');
    for (const rel of touched) {
      const before = originals.get(rel)!.toString('utf8');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs(rel)));
      const after = doc.getText();
      const a = before.split('\n');
      const b = after.split('\n');
      assert.equal(b.length, a.length, `${rel}: no line added or removed`);
      const changed = a.flatMap((line, i) => (line === b[i] ? [] : [i]));
      assert.equal(changed.length, 1, `${rel}: one line changed`);
      const [i] = changed;
      const list = flowList(a[i]);
      const at = list.items.findIndex((item) => termKey(unquote(item)) === termKey(from));
      assert.ok(at >= 0, `${rel}: the line changed is the one with ${from}`);
      const alreadyThere = list.items.some((item) => termKey(unquote(item)) === termKey(to));
      const newItem = flowList(b[i]).items[at];
      if (alreadyThere) {
        // The merged term goes, with one separator beside it.
        list.items.splice(at, 1);
        list.separators.splice(Math.min(at, list.separators.length - 1), 1);
      } else {
        assert.equal(unquote(newItem), to, `${rel}: the term's new value`);
        list.items[at] = newItem;
      }
      assert.equal(b[i], joinList(list), `${rel}: every other byte of the line is as it was`);
      // What Hugo reads: the term replaced (or merged away), nothing else.
      assert.deepEqual(
        tagsOf(after).map((t) => termKey(t)),
        tagsOf(before).flatMap((t) => (termKey(t) !== termKey(from) ? [termKey(t)] : alreadyThere ? [] : [termKey(to)])),
      );
    }
    return touched;
  }

  /** One undo: every touched file holds its original text again and, saved, its original bytes. */
  async function undoOnce(touched: readonly string[]): Promise<void> {
    await vscode.window.showTextDocument(vscode.Uri.file(abs(touched[0])));
    await vscode.commands.executeCommand('undo');
    for (const rel of touched) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs(rel)));
      assert.equal(doc.getText(), originals.get(rel)!.toString('utf8'), `${rel}: one undo restored the text`);
      if (doc.isDirty) assert.equal(await doc.save(), true, `${rel}: saved`);
      assert.deepEqual(fs.readFileSync(abs(rel)), originals.get(rel), `${rel}: the original bytes on disk`);
    }
    for (const [rel, bytes] of originals) assert.deepEqual(fs.readFileSync(abs(rel)), bytes, `${rel}: unchanged`);
  }

  /** Saves what the refactoring left unsaved, so that the undo is tested against files on disk too. */
  async function saveAll(touched: readonly string[]): Promise<void> {
    for (const rel of touched) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs(rel)));
      if (doc.isDirty) assert.equal(await doc.save(), true, `${rel}: saved`);
      assert.equal(fs.readFileSync(abs(rel), 'utf8'), doc.getText(), `${rel}: on disk as in the editor`);
    }
  }

  it('asks first, naming the real posts it will touch', async () => {
    const n = carrying('monthly-update').length;
    // The test host refuses modal dialogs and reports their text: the question is what is checked.
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('devopsNotes.tags.renameTerm', { taxonomy: 'tags', term: 'monthly-update' }, 'Flux Monthly')),
      new RegExp(`Rename tag "monthly-update" to "Flux Monthly" in ${n} files\\?`),
    );
    for (const [rel, bytes] of originals) assert.deepEqual(fs.readFileSync(abs(rel)), bytes, `${rel}: nothing changed before the answer`);
  });

  it('rename: only the term values change in every post, and one undo restores every byte', async () => {
    const result = await vscode.commands.executeCommand<TermRefactorResult>('devopsNotes.tags.renameTerm', { taxonomy: 'tags', term: 'monthly-update' }, 'Flux Monthly', { confirm: false });
    const touched = await checkOnlyTermValues(result, 'monthly-update', 'Flux Monthly');
    await saveAll(touched);
    await waitFor('the renamed term in the index', () => corpusCount('flux-monthly') === touched.length && corpusCount('monthly-update') === 0, 30_000);
    await undoOnce(touched);
    await waitFor('the original term back in the index', () => corpusCount('monthly-update') === touched.length, 30_000);
  });

  it('merge: into a term some posts already carry, only term values change, and one undo restores every byte', async () => {
    const both = carrying('security').filter((rel) => carrying('announcement').includes(rel));
    assert.ok(both.length > 0 && carrying('security').length > both.length, 'some posts carry both terms, some only the merged one');
    const result = await vscode.commands.executeCommand<TermRefactorResult>('devopsNotes.tags.mergeTerm', { taxonomy: 'tags', term: 'security' }, 'announcement', { confirm: false });
    const touched = await checkOnlyTermValues(result, 'security', 'announcement');
    await saveAll(touched);
    await waitFor('the merged term gone from the index', () => corpusCount('security') === 0, 30_000);
    await undoOnce(touched);
    await waitFor('the merged term back in the index', () => corpusCount('security') === touched.length, 30_000);
  });
});
