import assert from 'node:assert/strict';
import { goLower, pageUrl, siteUrlConfig, unknownTokens, versionNumber, type PageUrlInput } from '../../src/core/site/permalinks';

/**
 * Page URLs on hand-made configs, one Hugo rule per test, each naming where Hugo has it. The
 * behaviour of Hugo 0.111.3 is also checked against the real binary (site.permalinks.hugo.test.ts).
 */
function url(config: Record<string, unknown>, file: string, frontMatter: Record<string, unknown> = {}, extra: Partial<PageUrlInput> & { hugoVersion?: string } = {}): string | undefined {
  const { hugoVersion, ...input } = extra;
  return pageUrl(siteUrlConfig(config, { hugoVersion }), { file, frontMatter, ...input })?.relPermalink;
}

describe('page URLs (Hugo rules, hand-made configs)', () => {
  describe('without permalinks (resources/page/page_paths.go CreateTargetPaths)', () => {
    it('places pages, leaf bundles, sections and the home page', () => {
      assert.equal(url({}, 'content/posts/My Post.md'), '/posts/my-post/');
      assert.equal(url({}, 'content/posts/bundle/index.md'), '/posts/bundle/');
      assert.equal(url({}, 'content/posts/_index.md'), '/posts/');
      assert.equal(url({}, 'content/docs/a/b/_index.md'), '/docs/a/b/');
      assert.equal(url({}, 'content/_index.md'), '/');
      assert.equal(url({}, 'content/top.md'), '/top/');
      assert.equal(url({}, 'static/x.md'), undefined, 'not in a content folder');
      assert.equal(url({}, 'content/posts/image.png'), undefined, 'not a content file');
    });
    it('names taxonomy and term pages by the site taxonomies', () => {
      const config = { taxonomies: { topic: 'topics' } };
      assert.equal(pageUrl(siteUrlConfig(config), { file: 'content/topics/_index.md', frontMatter: {} })?.kind, 'taxonomy');
      assert.equal(pageUrl(siteUrlConfig(config), { file: 'content/topics/k8s/_index.md', frontMatter: {} })?.kind, 'term');
      assert.equal(pageUrl(siteUrlConfig(config), { file: 'content/tags/_index.md', frontMatter: {} })?.kind, 'section');
    });
    it('uses slug for the last part and url as written (pagePathBuilder, "preserve its value without sanitization")', () => {
      assert.equal(url({}, 'content/posts/a.md', { slug: 'Other Name' }), '/posts/other-name/');
      assert.equal(url({}, 'content/posts/a.md', { url: '/Custom/Path/' }), '/Custom/Path/');
      assert.equal(url({}, 'content/posts/a.md', { url: '/custom/page.html' }), '/custom/page.html');
      assert.equal(url({}, 'content/posts/a.md', { url: '/no-slash' }), '/no-slash/');
      assert.equal(url({}, 'content/posts/a.md', { URL: '/upper/' }), '/upper/', 'keys are case-insensitive');
    });
    it('a slug of "index" publishes at the folder (baseNameSameAsType)', () => {
      assert.equal(url({}, 'content/posts/a.md', { slug: 'index' }), '/posts/');
    });
    it('sanitizes like helpers/path.go UnicodeSanitize and lowercases as Go does', () => {
      assert.equal(url({}, 'content/posts/Ünïcode & Co!.md'), '/posts/%C3%BCn%C3%AFcode-co/');
      assert.equal(url({}, 'content/İstanbul/ΟΔΟΣ.md'), '/istanbul/%CE%BF%CE%B4%CE%BF%CF%83/');
      assert.equal(goLower('ΟΔΟΣ'), 'οδοσ');
      assert.equal(url({ disablePathToLower: true }, 'content/Posts/My File.md'), '/Posts/My-File/');
      assert.equal(url({ removePathAccents: true }, 'content/posts/café.md'), '/posts/cafe/');
    });
    it('escapes # in names (page_paths.go: "# is a fragment identifier")', () => {
      assert.equal(url({}, 'content/posts/c#.md'), '/posts/c%23/');
    });
    it('uglyURLs for all sections or per section (hugolib/site.go uglyURLs)', () => {
      assert.equal(url({ uglyURLs: true }, 'content/posts/a.md'), '/posts/a.html');
      assert.equal(url({ uglyURLs: { posts: true } }, 'content/posts/a.md'), '/posts/a.html');
      assert.equal(url({ uglyURLs: { posts: true } }, 'content/docs/a.md'), '/docs/a/');
      assert.equal(url({ uglyURLs: true }, 'content/_index.md', {}, { hugoVersion: '0.147.0' }), '/');
      assert.equal(url({ uglyURLs: true }, 'content/_index.md'), '/index.html', 'indexIsUglyKind (0.148)');
    });
    it('ugly section pages: `/s.html` before Hugo 0.148, `/s/index.html` since (commit "Fix some uglyURLs issues")', () => {
      assert.equal(url({ uglyURLs: true }, 'content/notes/_index.md', {}, { hugoVersion: '0.147.0' }), '/notes.html');
      assert.equal(url({ uglyURLs: true }, 'content/notes/_index.md', {}, { hugoVersion: '0.148.0' }), '/notes/index.html');
      assert.equal(url({ uglyURLs: true }, 'content/tags/go/_index.md', {}, { hugoVersion: '0.148.0' }), '/tags/go.html', 'terms stay ugly files');
    });
    it('url on a section is lowercased before Hugo 0.136.1, kept since ("Never sanitize when url set in front matter")', () => {
      assert.equal(url({}, 'content/s/_index.md', { url: '/Elsewhere/' }, { hugoVersion: '0.136.0' }), '/elsewhere/');
      assert.equal(url({}, 'content/s/_index.md', { url: '/Elsewhere/' }, { hugoVersion: '0.136.1' }), '/Elsewhere/');
    });
    it('headless and build.render never publish no page (page__paths.go noLink)', () => {
      assert.equal(url({}, 'content/snippets/index.md', { headless: true }), '');
      assert.equal(url({}, 'content/posts/a.md', { build: { render: 'never' } }), '');
      assert.equal(url({}, 'content/posts/a.md', { _build: { render: 'never' } }), '');
    });
  });

  describe('baseURL and canonifyURLs (helpers PrependBasePath, PermalinkForBaseURL)', () => {
    it('puts the baseURL path in .RelPermalink and the whole baseURL in .Permalink', () => {
      const site = siteUrlConfig({ baseURL: 'https://example.org/blog' });
      const page = pageUrl(site, { file: 'content/posts/a.md', frontMatter: {} });
      assert.equal(page?.relPermalink, '/blog/posts/a/');
      assert.equal(page?.permalink, 'https://example.org/blog/posts/a/');
    });
    it('leaves the path out of .RelPermalink with canonifyURLs (paths.go GetBasePath)', () => {
      assert.equal(url({ baseURL: 'https://example.org/blog/', canonifyURLs: true }, 'content/posts/a.md'), '/posts/a/');
    });
  });

  describe('[permalinks] (resources/page/permalinks.go)', () => {
    const dated = { date: '2023-06-21T23:30:00-07:00', title: 'Hello, World!' };
    it('expands date tokens in the date as written, not in UTC (pageToPermalinkDate)', () => {
      const config = { permalinks: { posts: '/:year/:month/:day/:monthname/:weekday/:weekdayname/:yearday/' } };
      assert.equal(url(config, 'content/posts/a.md', dated), '/2023/06/21/june/3/wednesday/172/');
    });
    it('expands Go layouts (callback: referenceTime.Format(attr) != attr)', () => {
      assert.equal(url({ permalinks: { posts: '/:2006/:Jan/:02/:filename/' } }, 'content/posts/a.md', dated), '/2023/jun/21/a/');
      assert.equal(url({ permalinks: { posts: '/:06:01:02/:filename/' } }, 'content/posts/a.md', dated), '/230621/a/');
    });
    it('without a date uses Go zero time (year 1)', () => {
      assert.equal(url({ permalinks: { posts: '/:year/:month/:slug/' } }, 'content/posts/a.md', { title: 'T' }), '/1/01/t/');
    });
    it('takes the date from publishDate, then lastmod and their aliases (pagemeta newDefaultFrontmatterConfig)', () => {
      const config = { permalinks: { posts: '/:year/:filename/' } };
      assert.equal(url(config, 'content/posts/a.md', { pubdate: '2019-01-01' }), '/2019/a/');
      assert.equal(url(config, 'content/posts/a.md', { modified: '2018-01-01' }), '/2018/a/');
      assert.equal(url(config, 'content/posts/a.md', { date: '2020-01-01', lastmod: '2018-01-01' }), '/2020/a/');
    });
    it('[frontmatter] date = [":filename"] takes date and slug from the file or bundle name (dateAndSlugFromBaseFilename)', () => {
      const config = { permalinks: { posts: '/:year/:month/:day/:slug/' }, frontmatter: { date: [':filename', ':default'] } };
      assert.equal(url(config, 'content/posts/2023-06-21-my-post.md', { title: 'T' }), '/2023/06/21/my-post/');
      assert.equal(url(config, 'content/posts/2023-06-21-bundle/index.md', { title: 'T' }), '/2023/06/21/bundle/');
      assert.equal(url(config, 'content/posts/2023-06-21-my-post.md', { title: 'T', slug: 'mine' }), '/2023/06/21/mine/', 'a written slug wins');
      assert.equal(url(config, 'content/posts/plain.md', { date: '2020-02-02', title: 'T' }), '/2020/02/02/t/', 'falls back to :default');
    });
    it('says when the date comes from where we cannot look (:git, :fileModTime)', () => {
      const site = siteUrlConfig({ permalinks: { posts: '/:year/:slug/' }, frontmatter: { date: [':git', 'date'] } });
      assert.match(pageUrl(site, { file: 'content/posts/a.md', frontMatter: { date: '2020-01-01' } })!.caveats.join(), /:git/);
    });
    it(':slug falls back to the title, :slugorfilename to the file name (pageToPermalinkSlugElse*)', () => {
      const config = { permalinks: { posts: '/:slug/', docs: '/:slugorfilename/' } };
      assert.equal(url(config, 'content/posts/a.md', { title: 'Hello, World!' }), '/hello-world/');
      assert.equal(url(config, 'content/posts/a.md', { title: 'T', slug: 'My Slug' }), '/my-slug/');
      assert.equal(url(config, 'content/docs/a.md', { title: 'T' }), '/a/');
      assert.equal(url(config, 'content/docs/b/index.md', { title: 'T' }), '/b/', 'a bundle by its folder');
    });
    it(':title and :filename are urlized; :filename of an _index is empty (pageToPermalinkFilename)', () => {
      assert.equal(url({ permalinks: { posts: '/x/:title/' } }, 'content/posts/a.md', { title: 'Big News: Item' }), '/x/big-news-item/');
      assert.equal(url({ permalinks: { section: { posts: '/list/:filename/' } } }, 'content/posts/_index.md'), '/list/');
    });
    it(':section, :sections and :sections[...] (toSliceFunc)', () => {
      const isSection = (d: string) => ['docs/a', 'docs/a/b'].includes(d);
      const config = { permalinks: { docs: '/:section/:sections/:sections[1:]/:sections[last]/:sections[0]/:filename/' } };
      assert.equal(url(config, 'content/docs/a/b/p.md', {}, { isSection }), '/docs/docs/a/b/a/b/b/docs/p/');
      assert.equal(url({ permalinks: { docs: '/:sections/:filename/' } }, 'content/docs/x/y/p.md'), '/docs/p/', 'folders without _index are not sections');
    });
    it(':contentbasename and :slugorcontentbasename (0.144)', () => {
      const config = { permalinks: { docs: '/:contentbasename/:slugorcontentbasename/' } };
      assert.equal(url(config, 'content/docs/b/index.md', { slug: 'S' }), '/b/s/');
      assert.deepEqual(unknownTokens('/:contentbasename/', versionNumber('0.143.0')), ['contentbasename']);
    });
    it(':sectionslug and :sectionslugs from the sections\' front matter (0.149, withSectionPagesFunc)', () => {
      const sectionFrontMatter = (d: string) => ({ docs: { slug: 'Documentation' }, 'docs/a': { title: 'Part A' } })[d];
      const config = { permalinks: { docs: '/:sectionslug/:sectionslugs/:filename/' } };
      assert.equal(url(config, 'content/docs/a/p.md', {}, { isSection: (d) => d === 'docs/a', sectionFrontMatter }), '/documentation/documentation/part-a/p/');
    });
    it('\\: is a literal colon (normalizeEscapeSequencesIn), kept in a url, sanitized away in a permalink', () => {
      assert.equal(url({}, 'content/posts/a.md', { url: '/x\\:y/:filename/' }), '/x:y/a/');
      assert.equal(url({ permalinks: { posts: '/x\\:y/:filename/' } }, 'content/posts/a.md'), '/xy/a/');
    });
    it('runs the expansion through QueryUnescape: a + in a slug becomes a space (createTargetPathDescriptor)', () => {
      assert.equal(url({ permalinks: { posts: '/:slug/' } }, 'content/posts/a.md', { slug: 'c++ & go' }), '/c-go/');
    });
    it('the root-section key "/" covers pages at the top (sectionCutSet)', () => {
      const config = { permalinks: { '/': '/top/:filename/' } };
      assert.equal(url(config, 'content/about.md'), '/top/about/');
      assert.equal(url(config, 'content/about/index.md'), '/top/about/');
      assert.equal(url(config, 'content/posts/a.md'), '/posts/a/');
    });
    it('a plain key covers pages and terms, not sections (decodePermalinksMap "Backward compat")', () => {
      const config = { permalinks: { tags: '/topic/:slug/', posts: '/p/:filename/' } };
      assert.equal(url(config, 'content/tags/go/_index.md', { title: 'Go' }), '/topic/go/');
      assert.equal(url(config, 'content/posts/_index.md'), '/posts/');
    });
    it('[permalinks.<kind>] tables (0.115) and the section kind', () => {
      const config = { permalinks: { page: { posts: '/p/:filename/' }, section: { posts: '/all-posts/' } } };
      assert.equal(url(config, 'content/posts/a.md'), '/p/a/');
      assert.equal(url(config, 'content/posts/_index.md'), '/all-posts/');
      assert.equal(url(config, 'content/posts/a.md', {}, { hugoVersion: '0.111.3' }), '/posts/a/', 'Hugo 0.111 reads no kind tables');
    });
    it('nested section keys match from Hugo 0.161 (sectionToPathGlob); before, only the first section', () => {
      const config = { permalinks: { 'docs/api': '/reference/:filename/' } };
      assert.equal(url(config, 'content/docs/api/get.md'), '/reference/get/');
      assert.equal(url(config, 'content/docs/api/get.md', {}, { hugoVersion: '0.160.0' }), '/docs/api/get/');
      assert.equal(url({ permalinks: { docs: '/d/:filename/' } }, 'content/docs/api/get.md', {}, { hugoVersion: '0.160.0' }), '/d/get/');
    });
    it('target rules with kind and path globs, first match wins (decodePermalinksSlice, PageMatcher.Match)', () => {
      const config = {
        permalinks: [
          { target: { kind: 'page', path: '/docs/api/**' }, pattern: '/api/:filename/' },
          { target: { path: '{/docs,/docs/**}' }, pattern: '/d/:filename/' },
        ],
      };
      assert.equal(url(config, 'content/docs/api/get.md'), '/api/get/');
      assert.equal(url(config, 'content/docs/intro.md'), '/d/intro/');
      assert.equal(url(config, 'content/blog/x.md'), '/blog/x/');
    });
    it('reports unknown tokens, which stop a Hugo build (errPermalinkAttributeUnknown)', () => {
      const site = siteUrlConfig({ permalinks: { posts: '/:yaer/:slug/' } });
      assert.equal(site.permalinks.length, 0);
      assert.match(site.problems[0], /":yaer" is not a permalink token/);
      assert.deepEqual(unknownTokens('/:year/:sectionslug/', versionNumber('0.148.0')), ['sectionslug']);
    });
    it('expands tokens in url from Hugo 0.131 (ExpandPattern on desc.URL)', () => {
      assert.equal(url({}, 'content/posts/a.md', { url: '/:year/:filename/', date: '2024-01-02' }), '/2024/a/');
      assert.equal(url({}, 'content/posts/a.md', { url: '/:year/x/', date: '2024-01-02' }, { hugoVersion: '0.130.0' }), '/:year/x/');
    });
  });

  describe('languages (hugolib/site.go getLanguagePermalinkLang, ConfigLanguage.LanguagePrefix)', () => {
    const languages = { defaultContentLanguage: 'en', languages: { en: { weight: 1 }, fr: { weight: 2 }, de: { contentDir: 'content/de' } } };
    it('prefixes other languages; the default only with defaultContentLanguageInSubdir', () => {
      assert.equal(url(languages, 'content/posts/a.fr.md'), '/fr/posts/a/');
      assert.equal(url(languages, 'content/posts/a.md'), '/posts/a/');
      assert.equal(url({ ...languages, defaultContentLanguageInSubdir: true }, 'content/posts/a.md'), '/en/posts/a/');
      assert.equal(url(languages, 'content/_index.fr.md'), '/fr/');
      assert.equal(url(languages, 'content/de/posts/hallo.md'), '/de/posts/hallo/', 'a language\'s contentDir');
      assert.equal(url(languages, 'content/posts/a.xx.md'), '/posts/a.xx/', 'an unknown code is part of the name');
    });
    it('takes a content mount\'s lang', () => {
      const config = { module: { mounts: [{ source: 'content/en', target: 'content' }, { source: 'content/sv', target: 'content', lang: 'sv' }] }, languages: { en: {}, sv: {} } };
      assert.equal(url(config, 'content/sv/posts/a.md'), '/sv/posts/a/');
      assert.equal(url(config, 'content/en/posts/a.md'), '/posts/a/');
    });
    it('a url is site-absolute unless written relative (ForcePrefix)', () => {
      assert.equal(url(languages, 'content/posts/a.fr.md', { url: '/elsewhere/' }), '/elsewhere/');
      assert.equal(url(languages, 'content/posts/a.fr.md', { url: 'elsewhere/' }), '/fr/elsewhere/');
    });
    it('one language in a subfolder from Hugo 0.115.2 ("Fix defaultContentLanguageInSubdir with only 1 language")', () => {
      const config = { defaultContentLanguageInSubdir: true };
      assert.equal(url(config, 'content/posts/a.md'), '/en/posts/a/');
      assert.equal(url(config, 'content/posts/a.md', {}, { hugoVersion: '0.111.3' }), '/posts/a/');
    });
    it('multihost: each language on its own baseURL, without a prefix (IsMultihost)', () => {
      const site = siteUrlConfig({ languages: { en: { baseURL: 'https://en.example.org/' }, fr: { baseURL: 'https://fr.example.org/' } } });
      const page = pageUrl(site, { file: 'content/posts/a.fr.md', frontMatter: {} });
      assert.equal(page?.relPermalink, '/posts/a/');
      assert.equal(page?.permalink, 'https://fr.example.org/posts/a/');
    });
  });

  describe('bundle files (page_paths.go SubResourceBaseLink)', () => {
    it('are published under the page: its folder, or its name without .html when ugly', () => {
      const site = siteUrlConfig({ baseURL: 'https://example.org/blog/', permalinks: { posts: '/:year/:month/:day/:slug/' } });
      assert.equal(pageUrl(site, { file: 'content/posts/b/index.md', frontMatter: { date: '2023-06-21', slug: 'my-slug' } })?.resourceBase, '/blog/2023/06/21/my-slug');
      assert.equal(pageUrl(siteUrlConfig({ uglyURLs: true }), { file: 'content/posts/b/index.md', frontMatter: {} })?.resourceBase, '/posts/b');
      assert.equal(pageUrl(siteUrlConfig({}), { file: 'content/_index.md', frontMatter: {} })?.resourceBase, '');
    });
  });

  it('never throws on odd configs and front matter (a workspace is untrusted input)', () => {
    const odd: unknown[] = [undefined, null, 0, 1.5, true, '', ':', '%', '%zz', '\ud800', '/../../etc/', 'a\u0000b', [], [1, [2]], {}, { a: { b: {} } }, new Date(0), '::year[[]]', ':sections[', ':sections[x:y:z]'];
    let seed = 7;
    const pick = () => odd[(seed = (seed * 1103515245 + 12345) % 2147483648) % odd.length];
    for (let i = 0; i < 400; i++) {
      const config = { baseURL: pick(), permalinks: i % 3 ? { posts: pick(), [String(pick())]: pick(), page: { posts: pick() } } : [pick(), { target: pick(), pattern: pick() }], languages: { en: pick(), fr: { contentDir: pick(), baseURL: pick() } }, uglyURLs: pick(), frontmatter: { date: pick() }, taxonomies: pick(), module: { mounts: [pick(), { source: pick(), target: 'content', lang: pick() }] } };
      const site = siteUrlConfig(config as Record<string, unknown>, { hugoVersion: String(pick()) });
      const fm = { title: pick(), slug: pick(), url: pick(), date: pick(), headless: pick(), build: pick() };
      const page = pageUrl(site, { file: `content/posts/${String(pick())}.md`, frontMatter: fm });
      if (page) assert.equal(typeof page.relPermalink, 'string');
    }
  });
});
