import * as assert from 'node:assert/strict';
import { contentFoldersOf } from '../../src/cli/posts';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { findPostFiles } from '../../src/core/index';
import { readHugoConfig } from '../../src/core/site';
import { archetypeKeys, BUILT_IN_ARCHETYPE_KEYS, cascadeRendersNever, conventionFor, loadSitePages, rendersNever, type SitePages } from '../../src/core/site/pages';
import { resolveValidationConfig, validateFrontMatter } from '../../src/core/validate';
import { configForPage } from '../../src/core/validate/pageConfig';
import { memoryFiles } from './siteHelpers';

const post = (fm: string, body = 'Text.\n') => `---\n${fm}---\n${body}`;

async function pagesOf(files: Record<string, string>, root = '/site'): Promise<SitePages> {
  const fs = memoryFiles(files);
  return loadSitePages(fs, root, (await readHugoConfig(fs, root))?.data, { learnUsage: true });
}

/** The fm/required messages for a file of the site, checked with the site's convention. */
function requiredFindings(pages: SitePages, path: string, text: string, layers = resolveValidationConfig()): string[] {
  const config = configForPage(layers, pages, pages.pageInfo(path));
  return validateFrontMatter(text, { config, filePath: path })
    .filter((d) => d.code === 'fm/required')
    .map((d) => `${d.severity} ${d.message}`);
}

describe('required fields: the site convention (issue 17, item 1)', () => {
  it("Hugo's built-in archetype sets title, date and draft (create/content.go, DefaultArchetypeTemplateTemplate)", () => {
    assert.deepEqual([...BUILT_IN_ARCHETYPE_KEYS], ['title', 'date', 'draft']);
    // The same template, as Hugo writes it, read by our archetype reader: Go template actions included.
    const builtIn = '---\ntitle: "{{ replace .File.ContentBaseName "-" " " | title }}"\ndate: {{ .Date }}\ndraft: true\n---\n\n';
    assert.deepEqual(archetypeKeys(builtIn), ['title', 'date', 'draft']);
    assert.deepEqual(archetypeKeys("+++\ntitle = '{{ .Name }}'\ndate = {{ .Date }}\ntags = [{{ range .Site.Params.x }}\"{{ . }}\",{{ end }}]\n[params]\nauthor = 'me'\n+++\n"), ['title', 'date', 'tags', 'params']);
  });

  it('asks only for archetype fields at least half of the section carries, never draft', () => {
    const usage = (pages: number, carried: Record<string, number>) => ({ pages, carried: new Map(Object.entries(carried)) });
    assert.deepEqual(conventionFor(['title', 'date', 'draft'], usage(10, { title: 10, date: 0, draft: 10 })).required, ['title']);
    assert.deepEqual(conventionFor(['title', 'date', 'draft'], usage(10, { title: 10, date: 5 })).required, ['title', 'date']);
    assert.deepEqual(conventionFor(['title', 'date', 'draft'], usage(10, { title: 10, date: 4 })).required, ['title']);
    // A section without pages yet: the archetype as it is.
    assert.deepEqual(conventionFor(['title', 'date', 'draft', 'author'], usage(0, {})).required, ['title', 'date', 'author']);
    assert.deepEqual(conventionFor(['title'], usage(4, { title: 4, category: 3, x: 1 })).commonKeys.sort(), ['category', 'title']);
  });

  it('a docs section without dates gets no date finding; a blog whose posts have dates does (a warning)', async () => {
    const files: Record<string, string> = { '/site/hugo.toml': 'title = "s"\n' };
    for (let i = 0; i < 4; i++) files[`/site/content/docs/page-${i}.md`] = post(`title: Doc ${i}\n`);
    for (let i = 0; i < 4; i++) files[`/site/content/blog/post-${i}.md`] = post(`title: Post ${i}\ndate: 2024-01-0${i + 1}\n`);
    const pages = await pagesOf(files);
    assert.deepEqual(requiredFindings(pages, '/site/content/docs/new.md', post('title: New\n')), []);
    assert.deepEqual(requiredFindings(pages, '/site/content/docs/new.md', post('weight: 3\n')), ['warning Missing required field "title"']);
    assert.deepEqual(requiredFindings(pages, '/site/content/blog/new.md', post('title: New\n')), ['warning Missing required field "date"']);
    assert.deepEqual(pages.convention('docs').required, ['title']);
    assert.deepEqual(pages.convention('blog').required, ['title', 'date']);
  });

  it('uses the archetype Hugo would use: the section one, a bundle one, default.md, the theme, else the built-in', async () => {
    const pages = await pagesOf({
      '/site/hugo.toml': 'theme = "paper"\n',
      '/site/archetypes/talks.md': '---\ntitle: "{{ .Name }}"\nevent: ""\ndate: {{ .Date }}\n---\n',
      '/site/archetypes/default.md': '---\ntitle: "{{ .Name }}"\ndraft: true\n---\n',
      '/site/themes/paper/archetypes/notes.md': '+++\ntitle = "{{ .Name }}"\nsource = ""\n+++\n',
      '/site/themes/paper/archetypes/default.md': '---\ntitle: x\nauthor: y\n---\n',
      '/site/content/talks/one.md': post('title: One\nevent: KubeCon\ndate: 2024-03-01\n'),
      '/site/content/notes/one.md': post('title: One\nsource: book\n'),
      '/site/content/misc/one.md': post('title: One\nauthor: me\n'),
    });
    assert.equal(pages.convention('talks').archetype, 'archetypes/talks.md');
    assert.deepEqual(pages.convention('talks').required, ['title', 'event', 'date']);
    // Hugo tries the section's name in the whole union of archetype folders (site, then theme)
    // before default.md, so the theme's notes.md wins over the site's default.md.
    assert.equal(pages.convention('notes').archetype, 'themes/paper/archetypes/notes.md');
    assert.deepEqual(pages.convention('notes').required, ['title', 'source']);
    assert.equal(pages.convention('misc').archetype, 'archetypes/default.md');
    assert.deepEqual(pages.convention('misc').required, ['title']);
    const bare = await pagesOf({ '/b/content/posts/a.md': post('title: A\ndate: 2024-01-01\n') }, '/b');
    assert.equal(bare.convention('posts').archetype, undefined);
    assert.deepEqual(bare.convention('posts').required, ['title', 'date']);
  });

  it('settings or .devops-notes.json override the convention; "required": true adds to it', async () => {
    const pages = await pagesOf({ '/site/content/docs/a.md': post('title: A\n'), '/site/content/docs/b.md': post('title: B\n') });
    const configured = resolveValidationConfig({ requiredFields: ['title', 'date'] });
    assert.deepEqual(requiredFindings(pages, '/site/content/docs/c.md', post('title: C\n'), configured), ['warning Missing required field "date"']);
    const plus = resolveValidationConfig({ alsoRequired: ['owner'], fields: { owner: { type: 'string' } } });
    assert.deepEqual(requiredFindings(pages, '/site/content/docs/c.md', post('title: C\n'), plus), ['warning Missing required field "owner"']);
    const asError = resolveValidationConfig({ severity: { 'fm/required': 'error' } });
    assert.deepEqual(requiredFindings(pages, '/site/content/docs/c.md', post('weight: 1\n'), asError), ['error Missing required field "title"']);
  });

  it('a key most of a section carries is the site own field, not a typo of a Hugo one', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3; i++) files[`/site/content/g${i}.md`] = post(`title: T${i}\ncategory: technology\n`);
    const pages = await pagesOf(files);
    const config = configForPage(resolveValidationConfig(), pages, pages.pageInfo('/site/content/g0.md'));
    const text = post('title: T\ncategory: technology\n');
    assert.deepEqual(validateFrontMatter(text, { config }).filter((d) => d.code === 'fm/unknown-key'), []);
    // Without the site, `category` is still taken for the Hugo taxonomy it resembles.
    assert.equal(validateFrontMatter(text).filter((d) => d.code === 'fm/unknown-key').length, 1);
  });
});

