import * as vscode from 'vscode';
import type { TagsApi } from '../../src/tags';
import type { TagNode } from '../../src/tags/tagTree';
import * as assert from './util/assert';
import { activateDevOpsNotes } from './util/workspace';

function labelOf(item: vscode.TreeItem): string {
  const l = item.label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

describe('web: Posts by Tag on the demo site', () => {
  let tree: TagsApi['tree'];

  before(async () => {
    const { api } = await activateDevOpsNotes();
    tree = api.tags.tree;
    // The index reads every post through vscode.workspace.fs, in time slices on this thread.
    await api.posts.ready();
    assert.equal(api.posts.posts().length, 18, 'the 18 posts of demo/content/posts');
  });

  /** term key → label, post count, tooltip and node of one taxonomy, read through the real provider. */
  async function terms(taxonomy: string): Promise<Map<string, { label: string; count: number; tooltip: string; node: TagNode }>> {
    const root = (await tree.getChildren()).find((n) => n.kind === 'taxonomy' && n.taxonomy === taxonomy);
    assert.ok(root, `a ${taxonomy} root`);
    const out = new Map<string, { label: string; count: number; tooltip: string; node: TagNode }>();
    for (const node of await tree.getChildren(root)) {
      if (node.kind !== 'term') continue;
      const item = tree.getTreeItem(node);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
      out.set(node.key, { label: labelOf(item), count: Number(item.description), tooltip, node });
    }
    return out;
  }

  it('shows the taxonomies, terms merged the way Hugo merges them, and their posts', async () => {
    const roots = await tree.getChildren();
    assert.deepEqual(roots.filter((n) => n.kind === 'taxonomy').map((n) => labelOf(tree.getTreeItem(n))), ['Tags', 'Categories']);

    const tags = await terms('tags');
    const docker = tags.get('docker');
    assert.ok(docker, 'a docker tag');
    assert.equal(docker.count, 11, 'docker and Docker are one term');
    assert.equal(docker.label, 'docker', 'labelled with the spelling most posts use');
    assert.match(docker.tooltip, /`docker` ×11, `Docker` ×1/);
    assert.equal(tags.get('kubernetes')?.count, 4, 'kubernetes ×3 and Kubernetes ×1');
    // One string, not a list: Hugo keeps it as one term (/tags/docker-buildkit/).
    assert.deepEqual([tags.get('docker,-buildkit')?.label, tags.get('docker,-buildkit')?.count], ['docker, buildkit', 1]);

    const posts = await tree.getChildren(docker.node);
    assert.equal(posts.length, 11);
    const titles = posts.map((n) => labelOf(tree.getTreeItem(n)));
    assert.ok(titles.includes('Rootless Docker on our build hosts (work in progress)'), `post titles: ${titles.join(' | ')}`);

    const categories = await terms('categories');
    assert.deepEqual([...categories.values()].map((t) => [t.label, t.count]).sort(), [['Conferences', 1], ['How-to', 13], ['Meetups', 2], ['War stories', 2]]);
  });
});
