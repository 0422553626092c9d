import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { findSiteRoot, HugoSiteLocator, isSiteRoot, loadSiteDirs, parseHugoConfig, readHugoConfig, siteContentFolders, siteContentGlobs, siteDirsFrom, siteRelativeDir, type SiteDirs } from '../../src/core/site';
import { contentFoldersOf } from '../../src/cli/posts';
import { compileGlobs, DEFAULT_INCLUDE, findPostFiles } from '../../src/core/index';
import { hugoConfigTaxonomies } from '../../src/core/validate';
import { memoryFiles } from './siteHelpers';

/** The site folders a config file's text gives, as the adapters see them. */
function dirsOf(fileName: string, text: string): SiteDirs {
  return siteDirsFrom(parseHugoConfig(fileName, text));
}

const DEFAULTS: SiteDirs = { contentDirs: ['content'], staticDirs: ['static'], assetDirs: ['assets'] };

describe('Hugo site folders: reading the config', () => {
  it('reads contentDir and a string or list staticDir from TOML', () => {
    assert.deepEqual(dirsOf('hugo.toml', 'contentDir = "docs/content"\nstaticDir = "public_files"\n'), { ...DEFAULTS, contentDirs: ['docs/content'], staticDirs: ['public_files'] });
    assert.deepEqual(dirsOf('hugo.toml', 'title = "x"\nstaticDir = ["assets/static", "media"]\n[params]\nstaticDir = "not/this"\n').staticDirs, ['assets/static', 'media']);
  });

  it('reads them from YAML (with or without a leading document marker) and JSON', () => {
    assert.deepEqual(dirsOf('hugo.yaml', 'contentDir: notes\nstaticDir: files\n'), { ...DEFAULTS, contentDirs: ['notes'], staticDirs: ['files'] });
    assert.deepEqual(dirsOf('config.yml', '---\nstaticDir:\n  - one\n  - two\n').staticDirs, ['one', 'two']);
    assert.deepEqual(dirsOf('hugo.json', '{ "contentDir": "c", "staticDir": "s" }'), { ...DEFAULTS, contentDirs: ['c'], staticDirs: ['s'] });
    assert.deepEqual(dirsOf('hugo.json', '{ "staticDir": ["s1", "s2"], "assetDir": "pipes" }'), { ...DEFAULTS, staticDirs: ['s1', 's2'], assetDirs: ['pipes'] });
  });

  it('adds staticDir0 to staticDir10 after staticDir, in order', () => {
    const toml = 'staticDir10 = "ten"\nstaticDir = ["main"]\nstaticDir0 = "zero"\nstaticDir2 = ["two-a", "two-b"]\nstaticDir11 = "not-read"\n';
    assert.deepEqual(dirsOf('hugo.toml', toml).staticDirs, ['main', 'zero', 'two-a', 'two-b', 'ten']);
    // Without staticDir itself, only the numbered ones: Hugo then serves no `static/`.
    assert.deepEqual(dirsOf('hugo.yaml', 'staticDir1: extra\n').staticDirs, ['extra']);
  });

  it('takes module mounts targeting content, static or assets, replacing the plain keys as Hugo does', () => {
    const toml = [
      'contentDir = "ignored-because-mounted"',
      'staticDir = "ignored-too"',
      '[module]',
      '[[module.mounts]]',
      'source = "content"',
      'target = "content"',
      '[[module.mounts]]',
      'source = "shared/docs"',
      'target = "content"',
      '[[module.mounts]]',
      'source = "node_modules/theme/static"',
      'target = "static/"',
      '[[module.mounts]]',
      'source = "layouts"',
      'target = "layouts"',
      '',
    ].join('\n');
    assert.deepEqual(dirsOf('hugo.toml', toml), { contentDirs: ['content', 'shared/docs'], staticDirs: ['node_modules/theme/static'], assetDirs: ['assets'] });
    const yaml = 'module:\n  mounts:\n    - source: img\n      target: static\n    - source: vendor/js\n      target: assets\n';
    assert.deepEqual(dirsOf('hugo.yaml', yaml), { contentDirs: ['content'], staticDirs: ['img'], assetDirs: ['vendor/js'] });
    const json = '{ "module": { "mounts": [ { "source": "pics", "target": "static" } ] } }';
    assert.deepEqual(dirsOf('hugo.json', json).staticDirs, ['pics']);
  });

  it('leaves the plain keys in force when mounts only target a sub-folder (we map whole folders only)', () => {
    const toml = 'staticDir = "files"\n[[module.mounts]]\nsource = "dist"\ntarget = "static/js"\n';
    assert.deepEqual(dirsOf('hugo.toml', toml).staticDirs, ['files']);
  });

  it('matches keys case-insensitively, as Hugo does', () => {
    const toml = 'CONTENTDIR = "Posts"\nstaticdir = ["A"]\nStaticDir3 = "B"\n[Module]\n[[Module.Mounts]]\nSource = "C"\nTarget = "assets"\n';
    // Folder names keep their case: only the keys are case-insensitive.
    assert.deepEqual(dirsOf('hugo.toml', toml), { contentDirs: ['Posts'], staticDirs: ['A', 'B'], assetDirs: ['C'] });
    assert.deepEqual(dirsOf('hugo.yaml', 'ContentDir: x\nSTATICDIR: [y]\n'), { ...DEFAULTS, contentDirs: ['x'], staticDirs: ['y'] });
  });

  it('adds a language’s own contentDir and staticDir to the site’s', () => {
    const toml = '[languages.en]\ncontentDir = "content/en"\n[languages.de]\ncontentDir = "content/de"\nstaticDir = "static_de"\n';
    assert.deepEqual(dirsOf('hugo.toml', toml), { contentDirs: ['content', 'content/en', 'content/de'], staticDirs: ['static', 'static_de'], assetDirs: ['assets'] });
  });

  it('falls back to the defaults for a broken config or values of the wrong type, without throwing', () => {
    for (const [name, text] of [
      ['hugo.toml', 'contentDir = \nstaticDir = "x"\n'],
      ['hugo.toml', 'staticDir = ["a", "b"\n'],
      ['hugo.yaml', 'staticDir: [a\ncontentDir: : :\n'],
      ['hugo.json', '{ "staticDir": "a", '],
      ['hugo.json', '[1, 2, 3]'],
      ['hugo.toml', ''],
      ['hugo.toml', 'contentDir = 3\nstaticDir = [1, true, {a = 1}]\nassetDir = []\n[module]\nmounts = "static"\n'],
      ['hugo.yaml', 'module:\n  mounts:\n    - source: 7\n      target: static\n    - target: content\n    - just a string\n'],
    ]) {
      assert.deepEqual(dirsOf(name, text), DEFAULTS, `${name}: ${JSON.stringify(text)}`);
    }
    assert.equal(parseHugoConfig('hugo.toml', 'a = \n'), undefined);
    assert.deepEqual(siteDirsFrom(undefined), DEFAULTS);
  });

  it('refuses absolute folders and folders leading out of the site root', () => {
    for (const bad of ['/etc', '../outside', 'a/../../b', '..', 'C:\\Windows', 'c:/x', '\\\\server\\share', '', '   ', 'x\0y', 42, null]) {
      assert.equal(siteRelativeDir(bad), undefined, JSON.stringify(bad));
    }
    assert.equal(siteRelativeDir('ok/../fine/'), 'fine');
    assert.equal(siteRelativeDir('./assets\\static'), 'assets/static');
    assert.equal(siteRelativeDir('.'), '.');
    const toml = 'contentDir = "/etc"\nstaticDir = ["../../home", "/var/www", "good", "x/../../y"]\n[[module.mounts]]\nsource = "/"\ntarget = "assets"\n[[module.mounts]]\nsource = "safe"\ntarget = "../static"\n';
    assert.deepEqual(dirsOf('hugo.toml', toml), { ...DEFAULTS, staticDirs: ['good'] });
  });

  it('keeps taxonomies readable through the same parser', () => {
    assert.deepEqual(hugoConfigTaxonomies('hugo.toml', '[Taxonomies]\ntag = "Tags"\nseries = "series"\n'), ['tags', 'series']);
    assert.equal(hugoConfigTaxonomies('hugo.yaml', 'taxonomies: [\n'), undefined);
  });

  it('builds a list from [[a.b]] tables at any depth (TOML arrays of tables)', () => {
    const parsed = parseFrontMatter('+++\n[[params.links]]\nname = "a"\n[[params.links]]\nname = "b"\n[params]\nx = 1\n+++\n');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.data.params, { links: [{ name: 'a' }, { name: 'b' }], x: 1 });
  });
});

