import assert from 'node:assert/strict';
import { imageCandidates } from '../../src/core/render/images';
import { HugoSiteLocator, postUrl } from '../../src/core/site';
import { render } from './renderHelpers';
import { memoryFiles } from './siteHelpers';

/** The post URL where the features show it: located through a file system, in the card, for images. */
describe('post URLs in the preview', () => {
  const site = {
    '/w/blog/hugo.toml': 'baseURL = "https://example.org/"\n[permalinks]\nposts = "/:year/:month/:day/:slug/"\ndocs = "/:sections/:slug/"\n',
    '/w/blog/content/posts/2023-06-21-launch/index.md': '---\ntitle: Launch\ndate: 2023-06-21\nslug: launch-day\n---\n',
    '/w/blog/content/docs/_index.md': '---\ntitle: Docs\n---\n',
    '/w/blog/content/docs/setup/_index.md': '---\ntitle: Setup\n---\n',
    '/w/blog/content/docs/setup/linux/install.md': '---\ntitle: Install It\n---\n',
  };

  it('reads the site config, the front matter and the section folders (postUrl)', async () => {
    const fs = memoryFiles(site);
    const sites = new HugoSiteLocator(fs);
    assert.equal((await postUrl(fs, sites, '/w/blog/content/posts/2023-06-21-launch/index.md'))?.permalink, 'https://example.org/2023/06/21/launch-day/');
    // `linux` has no _index: the page's section is docs/setup.
    assert.equal((await postUrl(fs, sites, '/w/blog/content/docs/setup/linux/install.md'))?.relPermalink, '/docs/setup/install-it/');
    assert.equal((await postUrl(fs, sites, '/w/blog/content/posts/2023-06-21-launch/index.md', { title: 'T', date: '2020-01-02' }))?.relPermalink, '/2020/01/02/t/', 'the editor text wins');
    assert.equal(await postUrl(fs, sites, '/w/blog/README.md'), undefined);
    assert.equal(await postUrl(fs, sites, '/elsewhere/a.md'), undefined);
    assert.equal(await postUrl(fs, sites, '/w/blog/content/posts/gone.md'), undefined, 'an unreadable file');
  });

  it('shows the URL in the card with a copy button, escaped', () => {
    const html = render('---\ntitle: T\n---\nBody\n', { page: { permalink: 'https://example.org/a/"b"/', relPermalink: '/a/"b"/' } });
    assert.match(html, /<div class="dn-card-url"><span class="dn-url-label">URL<\/span> <code class="dn-url" title="Path on the site: \/a\/&quot;b&quot;\/">https:\/\/example.org\/a\/&quot;b&quot;\/<\/code>/);
    assert.match(html, /<button type="button" class="dn-code-button" data-action="copy-url" data-url="https:\/\/example.org\/a\/&quot;b&quot;\/"/);
    assert.match(render('---\ntitle: T\n---\n', { page: { permalink: '', relPermalink: '', unpublished: true } }), /Hugo publishes no page for this post/);
    assert.doesNotMatch(render('---\ntitle: T\n---\n'), /dn-card-url/);
  });

  it('finds a bundle image named by the page URL first', () => {
    const where = { postPath: '/w/blog/content/posts/b/index.md', siteRoot: '/w/blog', page: { resourceBase: '/2023/06/21/launch-day', basePath: '', bundle: 'leaf' as const, kind: 'page' as const, lang: 'en', path: '/posts/b', relPermalink: '/2023/06/21/launch-day/', permalink: '/2023/06/21/launch-day/', unpublished: false, caveats: [] } };
    assert.deepEqual(imageCandidates('/2023/06/21/launch-day/cover.jpg', where), ['/w/blog/content/posts/b/cover.jpg', '/w/blog/static/2023/06/21/launch-day/cover.jpg', '/w/blog/content/2023/06/21/launch-day/cover.jpg']);
    assert.deepEqual(imageCandidates('/img/x.png', where), ['/w/blog/static/img/x.png', '/w/blog/content/img/x.png']);
  });
});
