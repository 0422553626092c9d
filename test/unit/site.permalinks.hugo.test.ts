import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { readHugoConfig } from '../../src/core/site/hugoConfig';
import { pageUrl, siteUrlConfig } from '../../src/core/site/permalinks';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';

/**
 * Our page URLs against a real Hugo build of each corpus site. Hugo (Debian's 0.111.3 in CI)
 * renders a home template of ours that prints every page's file, kind, language and
 * .RelPermalink/.Permalink; the sites' theme modules are left out, shortcodes the site does not
 * define get empty stand-ins (Hugo's own too: `tweet` would go to the network), Git info is off.
 */
const CORPORA = resolve(__dirname, '..', '..', '..', 'shared', 'corpora');
const SITES = ['jessfraz-blog', 'fluxcd-website', 'cncf-glossary'];
const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });
const hasHugo = hugo.status === 0;
/** The installed Hugo's version: our rules follow it. */
const HUGO_VERSION = /v(\d+\.\d+\.\d+)/.exec(hugo.stdout ?? '')?.[1];

/**
 * A site made to exercise every URL feature Hugo 0.111.3 has: permalink tokens and Go date
 * layouts per section, the root-section key, `slug`, `url` (absolute, with a file name,
 * context-relative in another language, on a section), leaf and branch bundles, nested sections,
 * dates from file names, no date at all, taxonomy and term pages, three languages (file-name
 * suffix and a language's own contentDir), a baseURL with a path, uglyURLs for one section.
 */
const FEATURE_CONFIG = {
  baseURL: 'https://example.org/docs/',
  defaultContentLanguage: 'en',
  languages: { en: { weight: 1 }, fr: { weight: 2 }, de: { weight: 3, contentDir: 'content-de' } },
  uglyURLs: { notes: true },
  permalinks: {
    posts: '/:year/:month/:day/:slug/',
    articles: '/:sections/:filename/',
    news: '/:section/:monthname-:weekdayname/:yearday/:title/',
    archive: '/:2006/:Jan/:02/:slugorfilename/',
    deep: '/:sections[1:]/:slug/',
    '/': '/top/:filename/',
  },
  frontmatter: { date: [':filename', ':default'] },
};
const FEATURE_FILES: Record<string, string> = {
  'content/_index.md': 'title: Home',
  'content/_index.fr.md': 'title: Accueil',
  'content/posts/_index.md': 'title: Posts',
  'content/posts/2023-06-21-my-bundle/index.md': 'title: My Bundle',
  'content/posts/hello.md': 'title: "Hello, World!"\ndate: 2022-02-03T23:30:00-07:00',
  'content/posts/hello.fr.md': 'title: "Bonjour le monde"\ndate: 2022-02-04',
  'content/posts/slugged.md': 'title: S\nslug: "Custom Slug Ünïcode"\ndate: 2021-12-31',
  'content/posts/urled.md': 'title: U\nurl: /elsewhere/Page/',
  'content/posts/urled-file.md': 'title: U2\nurl: /elsewhere/file.html',
  'content/posts/relurl.fr.md': 'title: R\nurl: relative/path/',
  'content/posts/no-date.md': 'title: No Date Here',
  'content/posts/plus+sign.md': 'title: P\nslug: "c++ & go"\ndate: 2020-01-05',
  'content/articles/a/b/_index.md': 'title: B',
  'content/articles/a/b/page.md': 'title: Page',
  'content/articles/a/c/page2.md': 'title: Page2',
  'content/articles/a/c/bundle/index.md': 'title: Bundle',
  'content/news/Big News Item.md': 'title: "Big News: Item"\ndate: 2024-03-01T08:00:00Z',
  'content/archive/old-post.md': 'title: Old\ndate: 2019-11-09',
  'content/archive/sluggy.md': 'title: Sluggy\nslug: My Slug\ndate: 2018-05-07',
  'content/notes/_index.md': 'title: Notes',
  'content/notes/ugly-note.md': 'title: Ugly',
  'content/notes/sub/_index.md': 'title: Sub',
  'content/about/index.md': 'title: About',
  'content/toplevel.md': 'title: Top',
  'content/deep/x/_index.md': 'title: X',
  'content/deep/x/y/_index.md': 'title: Y',
  'content/deep/x/y/z.md': 'title: Zed Page',
  'content/tags/_index.md': 'title: Tags',
  'content/tags/docker/_index.md': 'title: Docker',
  'content/sec-url/_index.md': 'title: SU\nurl: /Section-Elsewhere/',
  'content/Mixed Case/Some File.md': 'title: MC',
  'content/drafts/draft.md': 'title: D\ndraft: true',
  'content-de/_index.md': 'title: Start',
  'content-de/posts/hallo.md': 'title: Hallo\ndate: 2022-02-05',
};

