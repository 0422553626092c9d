import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PostIndexService, TagsApi } from '../../src/tags';
import type { TagNode } from '../../src/tags/tagTree';
import { waitFor } from './util/wait';
import { EXTENSION_ID, workspaceRoot } from './util/workspace';

interface Api {
  posts: PostIndexService;
  tags: TagsApi;
}

/**
 * The post URL in the tag tree's tooltip follows the site's Hugo version: `[permalinks.page]`
 * tables exist from Hugo 0.115, so with `devopsNotes.hugo.version` at 0.111.3 the page falls
 * back to its section's URL. The site is made in this run's temporary workspace and removed.
 */
describe('post URLs follow the Hugo version setting', function () {
  this.timeout(120_000);
  const SITE = 'version-url-site';
  let api: Api;
  let dir: string;

  before(async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    dir = path.join(workspaceRoot(), SITE);
    fs.mkdirSync(path.join(dir, 'content', 'posts'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'hugo.toml'), 'baseURL = "https://example.org/"\n[permalinks.page]\nposts = "/p/:slug/"\n');
    fs.writeFileSync(path.join(dir, 'content', 'posts', 'probe.md'), '---\ntitle: Probe\nslug: version-probe\ntags: [hugo-version-url-probe]\n---\n');
    await api.posts.ready();
    await waitFor('the probe post in the index', () => api.posts.index.term('tags', 'hugo-version-url-probe')?.postCount === 1, 30_000);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('devopsNotes.hugo').update('version', undefined, vscode.ConfigurationTarget.Global);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (api) await waitFor('the probe post gone', () => !api.posts.index.term('tags', 'hugo-version-url-probe'), 30_000);
  });

  /** The tooltip of the probe post under its term, resolved as VS Code resolves it on hover. */
  async function tooltip(): Promise<string> {
    const tree = api.tags.tree;
    const root = (await tree.getChildren()).find((n) => n.kind === 'taxonomy' && n.taxonomy === 'tags');
    assert.ok(root);
    const term = (await tree.getChildren(root)).find((n): n is Extract<TagNode, { kind: 'term' }> => n.kind === 'term' && n.key === 'hugo-version-url-probe');
    assert.ok(term, 'the probe term');
    const [post] = await tree.getChildren(term);
    const item = await tree.resolveTreeItem(tree.getTreeItem(post), post);
    // Markdown escapes: read the text as shown.
    return (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip)).replace(/\\(.)/g, '$1');
  }

  it('shows the URL of the newest Hugo, then of the version set', async () => {
    assert.match(await tooltip(), /https:\/\/example\.org\/p\/version-probe\//);
    await vscode.workspace.getConfiguration('devopsNotes.hugo').update('version', '0.111.3', vscode.ConfigurationTarget.Global);
    await waitFor('the URL of Hugo 0.111.3 (no kind tables)', async () => /https:\/\/example\.org\/posts\/version-probe\//.test(await tooltip()), 30_000);
  });
});
