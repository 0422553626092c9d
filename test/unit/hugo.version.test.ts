import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseYamlFrontMatter } from '../../src/core/frontmatter/yaml';
import { foldKey, keptFields, parseFrontMatter } from '../../src/core/frontmatter';
import { PostIndex, PostReader } from '../../src/core/index';
import { termKey } from '../../src/core/tags/termKey';
import { detectHugoVersion, hugoRules, NEWEST_HUGO, normalizeVersion } from '../../src/core/site/hugoVersion';
import { NEWEST_HUGO_FOR_URLS, termPagesDisabledBy } from '../../src/core/site';
import { applyEdits, computeTermEdits } from '../../src/core/tags/termEdits';
import { goToLower } from '../../src/core/text/goCase';
import { loadSiteConfig, parseProjectConfig, resolveValidationConfig, termOccurrences } from '../../src/core/validate';
import { MemoryFileSystem } from './indexHelpers';
import { check, expectNone, expectOne, withCode } from './validateHelpers';

const OLD = { hugoVersion: { version: '0.111.3', source: 'test' } };
const V122 = { hugoVersion: { version: '0.122.0', source: 'test' } };
const V123 = { hugoVersion: { version: '0.123.0', source: 'test' } };
const V134 = { hugoVersion: { version: '0.134.3', source: 'test' } };
const V135 = { hugoVersion: { version: '0.135.0', source: 'test' } };
const V151 = { hugoVersion: { version: '0.151.2', source: 'test' } };
const V152 = { hugoVersion: { version: '0.152.0', source: 'test' } };

