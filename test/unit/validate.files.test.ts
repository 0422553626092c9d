import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { fileReferences, resolveValidationConfig, validateDocument } from '../../src/core/validate';
import { candidatePaths, joinPath } from '../../src/core/validate/files';
import { hugoConfigLayer } from '../../src/core/validate/siteConfig';
import { spanOf } from './validateHelpers';

const SITE = '/site';
const existing = new Set(['/site/static/images/ok.png', '/site/content/posts/bundle/diagram.svg', '/site/assets/img/global.png']);
const fileExists = (p: string) => existing.has(p);

async function missing(text: string, filePath = '/site/content/posts/bundle/index.md') {
  const d = await validateDocument(text, { config: resolveValidationConfig({}), filePath, siteRoot: SITE, fileExists });
  return d.filter((x) => x.code === 'fm/missing-file');
}

describe('fm/missing-file', () => {
  it('flags a missing cover, images item and figure src, on the path itself, in each format', async () => {
    const y = '---\ntitle: T\ndate: 2024-03-14\ncover: /images/gone.png\nimages:\n  - /images/ok.png\n  - "lost.png"\n---\n\n{{< figure src="nope.svg" alt="x" >}}\n{{% figure alt="y" src=`diagram.svg` %}}\n';
    const d = await missing(y);
    assert.deepEqual(
      d.map((x) => ({ start: x.start, end: x.end })),
      [spanOf(y, '/images/gone.png'), spanOf(y, 'lost.png'), spanOf(y, 'nope.svg')],
    );
    assert.equal(d[0].message, 'cover: "/images/gone.png" not found (looked for static/images/gone.png, assets/images/gone.png, content/images/gone.png)');

    const t = '+++\ntitle = "T"\ndate = 2024-03-14\nimages = ["/images/ok.png", "/images/no.png"]\n+++\n';
    assert.deepEqual((await missing(t)).map((x) => [x.start, x.end]), [[spanOf(t, '/images/no.png').start, spanOf(t, '/images/no.png').end]]);
    const j = '{"title": "T", "date": "2024-03-14", "cover": {"image": "diagram.svg"}, "image": "img/global.png"}\n';
    assert.deepEqual(await missing(j), []);
    const j2 = '{"title": "T", "date": "2024-03-14", "cover": {"image": "x.svg"}}\n';
    assert.equal((await missing(j2))[0].message.startsWith('cover.image: "x.svg"'), true);
  });

  it('finds files beside the bundle, in static/, assets/ and at their content path; ignores URLs', async () => {
    const y =
      '---\ntitle: T\ndate: 2024-03-14\ncover: diagram.svg\nimages: ["/images/ok.png", "img/global.png", "https://x.test/a.png", "/posts/bundle/diagram.svg", "diagram.svg?w=3#top"]\n---\n{{< figure src="{{ .Site.Params.logo }}" >}}\n{{</* figure src="escaped.png" */>}}\n';
    assert.deepEqual(await missing(y), []);
  });

  it('skips file checks without a site root or a fileExists', async () => {
    const y = '---\ntitle: T\ndate: 2024-03-14\ncover: /nope.png\n---\n';
    assert.deepEqual((await validateDocument(y, { filePath: '/a/b.md' })).filter((x) => x.code === 'fm/missing-file'), []);
    const off = await validateDocument(y, { config: resolveValidationConfig({ severity: { 'fm/missing-file': 'off' } }), filePath: '/site/content/a.md', siteRoot: SITE, fileExists });
    assert.deepEqual(off, []);
  });

  it('lists references with exact offsets', () => {
    const text = '---\ncover: "a b.png"\n---\n{{< figure src=plain.png >}}';
    const refs = fileReferences(text, parseFrontMatter(text));
    assert.deepEqual(
      refs.map((r) => [r.source, text.slice(r.start, r.end)]),
      [
        ['cover', 'a b.png'],
        ['figure', 'plain.png'],
      ],
    );
  });

  it('joins paths without leaving the root', () => {
    assert.equal(joinPath('/site/content/posts', '../../static/x.png'), '/site/static/x.png');
    assert.equal(joinPath('/site', '/../../etc'), '/etc');
    assert.deepEqual(candidatePaths('a%20b.png', { filePath: '/s/content/p/index.md', siteRoot: '/s' }, { staticDirs: ['static'] }), ['/s/content/p/a b.png', '/s/static/a b.png']);
  });

  it('finds a bundle file named by its site-absolute URL under the page\'s own permalink', async () => {
    // A blog bundle publishes at /:year/:month/:day/:slug/ and references its cover by that URL.
    const hugo = hugoConfigLayer({ baseURL: 'https://example.org/', permalinks: { posts: '/:year/:month/:day/:slug/' } });
    const files = new Set(['/site/content/posts/2023-06-21-launch/cover.jpg']);
    const check = async (text: string, filePath = '/site/content/posts/2023-06-21-launch/index.md', layer = hugo) =>
      (await validateDocument(text, { config: resolveValidationConfig(layer), filePath, siteRoot: SITE, fileExists: (p) => files.has(p) })).filter((x) => x.code === 'fm/missing-file');
    const post = (cover: string) => `---\ntitle: Launch\ndate: 2023-06-21T10:00:00-07:00\nslug: launch-day\ncover: ${cover}\n---\n`;
    assert.deepEqual(await check(post('/2023/06/21/launch-day/cover.jpg')), []);
    assert.deepEqual(await check(post('/2023/06/21/launch-day/cover%2Ejpg')), [], 'percent-encoded');
    // Another day, a file the bundle lacks, a path out of the bundle, a page that is no bundle: still missing.
    assert.equal((await check(post('/2023/06/22/launch-day/cover.jpg'))).length, 1);
    assert.equal((await check(post('/2023/06/21/launch-day/other.jpg'))).length, 1);
    assert.equal((await check(post('/2023/06/21/launch-day/../2023-06-21-launch/cover.jpg'))).length, 1);
    assert.equal((await check(post('/2023/06/21/launch-day/cover.jpg'), '/site/content/posts/2023-06-21-launch.md')).length, 1);
    // Without permalinks the slug names the page under its section (Hugo's default), with or without the baseURL path.
    assert.deepEqual(await check(post('/posts/launch-day/cover.jpg'), undefined, {}), []);
    const sub = hugoConfigLayer({ baseURL: 'https://example.org/blog/' });
    assert.deepEqual(await check(post('/blog/posts/launch-day/cover.jpg'), undefined, sub), []);
    assert.deepEqual(await check(post('/posts/launch-day/cover.jpg'), undefined, sub), []);
    const d = await check(post('/2023/06/21/launch-day/gone.jpg'));
    assert.match(d[0].message, /looked for content\/posts\/2023-06-21-launch\/gone\.jpg, static/);
  });
});