/** Every file below `dir`, relative to it. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name))]));
}

/** Hugo's view of every page: file (site-relative), kind, language, rel permalink, permalink. */
async function hugoPages(site: string, work: string): Promise<{ rows: string[][]; config: Record<string, unknown> }> {
  const root = join(work, site);
  if (site === 'feature-site') {
    for (const [file, fm] of Object.entries(FEATURE_FILES)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), `---\n${fm}\n---\nText.\n`);
    }
    writeFileSync(join(root, 'config.json'), JSON.stringify(FEATURE_CONFIG));
  } else cpSync(join(CORPORA, site), root, { recursive: true });
  const config = { ...((await readHugoConfig(nodeFileSystem, root))?.data ?? {}) };
  const module = { ...(config.module as Record<string, unknown> | undefined) };
  delete module.imports;
  delete module.hugoVersion;
  config.module = module;
  config.enableGitInfo = false;
  const layouts = join(work, `${site}-layouts`);
  config.layoutDir = layouts;
  config.publishDir = join(work, `${site}-public`);
  mkdirSync(join(layouts, 'shortcodes'), { recursive: true });
  if (existsSync(join(root, 'layouts', 'shortcodes'))) cpSync(join(root, 'layouts', 'shortcodes'), join(layouts, 'shortcodes'), { recursive: true });
  // Stand-ins for the theme's shortcodes: with `.Inner` when the site ever closes one.
  const texts = walk(root)
    .filter((f) => /\.(md|html)$/.test(f) && !f.startsWith('layouts'))
    .map((f) => readFileSync(join(root, f), 'utf8'))
    .join('\n');
  for (const m of texts.matchAll(/\{\{[<%]\s*\/?\s*([\w/.-]+)/g)) {
    const name = m[1];
    const file = join(layouts, 'shortcodes', `${name}.html`);
    if (existsSync(file)) continue;
    mkdirSync(dirname(file), { recursive: true });
    const closed = new RegExp(`\\{\\{[<%]\\s*/\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[%>]\\}\\}`).test(texts);
    writeFileSync(file, closed ? '{{ .Inner }}' : '');
  }
  // The rows go to the home's JSON output (`canonifyURLs` rewrites links in HTML only); HTML stays
  // first so that the home's own .RelPermalink is its HTML one.
  config.outputs = { home: ['HTML', 'JSON'] };
  writeFileSync(join(layouts, 'index.html'), '');
  writeFileSync(
    join(layouts, 'index.json'),
    '{{- range .Site.AllPages }}ROW\t{{ with .File }}{{ .Filename }}{{ end }}\t{{ .Kind }}\t{{ .Lang }}\t{{ .RelPermalink }}\t{{ .Permalink }}\n{{ end -}}',
  );
  const configFile = join(work, `${site}.json`);
  writeFileSync(configFile, JSON.stringify(config));
  const run = spawnSync('hugo', ['--config', configFile, '--source', root, '--buildDrafts', '--buildFuture', '--buildExpired'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, `hugo failed on ${site}: ${run.stderr}${run.stdout.slice(0, 3000)}`);
  // Each language's home lists that language's pages.
  const outputs = walk(config.publishDir as string).filter((f) => /^([\w-]+\/)?index\.json$/.test(f));
  const rows = outputs.flatMap((f) =>
    readFileSync(join(config.publishDir as string, f), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('ROW\t'))
      .map((l) => l.split('\t').slice(1))
      // Pages without a file (a section without `_index.md`, taxonomies, terms) are not ours to place.
      .filter(([file]) => file !== '')
      .map(([file, ...rest]) => [relative(root, file).replace(/\\/g, '/'), ...rest]),
  );
  // Every language's home lists the pages of all languages.
  const unique = [...new Map(rows.map((r) => [r.join('\t'), r])).values()];
  return { rows: unique, config };
}

describe('permalinks against real Hugo (runs when hugo is on PATH; CI installs it)', function () {
  this.timeout(180_000);
  let work: string;
  before(function () {
    if (!hasHugo) {
      // CI installs hugo (.ci/run): there a missing hugo is a failure, not a skip.
      if (process.env.CI) throw new Error('hugo is not on PATH; .ci/run installs it');
      this.skip();
    }
    work = mkdtempSync(join(tmpdir(), 'devops-notes-permalinks-'));
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const site of [...SITES, 'feature-site']) {
    it(`every page of ${site} gets Hugo's URL`, async function () {
      const { rows, config } = await hugoPages(site, work);
      const urls = siteUrlConfig(config, { hugoVersion: HUGO_VERSION });
      const root = join(work, site);
      // Folders with an `_index` file are sections (Hugo), relative to their content folder.
      const sectionDirs = new Set(rows.map(([file]) => file).filter((f) => /(^|\/)_index(\.[\w-]+)?\.\w+$/.test(f)).map((f) => f.slice(0, f.lastIndexOf('/'))));
      const isSection = (dir: string) => urls.contentSources.some((s) => sectionDirs.has(s.dir === '.' ? dir : `${s.dir}/${dir}`));
      const mismatches: string[] = [];
      const kinds = new Map<string, number>();
      for (const [file, kind, lang, rel, abs] of rows) {
        const text = readFileSync(join(root, file), 'utf8');
        const ours = pageUrl(urls, { file, frontMatter: parseFrontMatter(text).data, isSection });
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        const got = ours && [ours.kind, ours.lang, ours.relPermalink, ours.permalink].join(' ');
        const want = [kind, lang, rel, abs].join(' ');
        if (got !== want) mismatches.push(`${file}: Hugo ${want}, ours ${got ?? 'none'}`);
      }
      assert.deepEqual(mismatches, [], `${mismatches.length} of ${rows.length} pages differ`);
      // The comparison covered pages of each kind the site has in files.
      assert.ok((kinds.get('page') ?? 0) > (site === 'feature-site' ? 20 : 50), JSON.stringify([...kinds]));
      // Sections and home pages have files only where a site writes `_index.md`.
      if (site !== 'jessfraz-blog') assert.ok((kinds.get('section') ?? 0) > 0 && (kinds.get('home') ?? 0) > 0, JSON.stringify([...kinds]));
      if (site === 'feature-site') assert.ok(kinds.get('taxonomy') === 1 && kinds.get('term') === 1, JSON.stringify([...kinds]));
    });
  }
});
