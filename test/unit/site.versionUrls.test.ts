import assert from 'node:assert/strict';
import { HugoSiteLocator, postUrl, siteHugoVersion } from '../../src/core/site';
import { loadSiteConfig, resolveValidationConfig, validateDocument } from '../../src/core/validate';
import { memoryFiles } from './siteHelpers';

/**
 * Page URLs follow the Hugo version the site is judged by (its build files, the setting,
 * `.devops-notes.json`), wherever they are shown: the preview card and the tag tree's hover
 * (through HugoSiteLocator and postUrl) and the validator's bundle-file lookups (the config).
 * `[permalinks.page]` tables exist from Hugo 0.115 (resources/page/permalinks.go
 * DecodePermalinksConfig); Hugo 0.111.3 leaves a page of such a site at its section's URL.
 */
describe('page URLs follow the site\'s Hugo version', () => {
  const POST = '/w/site/content/posts/launch/index.md';
  const files = (pins: Record<string, string>) =>
    memoryFiles({
      '/w/site/hugo.toml': 'baseURL = "https://example.org/"\n[permalinks.page]\nposts = "/p/:slug/"\n',
      [POST]: '---\ntitle: Launch\nslug: launch-day\ncover: /p/launch-day/cover.jpg\n---\n',
      '/w/site/content/posts/launch/cover.jpg': 'jpg',
      ...pins,
    });
  const OLD = { '/w/site/netlify.toml': '[build.environment]\nHUGO_VERSION = "0.111.3"\n' };

  it('the locator judges by the version the site pins; postUrl differs between two versions', async () => {
    const newer = files({});
    const older = files(OLD);
    const a = await new HugoSiteLocator(newer).siteOf(POST);
    const b = await new HugoSiteLocator(older).siteOf(POST);
    assert.equal(a?.hugo.source, 'default: the newest Hugo');
    assert.deepEqual([b?.hugo.version, b?.hugo.source], ['0.111.3', 'netlify.toml (HUGO_VERSION)']);
    assert.equal((await postUrl(newer, new HugoSiteLocator(newer), POST))?.permalink, 'https://example.org/p/launch-day/');
    assert.equal((await postUrl(older, new HugoSiteLocator(older), POST))?.permalink, 'https://example.org/posts/launch-day/');
  });

  it('the setting wins over the pin, .devops-notes.json over both (the validator\'s order)', async () => {
    const fs = files(OLD);
    const setting = (version: string) => () => ({ hugoVersion: { version, source: 'setting devopsNotes.hugo.version' } });
    const withSetting = new HugoSiteLocator(fs, setting('0.120.0'));
    assert.equal((await withSetting.siteOf(POST))?.hugo.source, 'setting devopsNotes.hugo.version');
    assert.equal((await postUrl(fs, withSetting, POST))?.relPermalink, '/p/launch-day/');
    fs.write('/w/site/.devops-notes.json', '{ "hugo": { "version": "0.114.0" } }');
    const withFile = new HugoSiteLocator(fs, setting('0.120.0'));
    assert.deepEqual(await siteHugoVersion(fs, '/w/site', undefined, setting('0.120.0')()), { version: '0.114.0', source: '.devops-notes.json (hugo.version)' });
    assert.equal((await postUrl(fs, withFile, POST))?.relPermalink, '/posts/launch-day/');
    // A settings reader that throws leaves the site's own answer.
    const broken = new HugoSiteLocator(fs, () => {
      throw new Error('no settings');
    });
    assert.equal((await broken.siteOf(POST))?.hugo.version, '0.114.0');
  });

  it('the validator looks for a bundle file under the URL of the resolved version', async () => {
    const check = async (fs: ReturnType<typeof files>, settings?: Parameters<typeof resolveValidationConfig>[0]) => {
      const site = await loadSiteConfig(fs, '/w/site');
      const config = resolveValidationConfig(site.hugo, settings, site.project);
      const text = new TextDecoder().decode(await fs.readFile(POST));
      const found = await validateDocument(text, { config, filePath: POST, siteRoot: '/w/site', fileExists: (p) => fs.files.has(p) });
      return { version: config.hugo.version, urlsVersion: config.siteUrls?.hugoVersion, missing: found.filter((d) => d.code === 'fm/missing-file').length };
    };
    assert.deepEqual(await check(files({})), { version: '0.165.0', urlsVersion: 165000, missing: 0 });
    // Hugo 0.111.3 publishes the bundle at /posts/launch-day/: /p/launch-day/cover.jpg is not there.
    assert.deepEqual(await check(files(OLD)), { version: '0.111.3', urlsVersion: 111003, missing: 1 });
    assert.deepEqual(await check(files(OLD), { hugoVersion: { version: '0.115.0', source: 'setting' } }), { version: '0.115.0', urlsVersion: 115000, missing: 0 });
  });
});