describe('only pages are checked as pages (issue 17, item 2)', () => {
  const site = {
    '/site/hugo.yaml': 'module:\n  mounts:\n    - source: content/en\n      target: content\n',
    '/site/README.md': '# Readme\n',
    '/site/archetypes/default.md': '---\ntitle: "{{ .Name }}"\ndate: {{ .Date }}\n---\n',
    '/site/content/fr/a.md': post('title: A\n'),
    '/site/content/en/_index.md': post('title: Home\n'),
    '/site/content/en/post/a.md': post('title: A\ndate: 2024-01-01\n'),
    '/site/content/en/post/bundle/index.md': post('title: B\ndate: 2024-01-01\n'),
    '/site/content/en/post/bundle/notes.md': post('tags: [x]\n'),
    '/site/content/en/post/bundle/more/deep.md': 'deep\n',
    '/site/content/en/snippets/_index.md': post('title: Snippets\ncascade:\n  build:\n    render: never\n    list: never\n'),
    '/site/content/en/snippets/step.md': 'Run `make`.\n',
    '/site/content/en/shared/_index.md': post('cascade:\n  - _target:\n      path: /shared/x/**\n    headless: true\n'),
    '/site/content/en/shared/y.md': post('title: Y\n'),
    '/site/content/en/inc/index.md': post('headless: true\n'),
  };

  it('sorts files as Hugo does: pages, lists, bundle resources, unrendered pages, files outside the mounts', async () => {
    const pages = await pagesOf(site);
    const role = (p: string) => pages.pageInfo(p).role;
    assert.deepEqual(pages.contentDirs, ['/site/content/en']);
    assert.equal(role('/site/content/en/post/a.md'), 'page');
    assert.equal(role('/site/content/en/_index.md'), 'list');
    assert.equal(role('/site/content/en/post/bundle/index.md'), 'page');
    assert.equal(pages.pageInfo('/site/content/en/post/bundle/index.md').section, 'post');
    assert.equal(role('/site/content/en/post/bundle/notes.md'), 'resource');
    assert.equal(role('/site/content/en/post/bundle/more/deep.md'), 'resource');
    assert.equal(role('/site/content/en/snippets/step.md'), 'unrendered');
    assert.equal(role('/site/content/en/snippets/_index.md'), 'unrendered');
    // A cascade with a target applies to some pages only: the others are still pages.
    assert.equal(role('/site/content/en/shared/y.md'), 'page');
    assert.equal(role('/site/archetypes/default.md'), 'outside');
    assert.equal(role('/site/README.md'), 'outside');
    // Not mounted: content/en replaces content.
    assert.equal(role('/site/content/fr/a.md'), 'outside');
  });

  it('unrendered pages need no title or date, by cascade or on their own (headless, build.render never/false)', async () => {
    const pages = await pagesOf(site);
    assert.deepEqual(requiredFindings(pages, '/site/content/en/snippets/step.md', post('weight: 1\n')), []);
    assert.deepEqual(requiredFindings(pages, '/site/content/en/inc/index.md', post('headless: true\n')), []);
    for (const fm of ['headless: true\n', 'build:\n  render: never\n', '_build:\n  render: false\n']) {
      assert.equal(rendersNever(parseFrontMatter(post(fm)).fields), true, fm);
      assert.deepEqual(validateFrontMatter(post(fm)).filter((d) => d.code === 'fm/required'), [], fm);
    }
    assert.equal(rendersNever(parseFrontMatter(post('build:\n  render: always\n')).fields), false);
    assert.equal(cascadeRendersNever(parseFrontMatter(post('cascade:\n  headless: true\n')).fields), true);
    assert.equal(cascadeRendersNever(parseFrontMatter(post('cascade:\n  - build:\n      render: never\n')).fields), true);
    assert.equal(cascadeRendersNever(parseFrontMatter(post('cascade:\n  type: docs\n')).fields), false);
  });

  // Hugo 0.111.3: a leaf bundle's other Markdown file is a resource; no page and no term is made of it.
  it('the post scan (tag tree, CLI) leaves out the Markdown resources of leaf bundles', async () => {
    const fs = memoryFiles({
      '/w/content/_index.md': post('title: Home\n'),
      '/w/content/post/a.md': post('tags: [a]\n'),
      '/w/content/post/bundle/index.md': post('tags: [b]\n'),
      '/w/content/post/bundle/part.md': post('tags: [part]\n'),
      '/w/content/post/bundle/sub/deeper.md': post('tags: [deeper]\n'),
      '/w/content/post/branch/_index.md': post('title: Branch\n'),
      '/w/content/post/branch/c.md': post('tags: [c]\n'),
      '/w/notes/index.md': post('tags: [n]\n'),
      '/w/notes/other.md': post('tags: [o]\n'),
    });
    const found = (await findPostFiles(fs, '/w')).sort();
    assert.deepEqual(found, [
      '/w/content/_index.md',
      '/w/content/post/a.md',
      '/w/content/post/branch/_index.md',
      '/w/content/post/branch/c.md',
      '/w/content/post/bundle/index.md',
      // Outside a Hugo content folder an index.md is just a note.
      '/w/notes/index.md',
      '/w/notes/other.md',
    ]);
  });

  it('a folder of several Hugo sites is read as their content folders, not its READMEs', async () => {
    const fs = memoryFiles({
      '/repo/README.md': '# Sites\n- one\n',
      '/repo/docs/hugo.toml': 'contentDir = "pages"\n',
      '/repo/docs/pages/a.md': post('title: A\n'),
      '/repo/docs/archetypes/default.md': '---\ntitle: x\n---\n',
      '/repo/blog/config.yaml': 'title: blog\n',
      '/repo/blog/content/post.md': post('title: P\n'),
      '/repo/notes/loose.md': post('title: L\n'),
    });
    assert.deepEqual((await contentFoldersOf(fs, '/repo')).sort(), ['/repo/blog/content', '/repo/docs/pages']);
    // A folder of notes without any site stays itself.
    assert.deepEqual(await contentFoldersOf(fs, '/repo/notes'), ['/repo/notes']);
  });
});
