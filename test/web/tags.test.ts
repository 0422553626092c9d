import type { TagsApi } from '../../src/tags';
import * as assert from './util/assert';
import { activateDevOpsNotes } from './util/workspace';
import { termRows, treeItemLabel } from '../integration/util/documents';

describe('web: Posts by Tag on the demo site', () => {
  let tree: TagsApi['tree'];

  before(async () => {
    const { api } = await activateDevOpsNotes();
    tree = api.tags.tree;
    // The index reads every post through vscode.workspace.fs, in time slices on this thread.
    await api.posts.ready();
    assert.equal(api.posts.posts().length, 18, 'the 18 posts of demo/content/posts');
  });

  it('shows the taxonomies, terms merged the way Hugo merges them, and their posts', async () => {
    const roots = await tree.getChildren();
    assert.deepEqual(roots.filter((n) => n.kind === 'taxonomy').map((n) => treeItemLabel(tree.getTreeItem(n))), ['Tags', 'Categories']);

    const tags = await termRows(tree, 'tags');
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
    const titles = posts.map((n) => treeItemLabel(tree.getTreeItem(n)));
    assert.ok(titles.includes('Rootless Docker on our build hosts (work in progress)'), `post titles: ${titles.join(' | ')}`);

    const categories = await termRows(tree, 'categories');
    assert.deepEqual([...categories.values()].map((t) => [t.label, t.count]).sort(), [['Conferences', 1], ['How-to', 13], ['Meetups', 2], ['War stories', 2]]);
  });
});
