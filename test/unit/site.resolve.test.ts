import * as assert from 'node:assert/strict';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runRender } from '../../src/cli/render';
import { imageCandidates } from '../../src/core/render/images';
import { resolveResources } from '../../src/core/render/resources';
import { HugoSiteLocator } from '../../src/core/site';
import { loadSiteConfig, resolveValidationConfig, validateDocument, type ConfigLayer } from '../../src/core/validate';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import type { MemoryFileSystem } from '../properties/memoryFileSystem';
import { memoryFiles } from './siteHelpers';

describe('Hugo site folders: where images, links and files are looked up', () => {
  it('orders image candidates by the site’s folders: bundle or each static folder, then the content folder, then the workspace', () => {
    const where = { postPath: '/w/site/docs/posts/a/index.md', siteRoot: '/w/site', staticDirs: ['assets/static', 'media'], contentDirs: ['docs', 'shared'], workspaceRoot: '/w' };
    assert.deepEqual(imageCandidates('/img/x.png', where), [
      '/w/site/assets/static/img/x.png',
      '/w/site/media/img/x.png',
      '/w/site/docs/img/x.png',
      '/w/site/shared/img/x.png',
      '/w/img/x.png',
    ]);
    assert.deepEqual(imageCandidates('pic.png', where), ['/w/site/docs/posts/a/pic.png', '/w/site/assets/static/pic.png', '/w/site/media/pic.png', '/w/pic.png']);
    // A site whose static folder is its root: the same file twice is asked for once.
    assert.deepEqual(imageCandidates('/a.png', { postPath: '/s/c/p.md', siteRoot: '/s', staticDirs: ['.'], contentDirs: ['.'] }), ['/s/a.png']);
  });

  it('resolves images and refs through a site with custom folders, found by its Hugo config', async () => {
    const fs = memoryFiles({
      '/w/site/hugo.yaml': 'contentDir: docs\nstaticDir: [assets/static, media]\n',
      '/w/site/docs/posts/a.md': '---\ntitle: A\n---\n',
      '/w/site/docs/guides/setup.md': '---\ntitle: "Set up"\n---\n',
      '/w/site/media/img/second.png': 'png',
      '/w/site/assets/static/img/both.png': 'png',
      '/w/site/media/img/both.png': 'png',
      '/w/site/docs/posts/bundle-pic.png': 'png',
      '/w/site/static/img/plain.png': 'png',
    });
    const site = await new HugoSiteLocator(fs).siteOf('/w/site/docs/posts/a.md');
    assert.ok(site);
    const resolved = await resolveResources(
      { images: ['/img/second.png', '/img/both.png', '/posts/bundle-pic.png', '/img/plain.png'], refs: ['/guides/setup', 'setup.md'] },
      {
        fs,
        postPath: '/w/site/docs/posts/a.md',
        siteRoot: site.root,
        staticDirs: site.dirs.staticDirs,
        contentDirs: site.dirs.contentDirs,
        allowedRoots: ['/w/site'],
        toUrl: (p) => `URL(${p})`,
        listPosts: async () => ['/w/site/docs/posts/a.md', '/w/site/docs/guides/setup.md'],
      },
    );
    assert.deepEqual(Object.fromEntries(resolved.images), {
      '/img/second.png': { kind: 'found', url: 'URL(/w/site/media/img/second.png)' },
      '/img/both.png': { kind: 'found', url: 'URL(/w/site/assets/static/img/both.png)' },
      '/posts/bundle-pic.png': { kind: 'found', url: 'URL(/w/site/docs/posts/bundle-pic.png)' },
      // `static/` is not one of this site's folders: Hugo would not serve it either.
      '/img/plain.png': { kind: 'missing', path: '/img/plain.png' },
    });
    assert.equal(resolved.refs.get('/guides/setup')?.href, '../guides/setup.md');
    assert.equal(resolved.refs.get('/guides/setup')?.title, 'Set up');
    assert.equal(resolved.refs.get('setup.md')?.found, true);
  });

  it('does not load from a folder the config points outside the site', async () => {
    const fs = memoryFiles({
      '/w/site/hugo.toml': 'staticDir = ["../../secrets", "/etc"]\n',
      '/w/site/content/a.md': '---\ntitle: A\n---\n',
      '/secrets/key.png': 'png',
      '/etc/key.png': 'png',
    });
    const site = await new HugoSiteLocator(fs).siteOf('/w/site/content/a.md');
    assert.deepEqual(site?.dirs.staticDirs, ['static']);
    const resolved = await resolveResources(
      { images: ['/key.png'], refs: [] },
      { fs, postPath: '/w/site/content/a.md', siteRoot: site!.root, staticDirs: site!.dirs.staticDirs, allowedRoots: ['/'], toUrl: (p) => p, listPosts: async () => [] },
    );
    assert.deepEqual(resolved.images.get('/key.png'), { kind: 'missing', path: '/key.png' });
  });
});