describe('the site’s Hugo version', () => {
  describe('where sites pin it', () => {
    const site = (files: Record<string, string>) => {
      const fs = new MemoryFileSystem();
      fs.writeFile('/repo/.git/HEAD', 'ref: main\n');
      fs.writeFile('/repo/site/content/a.md', '---\ntitle: a\n---\n');
      for (const [p, text] of Object.entries(files)) fs.writeFile(`/repo/${p}`, text);
      return detectHugoVersion(fs, '/repo/site');
    };

    it('netlify.toml HUGO_VERSION', async () => {
      assert.deepEqual(await site({ 'site/netlify.toml': '[build.environment]\n  NODE_VERSION = "24"\n  HUGO_VERSION = "0.122.0"\n' }), {
        version: '0.122.0',
        source: 'netlify.toml (HUGO_VERSION)',
      });
    });

    it('a GitHub workflow (hugo-version of the setup action, or HUGO_VERSION), at the repository root above the site', async () => {
      const action = "jobs:\n  build:\n    steps:\n      - uses: peaceiris/actions-hugo@v3\n        with:\n          hugo-version: '0.119.0'\n";
      assert.deepEqual(await site({ '.github/workflows/pages.yml': action }), { version: '0.119.0', source: '.github/workflows/pages.yml (hugo-version)' });
      assert.equal((await site({ '.github/workflows/hugo.yaml': 'env:\n  HUGO_VERSION: 0.128.2\n' }))?.version, '0.128.2');
    });

    it('.gitlab-ci.yml image tags, package.json, .tool-versions and mise', async () => {
      assert.equal((await site({ 'site/.gitlab-ci.yml': 'image: registry.gitlab.com/pages/hugo/hugo_extended:0.121.1\n' }))?.version, '0.121.1');
      assert.equal((await site({ 'site/.gitlab-ci.yml': 'pages:\n  image:\n    name: hugomods/hugo:exts-0.145.0\n' }))?.version, '0.145.0');
      assert.deepEqual(await site({ 'site/package.json': '{"devDependencies": {"hugo-extended": "^0.146.0"}}' }), { version: '0.146.0', source: 'package.json (devDependencies.hugo-extended)' });
      assert.equal((await site({ 'site/package.json': '{"hugo-bin": {"version": "0.110.0"}}' }))?.version, '0.110.0');
      assert.equal((await site({ 'site/.tool-versions': 'nodejs 20.1.0\nhugo extended_0.125.4\n' }))?.version, '0.125.4');
      assert.equal((await site({ 'site/.mise.toml': '[tools]\nhugo = "0.131.0"\n' }))?.version, '0.131.0');
    });

    it('module.hugoVersion.min of the site config, after the build files', async () => {
      const data = { module: { hugoVersion: { extended: true, min: '0.146.0' } } };
      const fs = new MemoryFileSystem().writeFile('/s/hugo.toml', '');
      assert.deepEqual(await detectHugoVersion(fs, '/s', { path: '/s/hugo.toml', data }), { version: '0.146.0', source: 'hugo.toml (module.hugoVersion.min)' });
      fs.writeFile('/s/netlify.toml', 'HUGO_VERSION = "0.147.1"\n');
      assert.equal((await detectHugoVersion(fs, '/s', { path: '/s/hugo.toml', data }))?.version, '0.147.1');
    });

    it('none: undefined, and the configuration then judges by the newest Hugo', async () => {
      assert.equal(await site({}), undefined);
      const config = resolveValidationConfig();
      assert.equal(config.hugo.version, NEWEST_HUGO);
      assert.equal(config.hugo.source, 'default: the newest Hugo');
    });

    it('.devops-notes.json hugo.version wins over what the site pins', async () => {
      const fs = new MemoryFileSystem()
        .writeFile('/s/content/a.md', '')
        .writeFile('/s/netlify.toml', 'HUGO_VERSION = "0.122.0"\n')
        .writeFile('/s/.devops-notes.json', '{ "hugo": { "version": "0.111.3" } }');
      const site = await loadSiteConfig(fs, '/s');
      assert.equal(site.hugo?.hugoVersion?.version, '0.122.0');
      const config = resolveValidationConfig(site.hugo, site.project);
      assert.deepEqual([config.hugo.version, config.hugo.source, config.hugo.termKeys], ['0.111.3', '.devops-notes.json (hugo.version)', 'urlized']);
      assert.match(parseProjectConfig('{ "hugo": { "version": "soon" } }').problems[0].message, /not a Hugo version/);
      assert.equal(normalizeVersion('latest'), NEWEST_HUGO);
      assert.equal(normalizeVersion('v0.140'), '0.140.0');
    });
  });

  it('the newest Hugo is the one page URLs follow too', () => {
    assert.equal(NEWEST_HUGO, NEWEST_HUGO_FOR_URLS);
  });

  it('the rules of each version change where Hugo changed', () => {
    assert.deepEqual(hugoRules('0.122.0'), { termKeys: 'urlized', yaml: '1.1', badDates: 'dropped' });
    assert.deepEqual(hugoRules('0.123.0'), { termKeys: 'lowercased', yaml: '1.1', badDates: 'dropped' });
    assert.deepEqual(hugoRules('0.135.0'), { termKeys: 'lowercased', yaml: '1.1', badDates: 'error' });
    assert.deepEqual(hugoRules('0.151.2'), { termKeys: 'lowercased', yaml: '1.1', badDates: 'error' });
    assert.deepEqual(hugoRules('0.152.0'), { termKeys: 'lowercased', yaml: '1.2', badDates: 'error' });
    assert.deepEqual(hugoRules('1.0.0'), { termKeys: 'lowercased', yaml: '1.2', badDates: 'error' });
  });

  describe('term identity', () => {
    // <= 0.122: hugolib/site.go Site.getTaxonomyKey (strings.ToLower(PathSpec.MakePath(term))).
    // >= 0.123: hugolib/content_map_page.go assembleTermsAndTranslations files each term under
    // PathParser().Parse(".../<term>/_index.md").Base(), which common/paths/pathparser.go
    // NormalizePathStringBasic lowercases with each space as "-".
    it('up to 0.122, C++ and c++! are one term; from 0.123 two terms that share one URL', () => {
      assert.equal(termKey('C++', 'urlized'), termKey('c++!', 'urlized'));
      assert.notEqual(termKey('C++', 'lowercased'), termKey('c++!', 'lowercased'));
      const text = '---\ntitle: a\ndate: 2024-03-14\ntags: [C++, "c++!"]\n---\n';
      assert.match(expectOne(text, check(text, V122), 'fm/duplicate-tag', '"c++!"').message, /Hugo 0\.122\.0 files tags by their URL \(\/tags\/c\+\+\/\), so they are one term/);
      // From 0.123 the validator says what the tree and `tags` say: two terms, one page.
      const shared = expectOne(text, check(text, V123), 'fm/duplicate-tag', '"c++!"');
      assert.equal(shared.severity, 'warning');
      const index = (style: 'urlized' | 'lowercased') => {
        const i = new PostIndex(['tags'], { termKeys: style, yaml: '1.2' });
        i.set(new PostReader(['tags']).fromText('/a.md', text));
        return i;
      };
      assert.equal(index('urlized').termCount('tags'), 1);
      const newer = index('lowercased');
      assert.equal(newer.termCount('tags'), 2);
      assert.deepEqual(
        [...newer.urlCollisions('tags')].map(([url, terms]) => [url, terms.map((t) => t.key).sort()]),
        [['c++', ['c++', 'c++!']]],
      );
      assert.equal(index('urlized').urlCollisions('tags').size, 0);
    });

    it('from 0.123 two terms of one post that share a term page are a warning, with a fix that removes the later', () => {
      // Keys: content_map_page_assembler.go sitePagesAssembler.assembleTerms (PathParser, lowercased);
      // URL: page_paths.go pagePathBuilder.Sanitize -> common/paths/path.go Sanitize drops "!" and
      // "?"; duplicate target paths are reported only with --printPathWarnings
      // (hugo_sites_build.go printPathWarningsOnce): the build does not fail.
      const yaml = '---\ntitle: a\ntags:\n  - C++\n  - go\n  - "c++!"\ncategories: ["Hot Dogs?", "hot dogs"]\n---\n';
      const found = withCode(check(yaml, V123), 'fm/duplicate-tag');
      assert.deepEqual(
        found.map((d) => [d.severity, d.message]),
        [
          ['warning', '"c++!" and "C++" (line 4) are two tags to Hugo 0.123.0, but both get the page /tags/c++/: Hugo writes one term page over the other (it warns only with --printPathWarnings)'],
          ['warning', '"hot dogs" and "Hot Dogs?" (line 7) are two categories to Hugo 0.123.0, but both get the page /categories/hot-dogs/: Hugo writes one term page over the other (it warns only with --printPathWarnings)'],
        ],
      );
      assert.equal(applyEdits(yaml, found[0].fixes[0].edits), '---\ntitle: a\ntags:\n  - C++\n  - go\ncategories: ["Hot Dogs?", "hot dogs"]\n---\n');
      assert.equal(applyEdits(yaml, found[1].fixes[0].edits), '---\ntitle: a\ntags:\n  - C++\n  - go\n  - "c++!"\ncategories: ["Hot Dogs?"]\n---\n');
      // Up to 0.122 these are one term each: the message says so instead (no page collision).
      const older = withCode(check(yaml, V122), 'fm/duplicate-tag');
      assert.equal(older.length, 2);
      for (const d of older) assert.match(d.message, /so they are one term$/);
      // Terms of two taxonomies, or distinct URLs, are no collision; TOML and JSON are judged alike.
      expectNone('---\ntags: [C++]\ncategories: ["c++!"]\n---\n', check('---\ntags: [C++]\ncategories: ["c++!"]\n---\n', V123), 'fm/duplicate-tag');
      expectNone('---\ntags: [C++, C#]\n---\n', check('---\ntags: [C++, C#]\n---\n', V123), 'fm/duplicate-tag');
      const toml = '+++\ntags = ["C++", "c++!"]\n+++\n';
      expectOne(toml, check(toml, V123), 'fm/duplicate-tag', '"c++!"');
      const json = '{\n"tags": ["C++", "c++!"]\n}\n';
      expectOne(json, check(json, V123), 'fm/duplicate-tag', '"c++!"');
    });

    it('folds case as Go does: İstanbul and istanbul are one term, ΟΔΟΣ is οδοσ (both styles)', () => {
      // Go's unicode.ToLower maps U+0130 to "i" and Σ always to σ; JavaScript gives "i̇" and a final ς.
      assert.equal(goToLower('İstanbul'), 'istanbul');
      assert.equal(goToLower('ΟΔΟΣ'), 'οδοσ');
      assert.notEqual('ΟΔΟΣ'.toLowerCase(), 'οδοσ');
      for (const style of ['urlized', 'lowercased'] as const) {
        assert.equal(termKey('İstanbul', style), termKey('istanbul', style));
        assert.equal(termKey('ΟΔΟΣ', style), 'οδοσ');
      }
      assert.equal(foldKey('TİTLE'), 'title');
      const text = '---\ntitle: a\ndate: 2024-03-14\ntags: [İstanbul, istanbul]\n---\n';
      expectOne(text, check(text), 'fm/duplicate-tag', 'istanbul');
    });
  });

  describe('YAML', () => {
    it('up to 0.151 (YAML 1.1) yes/no/on/off are booleans; from 0.152 (YAML 1.2) text', () => {
      const text = '---\ntitle: a\ndate: 2024-03-14\ndraft: yes\nflag: on\ntags: [on, x]\n---\n';
      const old = parseFrontMatter(text, { yaml: '1.1' }).data;
      assert.deepEqual([old.draft, old.flag, old.tags], [true, true, [true, 'x']]);
      const now = parseFrontMatter(text).data;
      assert.deepEqual([now.draft, now.flag, now.tags], ['yes', 'on', ['on', 'x']]);
      // fm/type: "yes" is text to Hugo 0.152+, a boolean before.
      expectOne(text, check(text, V152), 'fm/type', 'yes');
      expectNone(text, check(text, V151), 'fm/type');
      // The index reads draft and the terms the same way (in 1.1, the full parser reads this block).
      const post = new PostReader(['tags'], undefined, '1.1').fromText('/a.md', text);
      assert.deepEqual([post.draft, post.terms[0]], [true, ['true', 'x']]);
      assert.deepEqual(new PostReader(['tags']).fromText('/a.md', text).terms[0], ['on', 'x']);
    });

    it('in YAML 1.1 the fast path gives what the 1.1 parser gives (random blocks of tricky scalars)', () => {
      const scalar = fc.constantFrom('yes', 'No', 'ON', 'off', 'y', 'n', 'true', '0755', '1_000', '0b101', '10', '10:05', '2024-03-01', 'docker', 'say no', '"yes"', 'Piano no', '-1', '0');
      const doc = fc.array(fc.tuple(fc.constantFrom('title', 'draft', 'tags', 'mode', 'n', 'on'), scalar, fc.boolean()), { minLength: 1, maxLength: 6 });
      fc.assert(
        fc.property(doc, (fields) => {
          const body = fields.map(([k, v, list]) => (list ? `${k}: [${v}, x]` : `${k}: ${v}`)).join('\n');
          const text = `---\n${body}\n---\n`;
          const fast = parseFrontMatter(text, { yaml: '1.1' });
          const full = parseYamlFrontMatter(`${body}\n`, 4, '1.1');
          assert.deepEqual(fast.fields.map((f) => [f.key, f.value.value]), full.fields.map((f) => [f.key, f.value.value]), text);
        }),
        { numRuns: 300 },
      );
    });

    // 0.151: gopkg.in/yaml.v2 (parser/metadecoders/decoder.go) keeps the last value, as Hugo 0.111.3 does;
    // 0.152: goccy/go-yaml v1.18 parser/parser.go validateMapKey: "mapping key already defined".
    it('a repeated key: up to 0.151 the last value wins (a warning on the first); from 0.152 an error', () => {
      const text = '---\ntitle: a\ndate: 2024-03-14\ntags: [first]\ntags: [second]\n---\n';
      const old = expectOne(text, check(text, V151), 'fm/duplicate-key', 'tags');
      assert.equal(old.severity, 'warning');
      assert.match(old.message, /keeps only the last value and ignores this one/);
      const now = expectOne(text, check(text, V152), 'fm/duplicate-key', 'tags', 2);
      assert.equal(now.severity, 'error');
      assert.match(now.message, /stops the build/);
      assert.deepEqual(new PostReader(['tags'], undefined, '1.1').fromText('/a.md', text).terms[0], ['second']);
    });
  });

  describe('a date Hugo cannot read', () => {
    // resources/page/pagemeta/page_frontmatter.go newDateFieldHandler: up to 0.134 `return false, nil`
    // (dropped, checked with Hugo 0.111.3); 0.135 returns "invalid front matter".
    it('up to 0.134 is dropped without a word (a warning that says so); from 0.135 an error', () => {
      const text = '---\ntitle: a\ndate: 2024-13-45\n---\n';
      const old = expectOne(text, check(text, V134), 'fm/date-format', '2024-13-45');
      assert.equal(old.severity, 'warning');
      assert.match(old.message, /Hugo 0\.134\.3 \(before 0\.135\) silently drops a date it cannot read: the page has no date/);
      const now = expectOne(text, check(text, V135), 'fm/date-format', '2024-13-45');
      assert.equal(now.severity, 'error');
      assert.match(now.message, /stops the build/);
    });
  });

  describe('mixed-case keys', () => {
    // common/maps/params.go PrepareParams: the key with capitals is stored again lowercased,
    // overwriting the lowercase one in either order (Hugo 0.111.3 gives `a` for both posts below).
    const first = '---\ntitle: a\ndate: 2024-03-14\nTags: [a]\ntags: [b]\n---\n';
    const second = '---\ntitle: a\ndate: 2024-03-14\ntags: [b]\nTags: [a]\n---\n';

    it('the index, the terms and the kept field are the mixed-case spelling’s, in either order', () => {
      for (const text of [first, second]) {
        const parsed = parseFrontMatter(text);
        assert.equal(keptFields(parsed.fields).get('tags')?.key, 'Tags');
        assert.deepEqual(new PostReader(['tags']).fromText('/a.md', text).terms[0], ['a']);
        assert.deepEqual(termOccurrences(parsed.fields, ['tags']).map((t) => t.spelling), ['a']);
        const d = expectOne(text, check(text, OLD), 'fm/duplicate-key', 'tags');
        assert.match(d.message, /Key "tags" is ignored: Hugo lowercases keys, and "Tags" \(line \d\) overwrites it/);
      }
      const toml = '+++\ntitle = "a"\ntags = ["b"]\nTags = ["a"]\n+++\n';
      assert.deepEqual(new PostReader(['tags']).fromText('/a.md', toml).terms[0], ['a']);
      assert.equal(withCode(check(toml), 'fm/duplicate-tag').length, 0);
    });
  });

  describe('disableKinds', () => {
    // hugolib/site.go newSite (0.111): taxonomyTerm beside taxonomy disables terms (Hugo 0.111.3 then
    // builds no /tags/x/ and .Site.Taxonomies is empty); 0.112 config/allconfig maps it to "term";
    // from 0.116 resources/kinds IsDeprecatedAndReplacedWith maps it to "taxonomy" (the list page).
    it('term pages are off with "term", or with the legacy taxonomyTerm as each version read it', () => {
      const jessfraz = ['taxonomy', 'taxonomyTerm'];
      assert.deepEqual(termPagesDisabledBy(jessfraz, '0.111.3'), ['taxonomy', 'taxonomyTerm']);
      assert.deepEqual(termPagesDisabledBy(['taxonomyTerm'], '0.111.3'), undefined);
      assert.deepEqual(termPagesDisabledBy(['taxonomyTerm'], '0.113.0'), ['taxonomyTerm']);
      assert.equal(termPagesDisabledBy(jessfraz, '0.116.0'), undefined);
      assert.deepEqual(termPagesDisabledBy(['RSS', 'term'], NEWEST_HUGO), ['term']);
      assert.equal(termPagesDisabledBy(['taxonomy', 'RSS'], NEWEST_HUGO), undefined);
      assert.equal(termPagesDisabledBy([], '0.111.3'), undefined);
    });
  });

  describe('renames', () => {
    it('match terms as the site’s Hugo merges them, in the field Hugo keeps', () => {
      const text = '---\ntitle: a\ntags: [b]\nTags: [C++, "c++!", x]\n---\n';
      const change = { kind: 'rename' as const, taxonomy: 'tags', from: 'c++', to: 'cpp' };
      const old = computeTermEdits(text, change, { termKeys: 'urlized', yaml: '1.1' });
      assert.equal(applyEdits(text, old.edits), '---\ntitle: a\ntags: [b]\nTags: [cpp, x]\n---\n');
      const now = computeTermEdits(text, change);
      assert.equal(applyEdits(text, now.edits), '---\ntitle: a\ntags: [b]\nTags: [cpp, "c++!", x]\n---\n');
    });
  });
});
