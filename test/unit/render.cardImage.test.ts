import * as assert from 'node:assert/strict';
import { PostRenderer } from '../../src/core/render';
import { resolveResources } from '../../src/core/render/resources';
import { MemoryFileSystem } from '../properties/memoryFileSystem';

const SITE = '/site';

async function cardOf(fs: MemoryFileSystem, postPath: string): Promise<string> {
  const renderer = new PostRenderer();
  const text = new TextDecoder().decode(await fs.readFile(postPath));
  const prepared = renderer.prepare(text);
  const resources = await resolveResources(prepared.needs, {
    fs,
    postPath,
    siteRoot: SITE,
    staticDirs: ['static'],
    contentDirs: ['content'],
    workspaceRoot: SITE,
    allowedRoots: [SITE],
    toUrl: (file) => `res:${file}`,
    listPosts: async () => [],
  });
  const html = renderer.render(prepared, resources, { terminalAllowed: false }).html;
  return html.slice(0, html.indexOf('</header>'));
}

describe('the preview card image', () => {
  it("shows the first of the post's images (Hugo's own field), as a list or one string", async () => {
    const fs = new MemoryFileSystem();
    fs.write(`${SITE}/static/img/a.png`, 'png');
    fs.write(`${SITE}/content/posts/list.md`, '---\ntitle: T\nimages: [/img/a.png, /img/b.png]\n---\nbody\n');
    fs.write(`${SITE}/content/posts/one.md`, '---\ntitle: T\nImages: /img/a.png\n---\nbody\n');
    for (const post of ['list.md', 'one.md']) {
      assert.match(await cardOf(fs, `${SITE}/content/posts/${post}`), /<img class="dn-card-image" src="res:\/site\/static\/img\/a\.png" alt="">/, post);
    }
  });

  it("shows a page bundle's cover or feature image when the post names no images", async () => {
    const fs = new MemoryFileSystem();
    fs.write(`${SITE}/content/posts/b/index.md`, '---\ntitle: T\n---\nbody\n');
    fs.write(`${SITE}/content/posts/b/diagram.png`, 'png');
    fs.write(`${SITE}/content/posts/b/featured-image.jpg`, 'jpg');
    assert.match(await cardOf(fs, `${SITE}/content/posts/b/index.md`), /src="res:\/site\/content\/posts\/b\/featured-image\.jpg"/);
    // Not a bundle: the folder's images belong to other pages.
    fs.write(`${SITE}/content/posts/b/leaf.md`, '---\ntitle: T\n---\nbody\n');
    assert.doesNotMatch(await cardOf(fs, `${SITE}/content/posts/b/leaf.md`), /dn-card-image/);
  });

  it('shows nothing for a missing image, and no bundle image in place of a named one', async () => {
    const fs = new MemoryFileSystem();
    fs.write(`${SITE}/content/posts/c/index.md`, '---\ntitle: T\nimages: [gone.png]\n---\nbody\n');
    fs.write(`${SITE}/content/posts/c/cover.png`, 'png');
    assert.doesNotMatch(await cardOf(fs, `${SITE}/content/posts/c/index.md`), /dn-card-image/);
  });
});