describe('Hugo site folders: fm/missing-file', () => {
  const post = (images: string) => `---\ntitle: T\ndate: 2024-03-14\nimages: ${images}\n---\n`;

  async function missingIn(fs: MemoryFileSystem, text: string, settings?: ConfigLayer): Promise<string[]> {
    const site = await loadSiteConfig(fs, '/site');
    const config = resolveValidationConfig(site.hugo, settings, site.project);
    const found = await validateDocument(text, { config, filePath: '/site/docs/posts/p/index.md', siteRoot: '/site', fileExists: async (p) => (await fs.stat(p))?.isFile === true });
    return found.filter((d) => d.code === 'fm/missing-file').map((d) => d.message);
  }

  function site(config: string): MemoryFileSystem {
    return memoryFiles({
      '/site/hugo.toml': config,
      '/site/assets/static/img/here.png': 'png',
      '/site/assets/logo.png': 'png',
      '/site/static/img/old.png': 'png',
      '/site/docs/posts/p/index.md': '',
      '/site/docs/posts/p/local.png': 'png',
    });
  }

  it('finds an image in a static folder the Hugo config names, and reports one that is nowhere', async () => {
    const fs = site('contentDir = "docs"\nstaticDir = ["assets/static"]\n');
    assert.deepEqual(await missingIn(fs, post('["/img/here.png", "local.png", "/logo.png", "/posts/p/local.png"]')), []);
    assert.deepEqual(await missingIn(fs, post('["/img/gone.png"]')), [
      'images: "/img/gone.png" not found (looked for assets/static/img/gone.png, assets/img/gone.png, docs/img/gone.png)',
    ]);
    // `static/` is not served by this site, so an image only there is missing.
    assert.equal((await missingIn(fs, post('["/img/old.png"]'))).length, 1);
  });

  it('lets staticDirs from the settings or .devops-notes.json win over the Hugo config', async () => {
    const fs = site('staticDir = ["assets/static"]\n');
    assert.equal((await missingIn(fs, post('["/img/old.png"]'), { staticDirs: ['static'] })).length, 0, 'setting');
    fs.write('/site/.devops-notes.json', '{ "frontMatter": { "staticDirs": ["static"] } }');
    assert.equal((await missingIn(fs, post('["/img/old.png"]'))).length, 0, '.devops-notes.json');
    assert.equal((await missingIn(fs, post('["/img/here.png"]'))).length, 1, 'the Hugo folder is no longer searched');
  });

  it('keeps static/ and assets/ when the Hugo config names no folders', async () => {
    const fs = site('title = "plain"\n');
    assert.deepEqual(await missingIn(fs, post('["/img/old.png", "/logo.png"]')), []);
  });
});

describe('devops-notes render: a site with its own static folder', () => {
  let site: string;

  before(() => {
    site = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'dn-site-dirs-'));
    const write = (rel: string, text: string) => {
      nodeFs.mkdirSync(path.dirname(path.join(site, rel)), { recursive: true });
      nodeFs.writeFileSync(path.join(site, rel), text);
    };
    write('hugo.toml', 'title = "Custom folders"\ncontentDir = "docs"\nstaticDir = ["assets/static"]\n');
    write('assets/static/img/x.png', 'png');
    write('static/img/y.png', 'png');
    write('docs/posts/a.md', '---\ntitle: "A"\n---\n![x](/img/x.png) ![y](/img/y.png)\n\nSee {{< ref "/guides/b" >}}.\n');
    write('docs/guides/b.md', '---\ntitle: "Guide B"\n---\n');
  });

  after(() => nodeFs.rmSync(site, { recursive: true, force: true }));

  it('finds images in the configured static folder and refs in the configured content folder', async () => {
    let out = '';
    let err = '';
    const code = await runRender([path.join(site, 'docs', 'posts', 'a.md'), '--no-highlight'], nodeFileSystem, (s) => (out += s), (s) => (err += s));
    assert.equal(code, 0, err);
    assert.match(out, /<img src="\.\.\/\.\.\/assets\/static\/img\/x\.png" alt="x"/);
    assert.match(out, /Missing image: \/img\/y\.png/);
    assert.match(out, /<a class="dn-ref" href="\.\.\/guides\/b\.md"[^>]*>Guide B<\/a>/);
  });
});
