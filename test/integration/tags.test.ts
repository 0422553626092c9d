import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { PostIndexService, TagsApi } from '../../src/tags';
import type { TagNode } from '../../src/tags/tagTree';
import type { TermRefactorResult } from '../../src/tags/termRefactor';
import { termRows, treeItemLabel } from './util/documents';
import { waitFor } from './util/wait';
import { EXTENSION_ID, openWorkspaceFile, revertDocument, workspaceUri, turnOffAutoSave } from './util/workspace';

/** What activate() returns, as far as these tests use it. */
interface Api {
  posts: PostIndexService;
  tags: TagsApi;
}

function file(rel: string): string {
  return workspaceUri(rel).fsPath;
}

describe('tag tree', () => {
  let api: Api;
  let tree: TagsApi['tree'];

  /** Titles of the posts under a node, in tree order. */
  async function postTitles(node: TagNode): Promise<string[]> {
    return (await tree.getChildren(node)).map((n) => treeItemLabel(tree.getTreeItem(n)));
  }

  // VS Code for the web (code-server) saves edits after a second by default; these tests need
  // edits to stay unsaved until they say otherwise.
  let restoreAutoSave = async (): Promise<void> => undefined;

  before(async () => {
    restoreAutoSave = await turnOffAutoSave();
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    tree = api.tags.tree;
    await api.posts.ready();
  });

  after(async () => {
    await restoreAutoSave();
  });

  it('shows taxonomies, terms merged the way Hugo merges them with post counts, and posts', async () => {
    const roots = await tree.getChildren();
    assert.deepEqual(
      roots.filter((n) => n.kind === 'taxonomy').map((n) => treeItemLabel(tree.getTreeItem(n))),
      ['Tags', 'Categories'],
    );
    const tags = await termRows(tree, 'tags');
    const docker = tags.get('docker');
    assert.ok(docker, 'a docker tag');
    assert.equal(docker.count, 3, 'docker, Docker (YAML) and docker (JSON) are one tag');
    assert.equal(docker.label, 'docker', 'labelled with the spelling most posts use');
    assert.match(docker.tooltip, /`docker` ×2, `Docker` ×1/);
    assert.equal(tags.get('github-actions')?.count, 2, '"GitHub Actions" (TOML) and "github-actions" are one tag');
    assert.equal(tags.get('ci')?.count, 2);
    assert.equal(tags.get('kubernetes')?.count, 3);
    const categories = await termRows(tree, 'categories');
    assert.equal(categories.get('containers')?.count, 2);
    assert.equal(categories.get('operations')?.count, 2);

    // Posts: title, newest first, date and draft marker in the description.
    assert.deepEqual(await postTitles(docker.node), ['Docker Compose tips', 'BuildKit cache basics', 'Helm upgrade notes']);
    const firstNode = (await tree.getChildren(docker.node))[0];
    const first = await tree.resolveTreeItem(tree.getTreeItem(firstNode), firstNode);
    assert.equal(first.description, '2024-05-20');
    assert.equal(first.contextValue, 'devopsNotes.post');
    assert.equal(first.resourceUri?.fsPath, file('content/posts/docker-compose-tips.md'));
    assert.match((first.tooltip as vscode.MarkdownString).value, /Profiles, healthchecks and the override file/);
    // The hover names the post's URL as Hugo builds it from the fixture's baseURL.
    assert.match((first.tooltip as vscode.MarkdownString).value.replace(/\\/g, ''), /https:\/\/notes\.example\.org\/posts\/docker-compose-tips\//);

    const untagged = roots.length > 0 && (await tree.getChildren(roots[0])).find((n) => n.kind === 'untagged');
    assert.ok(untagged, 'an Untagged node');
    assert.equal(treeItemLabel(tree.getTreeItem(untagged)), 'Untagged');
    const scratch = (await tree.getChildren(untagged)).map((n) => tree.getTreeItem(n)).find((i) => treeItemLabel(i) === 'Scratchpad');
    assert.ok(scratch, 'the post without tags is under Untagged');
    assert.equal(scratch.description, 'draft');
  });

  it('sorts by count and filters terms from the view title commands', async () => {
    await vscode.commands.executeCommand('devopsNotes.tags.sortByCount');
    const byCount = [...(await termRows(tree, 'categories')).values()].map((t) => t.count);
    assert.deepEqual(byCount, [...byCount].sort((a, b) => b - a));
    await vscode.commands.executeCommand('devopsNotes.tags.sortByName');
    await vscode.commands.executeCommand('devopsNotes.tags.filter', 'git');
    assert.deepEqual([...(await termRows(tree, 'tags')).keys()].sort(), ['github-actions', 'gitops']);
    assert.equal(api.tags.view.description, 'Filter: git');
    await vscode.commands.executeCommand('devopsNotes.tags.clearFilter');
    assert.equal(api.tags.view.description, undefined);
    assert.ok((await termRows(tree, 'tags')).has('docker'));
  });

  it('reveals a term for other features (the preview’s tag chips)', async () => {
    assert.equal(await vscode.commands.executeCommand('devopsNotes.tags.revealTerm', 'tags', 'GITHUB ACTIONS'), true);
    const selected = api.tags.view.selection[0];
    assert.equal(selected?.kind === 'term' && selected.key, 'github-actions');
    assert.equal(await vscode.commands.executeCommand('devopsNotes.tags.revealTerm', 'tags', 'no-such-tag'), false);
  });

  it('follows unsaved edits of a post’s tags, and goes back to the file when the editor closes without saving', async () => {
    const original = fs.readFileSync(file('content/posts/docker-compose-tips.md'));
    const doc = await openWorkspaceFile('content/posts/docker-compose-tips.md');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === doc);
    const at = doc.getText().indexOf('  - compose');
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + '  - compose'.length)), '  - compose-v2\n  - Podman'));
    await waitFor('the edited tags in the tree', async () => {
      const t = await termRows(tree, 'tags');
      return t.has('compose-v2') && t.has('podman') && !t.has('compose');
    });
    // Closing without saving: the post is read from the file again.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('the tags of the file on disk', async () => {
      const t = await termRows(tree, 'tags');
      return t.has('compose') && !t.has('compose-v2') && !t.has('podman');
    });
    assert.deepEqual(fs.readFileSync(file('content/posts/docker-compose-tips.md')), original, 'the file was never written');
  });

  it('picks up a post created on disk and drops it when deleted', async () => {
    const p = file('content/posts/watcher-probe.md');
    const seen = new Promise<readonly vscode.Uri[]>((resolve) => {
      const sub = api.posts.onDidChangePosts((e) => {
        if (e.changed.some((u) => u.fsPath === p)) {
          sub.dispose();
          resolve(e.changed);
        }
      });
    });
    fs.writeFileSync(p, '---\ntitle: Watcher probe\ntags: [probe-tag]\n---\n');
    try {
      await waitFor('the new post in the index', async () => (await termRows(tree, 'tags')).get('probe-tag')?.count === 1);
      assert.ok((await seen).length >= 1);
      assert.ok(api.posts.posts().some((u) => u.fsPath === p), 'posts() lists it');
    } finally {
      fs.rmSync(p, { force: true });
    }
    await waitFor('the deleted post gone', async () => !(await termRows(tree, 'tags')).has('probe-tag'));
  });

  describe('renaming and merging tags', () => {
    const crlfPost = 'content/posts/crlf-notes.md';
    const originals = new Map<string, Buffer>();
    const touched = ['content/posts/buildkit-cache-basics.md', 'content/posts/docker-compose-tips.md', 'content/posts/helm-upgrade-notes.md', crlfPost, 'content/posts/ci-speedups.md', 'content/posts/github-actions-cache.md'];

    before(async () => {
      fs.writeFileSync(file(crlfPost), '---\r\ntitle: "CRLF notes"\r\ntags: [ops, docker]\r\n---\r\nWritten on Windows.\r\n');
      for (const rel of touched) originals.set(rel, fs.readFileSync(file(rel)));
      await waitFor('the CRLF post in the index', async () => (await termRows(tree, 'tags')).get('docker')?.count === 4);
    });

    after(async () => {
      // Put every fixture back byte for byte, and leave no editor dirty.
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.isDirty && touched.some((rel) => doc.uri.fsPath === file(rel))) {
          await revertDocument(doc);
        }
      }
      for (const [rel, bytes] of originals) fs.writeFileSync(file(rel), bytes);
      fs.rmSync(file(crlfPost), { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitFor('the fixtures back in the tree', async () => (await termRows(tree, 'tags')).get('docker')?.count === 3);
    });

    it('asks first, naming how many files it will touch', async () => {
      // The test host refuses modal dialogs and reports their text; the question is what we check.
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('devopsNotes.tags.renameTerm', { taxonomy: 'tags', term: 'docker' }, 'Docker Engine')),
        /Rename tag "docker" to "Docker Engine" in 4 files\?/,
      );
      assert.deepEqual(fs.readFileSync(file('content/posts/helm-upgrade-notes.md')), originals.get('content/posts/helm-upgrade-notes.md'), 'nothing changed before the answer');
    });

    it('rewrites exactly the intended bytes in every post (YAML, JSON, CRLF), in one undoable edit', async () => {
      const result = await vscode.commands.executeCommand<TermRefactorResult>('devopsNotes.tags.renameTerm', { taxonomy: 'tags', term: 'docker' }, 'Docker Engine', { confirm: false });
      assert.equal(result.applied, true);
      assert.deepEqual(result.skipped, []);
      const expected = new Map<string, string>([
        ['content/posts/buildkit-cache-basics.md', originals.get('content/posts/buildkit-cache-basics.md')!.toString('utf8').replace('  - docker\n', '  - Docker Engine\n')],
        ['content/posts/docker-compose-tips.md', originals.get('content/posts/docker-compose-tips.md')!.toString('utf8').replace('  - Docker # written', '  - Docker Engine # written')],
        ['content/posts/helm-upgrade-notes.md', originals.get('content/posts/helm-upgrade-notes.md')!.toString('utf8').replace('"helm", "docker"]', '"helm", "Docker Engine"]')],
        [crlfPost, '---\r\ntitle: "CRLF notes"\r\ntags: [ops, Docker Engine]\r\n---\r\nWritten on Windows.\r\n'],
      ]);
      assert.deepEqual(result.files.map((f) => vscode.workspace.asRelativePath(f)).sort(), [...expected.keys()].sort());
      for (const [rel, text] of expected) {
        assert.notEqual(text, originals.get(rel)!.toString('utf8'), `${rel}: the expectation differs from the original`);
        const doc = await vscode.workspace.openTextDocument(workspaceUri(rel));
        assert.equal(doc.getText(), text, `${rel}: the document holds exactly the expected text`);
        // VS Code saves files a refactoring opened (files.refactoring.autoSave); save any it left.
        if (doc.isDirty) await doc.save();
        assert.deepEqual(fs.readFileSync(file(rel)), Buffer.from(text, 'utf8'), `${rel}: the bytes on disk`);
      }
      await waitFor('the renamed tag in the tree', async () => {
        const t = await termRows(tree, 'tags');
        return t.get('docker-engine')?.count === 4 && !t.has('docker');
      });

      // One undo step restores every file.
      await vscode.window.showTextDocument(workspaceUri('content/posts/helm-upgrade-notes.md'));
      await vscode.commands.executeCommand('undo');
      for (const rel of expected.keys()) {
        const doc = await vscode.workspace.openTextDocument(workspaceUri(rel));
        assert.equal(doc.getText(), originals.get(rel)!.toString('utf8'), `${rel}: one undo restored the text`);
        const wasDirty = doc.isDirty;
        if (doc.isDirty) assert.equal(await doc.save(), true, `${rel}: saved`);
        assert.equal(fs.readFileSync(file(rel), 'utf8'), originals.get(rel)!.toString('utf8'), `${rel}: and, saved (dirty: ${wasDirty}), the original bytes`);
      }
      await waitFor('the original tag back in the tree', async () => (await termRows(tree, 'tags')).get('docker')?.count === 4);
    });

    it('merges into a tag a post already has without duplicating it', async () => {
      const result = await vscode.commands.executeCommand<TermRefactorResult>('devopsNotes.tags.mergeTerm', { taxonomy: 'tags', term: 'CI' }, 'GitHub Actions', { confirm: false });
      assert.equal(result.applied, true);
      const speedups = (await vscode.workspace.openTextDocument(workspaceUri('content/posts/ci-speedups.md'))).getText();
      assert.equal(speedups, originals.get('content/posts/ci-speedups.md')!.toString('utf8').replace('tags: [github-actions, CI]', 'tags: [github-actions]'));
      const cache = (await vscode.workspace.openTextDocument(workspaceUri('content/posts/github-actions-cache.md'))).getText();
      assert.equal(cache, originals.get('content/posts/github-actions-cache.md')!.toString('utf8').replace(`tags = ['GitHub Actions', "ci"]`, `tags = ['GitHub Actions']`));
    });

    it('removes a tag from every post, leaving valid front matter', async () => {
      const result = await vscode.commands.executeCommand<TermRefactorResult>('devopsNotes.tags.removeTerm', { taxonomy: 'tags', term: 'ops' }, { confirm: false });
      assert.equal(result.applied, true);
      assert.equal((await vscode.workspace.openTextDocument(workspaceUri(crlfPost))).getText().split('\r\n')[2], 'tags: [docker]');
    });
  });

  it('creates a new post with front matter and opens it', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('devopsNotes.tags.newPost', 'Tag tree: a new post');
    try {
      assert.equal(vscode.workspace.asRelativePath(uri), 'content/posts/tag-tree-a-new-post.md');
      const text = fs.readFileSync(uri.fsPath, 'utf8');
      assert.match(text, /^---\ntitle: "Tag tree: a new post"\ndate: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}\ndraft: true\ntags: \[\]\ncategories: \[\]\n---\n/);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(uri.fsPath, { force: true });
    }
  });

  it('finds the posts of a site whose Hugo config names another content folder, and follows a change of it', async () => {
    const config = file('custom-site/hugo.toml');
    const original = fs.readFileSync(config, 'utf8');
    assert.equal((await termRows(tree, 'tags')).get('custom-content-dir')?.count, 1, 'custom-site/articles/ is read, as its contentDir says');
    assert.deepEqual(await postTitles((await termRows(tree, 'tags')).get('custom-content-dir')!.node), ['Posts outside content/']);
    assert.equal((await termRows(tree, 'tags')).get('hugo-section-named-resources')?.count, 1, 'a section named resources/ inside that folder is read (Hugo output only beside it)');
    // A post created in a section named public/ shows up: the watcher's answer agrees with the walk's.
    const created = file('custom-site/articles/public/talk.md');
    fs.mkdirSync(file('custom-site/articles/public'), { recursive: true });
    try {
      fs.writeFileSync(created, '---\ntitle: A talk\ntags: [hugo-section-named-public]\n---\n');
      await waitFor('the post in articles/public/', async () => (await termRows(tree, 'tags')).get('hugo-section-named-public')?.count === 1);
    } finally {
      fs.rmSync(file('custom-site/articles/public'), { recursive: true, force: true });
    }
    await waitFor('the post in articles/public/ goes with its folder', async () => !(await termRows(tree, 'tags')).has('hugo-section-named-public'));
    try {
      fs.writeFileSync(config, original.replace('contentDir = "articles"', 'contentDir = "elsewhere"'));
      await waitFor('the post leaves when the content folder moves', async () => !(await termRows(tree, 'tags')).has('custom-content-dir'));
    } finally {
      fs.writeFileSync(config, original);
    }
    await waitFor('the post comes back with the content folder', async () => (await termRows(tree, 'tags')).get('custom-content-dir')?.count === 1);
  });

  it('creates a new post in the content folder the Hugo config names', async () => {
    const config = file('hugo.toml');
    const original = fs.readFileSync(config, 'utf8');
    let uri: vscode.Uri | undefined;
    try {
      fs.writeFileSync(config, `contentDir = "pages"\n${original}`);
      uri = await vscode.commands.executeCommand<vscode.Uri>('devopsNotes.tags.newPost', 'In pages');
      assert.equal(vscode.workspace.asRelativePath(uri), 'pages/posts/in-pages.md');
    } finally {
      fs.writeFileSync(config, original);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      if (uri) fs.rmSync(workspaceUri('pages').fsPath, { recursive: true, force: true });
    }
    // The tree follows the config back to content/.
    await waitFor('the posts of content/ are back', async () => (await termRows(tree, 'tags')).get('docker')?.count === 3, 20_000);
  });
});