describe('Hugo site folders: finding the config and the site', () => {
  it('uses the root config file first, in Hugo’s order', async () => {
    const fs = memoryFiles({
      '/s/config.toml': 'staticDir = "from-config-toml"\n',
      '/s/hugo.yaml': 'staticDir: from-hugo-yaml\n',
      '/s/config/_default/hugo.toml': 'staticDir = "from-config-dir"\n',
    });
    assert.deepEqual((await loadSiteDirs(fs, '/s')).staticDirs, ['from-hugo-yaml']);
    assert.equal((await readHugoConfig(fs, '/s'))?.path, '/s/hugo.yaml');
  });

  it('reads config/_default/ (hugo.* or config.*, with module.* as [module]) when there is no root config', async () => {
    const fs = memoryFiles({
      '/s/config/_default/hugo.toml': 'contentDir = "pages"\n',
      '/s/config/_default/params.toml': 'staticDir = "not-a-root-key-here"\n',
      '/s/config/_default/module.toml': '[[mounts]]\nsource = "img"\ntarget = "static"\n[[mounts]]\nsource = "more-img"\ntarget = "static"\n',
      '/s/pages/posts/a.md': '---\ntitle: A\n---\n',
    });
    assert.deepEqual(await loadSiteDirs(fs, '/s'), { contentDirs: ['pages'], staticDirs: ['img', 'more-img'], assetDirs: ['assets'] });
    const yamlOnly = memoryFiles({
      '/t/config/_default/config.yaml': 'staticDir: [a, b]\n',
    });
    assert.deepEqual((await loadSiteDirs(yamlOnly, '/t')).staticDirs, ['a', 'b']);
    assert.deepEqual(await loadSiteDirs(memoryFiles({}), '/none'), DEFAULTS);
  });

  it('counts a folder with config/_default/ as a site root, so a post under a custom contentDir finds it', async () => {
    const fs = memoryFiles({
      '/w/site/config/_default/hugo.yaml': 'contentDir: pages\n',
      '/w/site/pages/posts/a.md': '---\ntitle: A\n---\n',
      '/w/other/config/notes.txt': 'a config folder without Hugo in it',
    });
    assert.equal(await isSiteRoot(fs, '/w/site'), true);
    assert.equal(await isSiteRoot(fs, '/w/other'), false);
    assert.equal(await findSiteRoot(fs, '/w/site/pages/posts'), '/w/site');
  });

  it('keeps each site’s folders until cleared, never rejecting on unreadable files', async () => {
    const fs = memoryFiles({
      '/w/site/hugo.toml': 'staticDir = "one"\n',
      '/w/site/posts/a.md': '---\ntitle: A\n---\n',
    });
    const sites = new HugoSiteLocator(fs);
    const found = await sites.siteOf('/w/site/posts/a.md');
    assert.deepEqual({ root: found?.root, dirs: found?.dirs }, { root: '/w/site', dirs: { ...DEFAULTS, staticDirs: ['one'] } });
    assert.equal(found?.urls.baseURL, '/', 'the same config read gives the URL settings');
    fs.write('/w/site/hugo.toml', 'staticDir = "two"\n');
    assert.deepEqual((await sites.siteOf('/w/site/posts/a.md'))?.dirs.staticDirs, ['one'], 'cached');
    sites.clear();
    assert.deepEqual((await sites.siteOf('/w/site/posts/a.md'))?.dirs.staticDirs, ['two']);
    fs.failures.set('/w/site/hugo.toml', 'EACCES');
    sites.clear();
    assert.deepEqual((await sites.siteOf('/w/site/posts/a.md'))?.dirs, DEFAULTS);
    assert.equal(await sites.siteOf('/elsewhere/a.md'), undefined);
  });

  it('gives globs for the content folders a workspace folder’s Hugo sites name, at its top and one level down', async () => {
    const fs = memoryFiles({
      '/w/hugo.toml': 'contentDir = "articles"\n[languages.de]\ncontentDir = "artikel"\n',
      '/w/articles/a.md': '---\ntitle: A\n---\n',
      '/w/docs-site/config/_default/hugo.yaml': 'contentDir: pages\n',
      '/w/docs-site/module.toml': '',
      '/w/mounted/hugo.toml': '[[module.mounts]]\nsource = "src/posts"\ntarget = "content"\n',
      '/w/plain/content/b.md': '---\ntitle: B\n---\n',
      '/w/dot/hugo.toml': 'contentDir = "."\n',
      '/w/odd/hugo.toml': 'contentDir = "weird[1]"\n',
      '/w/node_modules/pkg/hugo.toml': 'contentDir = "nope"\n',
      '/w/deep/er/hugo.toml': 'contentDir = "too-deep"\n',
    });
    assert.deepEqual(await siteContentGlobs(fs, '/w'), [
      'articles/**/*.{md,markdown}',
      'artikel/**/*.{md,markdown}',
      'docs-site/pages/**/*.{md,markdown}',
      'mounted/src/posts/**/*.{md,markdown}',
    ]);
    assert.deepEqual(await siteContentFolders(fs, '/w'), ['articles', 'artikel', 'docs-site/pages', 'mounted/src/posts'], 'the folders those globs stand for');
    assert.deepEqual(await siteContentGlobs(memoryFiles({ '/x/content/a.md': '' }), '/x'), [], 'no Hugo config: the default globs cover content/');
    assert.deepEqual(await siteContentGlobs(memoryFiles({}), '/missing'), []);
    // With the default globs, the walk now finds the posts of the custom content folders.
    const found = await findPostFiles(fs, '/w', { include: [...DEFAULT_INCLUDE, ...(await siteContentGlobs(fs, '/w'))] });
    assert.deepEqual(found.sort(), ['/w/articles/a.md', '/w/plain/content/b.md']);
    assert.ok(compileGlobs(await siteContentGlobs(fs, '/w')).matches('docs-site/pages/2024/post.md'));
  });

  it('reads a site root’s content folders for the CLI: the config’s that exist, else content/, else the folder', async () => {
    const fs = memoryFiles({
      '/s/hugo.toml': 'contentDir = "articles"\n',
      '/s/articles/a.md': '',
      '/s/content/ignored.md': '',
      '/m/hugo.toml': '[[module.mounts]]\nsource = "one"\ntarget = "content"\n[[module.mounts]]\nsource = "two"\ntarget = "content"\n[[module.mounts]]\nsource = "gone"\ntarget = "content"\n',
      '/m/one/a.md': '',
      '/m/two/b.md': '',
      '/n/hugo.toml': 'contentDir = "missing"\n',
      '/n/content/a.md': '',
      '/plain/content/a.md': '',
      '/notes/a.md': '',
    });
    assert.deepEqual(await contentFoldersOf(fs, '/s'), ['/s/articles']);
    assert.deepEqual(await contentFoldersOf(fs, '/m'), ['/m/one', '/m/two']);
    assert.deepEqual(await contentFoldersOf(fs, '/n'), ['/n/content'], 'a named folder that does not exist falls back');
    assert.deepEqual(await contentFoldersOf(fs, '/plain'), ['/plain/content']);
    assert.deepEqual(await contentFoldersOf(fs, '/notes'), ['/notes']);
  });
});
