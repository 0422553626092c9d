import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { SpellingPass, dominantSpelling, termKey, termOccurrences, type TermSpellingProvider } from '../../src/core/validate';
import { Prng } from '../../bench/prng';
import { check, expectNone, expectOne, withCode } from './validateHelpers';

const yaml = (body: string) => `---\ntitle: T\ndate: 2024-03-14\n${body}---\nBody\n`;
const toml = (body: string) => `+++\ntitle = "T"\ndate = 2024-03-14\n${body}+++\n`;
const json = (members: string) => `{\n  "title": "T",\n  "date": "2024-03-14",\n  ${members}\n}\n`;

describe('taxonomy rules', () => {
  describe('termKey', () => {
    it('up to Hugo 0.122: merges terms the way Hugo builds their URLs', () => {
      assert.equal(termKey('Docker', 'urlized'), 'docker');
      assert.equal(termKey('  Hello   World ', 'urlized'), 'hello-world');
      assert.equal(termKey('hello-world', 'urlized'), 'hello-world');
      assert.equal(termKey('C++', 'urlized'), 'c++');
      assert.equal(termKey('Docker!', 'urlized'), 'docker');
      assert.equal(termKey('Ärger', 'urlized'), 'ärger');
    });

    it('from Hugo 0.123 (the default): lowercased, each space a hyphen, nothing dropped', () => {
      assert.equal(termKey('Docker'), 'docker');
      assert.equal(termKey('Hello World'), 'hello-world');
      assert.equal(termKey('  Hello   World '), '--hello---world-');
      assert.equal(termKey('Docker!'), 'docker!');
      assert.equal(termKey('Ärger'), 'ärger');
    });
  });

  describe('fm/tags-string', () => {
    it('flags a comma-separated string in each format, on the value', () => {
      const y = yaml('tags: "docker, buildkit"\n');
      const d = expectOne(y, check(y), 'fm/tags-string', '"docker, buildkit"');
      // Hugo makes one term of one string: 0.111.3 builds `tags: "docker, swarm"` as the one term page
      // /tags/docker-swarm/ (hugolib/content_map_page_assembler.go takes each value as it is).
      assert.equal(d.message, '"tags" is one string, not a list: Hugo keeps "docker, buildkit" as one term (/tags/docker-buildkit/). Write a list if these are several terms');
      assert.doesNotMatch(d.message, /split/);
      const t = toml("categories = 'How-to, Ops'\n");
      expectOne(t, check(t), 'fm/tags-string', "'How-to, Ops'");
      const j = json('"tags": "docker kubernetes"');
      assert.match(expectOne(j, check(j), 'fm/tags-string', '"docker kubernetes"').message, /keeps "docker kubernetes" as one term \(\/tags\/docker-kubernetes\/\)/);
    });

    it('leaves one-word strings and lists alone', () => {
      const y = yaml('tags: docker\ncategories: [a, b]\n');
      expectNone(y, check(y), 'fm/tags-string');
    });

    it('applies to configured taxonomies', () => {
      const y = yaml('series: "a, b"\n');
      expectNone(y, check(y), 'fm/tags-string');
      expectOne(y, check(y, { taxonomies: ['series'] }), 'fm/tags-string', '"a, b"');
    });
  });

  describe('fm/duplicate-tag', () => {
    it('flags the later of two terms Hugo merges, in each format', () => {
      const y = yaml('tags:\n  - docker\n  - debugging\n  - Docker\n');
      assert.equal(expectOne(y, check(y), 'fm/duplicate-tag', 'Docker').message, '"Docker" repeats "docker" (line 5): Hugo compares tags lowercased, so they are one term');
      const t = toml('tags = ["Hello World", "x", "hello-world"]\n');
      expectOne(t, check(t), 'fm/duplicate-tag', '"hello-world"');
      const j = json('"categories": ["Ops", "ops"]');
      expectOne(j, check(j), 'fm/duplicate-tag', '"ops"');
    });

    it('does not flag the same term in two taxonomies, or distinct terms', () => {
      const y = yaml('tags: [docker, dockerfile]\ncategories: [docker]\n');
      expectNone(y, check(y), 'fm/duplicate-tag');
    });

    it('finds a repeat deep in a long list, and forgets it for the next post', () => {
      // Past 16 terms a list's repeats are looked up in a table that outlives the post.
      const many = Array.from({ length: 40 }, (_, i) => `t${i}`);
      const long = yaml(`tags: [${[...many, 'T7'].join(', ')}]\ncategories: [${many.slice(0, 20).join(', ')}]\n`);
      assert.equal(expectOne(long, check(long), 'fm/duplicate-tag', 'T7').message, '"T7" repeats "t7" (line 4): Hugo compares tags lowercased, so they are one term');
      const next = yaml(`tags: [${many.join(', ')}]\n`);
      expectNone(next, check(next), 'fm/duplicate-tag');
      // Two keys that share a term page (Hugo 0.123 and later), far apart in a long list.
      const shared = yaml(`tags: [${[...many.slice(0, 30), 'c++!', ...many.slice(30), 'C++'].join(', ')}]\n`);
      assert.match(expectOne(shared, check(shared, { hugoVersion: { version: '0.123.0', source: 'test' } }), 'fm/duplicate-tag', 'C++').message, /^"C\+\+" and "c\+\+!" \(line 4\) are two tags .* both get the page \/tags\/c\+\+\//);
    });
  });

  describe('fm/tag-spelling', () => {
    const counter = { provider: tagSpellings([['Kubernetes'], ['Kubernetes'], ['Kubernetes'], ['Kubernetes'], ['kubernetes'], ['GitOps'], ['gitops']]) };

    it('flags a spelling fewer posts use than another, in each format', () => {
      const y = yaml('tags:\n  - kubernetes\n');
      const d = expectOne(y, check(y, {}, { termSpellings: counter.provider }), 'fm/tag-spelling', 'kubernetes');
      assert.match(d.message, /^"kubernetes" is written "Kubernetes" in 4 posts/);
      const t = toml('tags = ["kubernetes"]\n');
      expectOne(t, check(t, {}, { termSpellings: counter.provider }), 'fm/tag-spelling', '"kubernetes"');
      const j = json('"tags": ["KUBERNETES"]');
      expectOne(j, check(j, {}, { termSpellings: counter.provider }), 'fm/tag-spelling', '"KUBERNETES"');
    });

    it('stays quiet for the leading spelling, a tie, or without workspace spellings', () => {
      const y = yaml('tags: [Kubernetes, gitops]\n');
      expectNone(y, check(y, {}, { termSpellings: counter.provider }), 'fm/tag-spelling');
      const z = yaml('tags: [kubernetes]\n');
      expectNone(z, check(z), 'fm/tag-spelling');
    });

    it('counts a spelling once per post', () => {
      const provider = tagSpellings([['Go', 'Go', 'go'], ['go']]);
      assert.deepEqual(provider('tags', 'go'), [
        { spelling: 'Go', count: 1 },
        { spelling: 'go', count: 2 },
      ]);
      assert.equal(dominantSpelling([{ spelling: 'a', count: 2 }, { spelling: 'A', count: 2 }]), undefined);
    });
  });

  describe('fm/tag-not-allowed', () => {
    it('flags terms outside the allowed list, suggesting the nearest', () => {
      const y = yaml('tags: [docker, kubernets, Docker]\n');
      const d = check(y, { allowedTags: { tags: ['docker', 'kubernetes'] } });
      assert.match(expectOne(y, d, 'fm/tag-not-allowed', 'kubernets').message, /did you mean "kubernetes"/);
      const t = toml('categories = ["Ops"]\n');
      expectNone(t, check(t, { allowedTags: { tags: ['docker'] } }), 'fm/tag-not-allowed');
      expectOne(t, check(t, { allowedTags: { categories: ['How-to'] } }), 'fm/tag-not-allowed', '"Ops"');
      const j = json('"tags": ["Docker", "podman"]');
      expectOne(j, check(j, { allowedTags: { tags: ['docker'] } }), 'fm/tag-not-allowed', '"podman"');
    });
  });

  describe('fm/type and fm/empty-value on taxonomies', () => {
    it('flags a mapping, nested lists and empty terms', () => {
      const y = yaml('tags:\n  - [a]\n  - ""\ncategories:\n  a: b\n');
      const d = check(y);
      assert.equal(withCode(d, 'fm/type').length, 2);
      expectOne(y, d, 'fm/empty-value', '""');
    });
  });

  it('judges spellings only after every post is counted (SpellingPass)', () => {
    const pass = new SpellingPass<string>();
    const t = (spelling: string) => ({ taxonomy: 'tags', spelling, key: termKey(spelling) });
    pass.addPost([t('kubernetes'), t('Kubernetes')], true, (x) => `a.md ${x.spelling}`);
    pass.addPost([t('Kubernetes')], true, (x) => `b.md ${x.spelling}`);
    pass.addPost([t('Kubernetes')], false, (x) => `c.md ${x.spelling}`);
    // a.md writes both: only its first spelling is judged; c.md is counted but not judged.
    assert.deepEqual(
      pass.problems().map((p) => [p.ref, p.spelling, p.term.spelling]),
      [['a.md kubernetes', 'Kubernetes', 'kubernetes']],
    );
    assert.deepEqual(pass.provider()('tags', 'kubernetes'), [
      { spelling: 'kubernetes', count: 1 },
      { spelling: 'Kubernetes', count: 3 },
    ]);
  });

  it('counts and judges a post with hundreds of terms as it does a short one', () => {
    // Short posts compare each term with the earlier ones; long ones (over 64 terms) keep sets.
    // Both must match this plain statement of the rule: a spelling counts once per post, and only
    // the first spelling of each term in a post is judged.
    const words = ['Kubernetes', 'kubernetes', 'KUBERNETES', 'GitOps', 'gitops', 'Docker', 'docker', 'on call', 'On-Call', 'Helm'];
    const rng = new Prng(7);
    const posts = Array.from({ length: 60 }, (_, p) =>
      Array.from({ length: p % 3 === 0 ? rng.int(65, 400) : rng.int(1, 40) }, () => {
        const spelling = words[rng.int(0, words.length - 1)];
        return { taxonomy: rng.next() < 0.7 ? 'tags' : 'categories', spelling, key: termKey(spelling) };
      }),
    );
    const counts = new Map<string, number>();
    const judged: string[] = [];
    posts.forEach((terms, p) => {
      const spellings = new Set<string>();
      const keys = new Set<string>();
      for (const [i, t] of terms.entries()) {
        if (spellings.has(`${t.taxonomy} ${t.spelling}`)) continue;
        spellings.add(`${t.taxonomy} ${t.spelling}`);
        counts.set(`${t.taxonomy} ${t.spelling}`, (counts.get(`${t.taxonomy} ${t.spelling}`) ?? 0) + 1);
        if (!keys.has(`${t.taxonomy} ${t.key}`)) judged.push(`${p}:${i}`);
        keys.add(`${t.taxonomy} ${t.key}`);
      }
    });
    const pass = new SpellingPass<string>();
    const refs: string[] = [];
    posts.forEach((terms, p) => pass.addPost(terms, true, (t) => (refs.push(`${p}:${terms.indexOf(t)}`), `${p}`)));
    assert.deepEqual(refs, judged);
    const provider = pass.provider();
    for (const [taxonomySpelling, count] of counts) {
      const [taxonomy, spelling] = [taxonomySpelling.slice(0, taxonomySpelling.indexOf(' ')), taxonomySpelling.slice(taxonomySpelling.indexOf(' ') + 1)];
      assert.equal(provider(taxonomy, termKey(spelling)).find((s) => s.spelling === spelling)?.count, count, taxonomySpelling);
    }
    assert.ok(posts.some((t) => t.length > 64) && posts.some((t) => t.length <= 64));
  });

  it('lists term occurrences with their positions', () => {
    const text = yaml('tags: [A, "b"]\n');
    const occ = termOccurrences(parseFrontMatter(text).fields, ['tags', 'categories']);
    assert.deepEqual(
      occ.map((o) => [o.spelling, o.key, text.slice(o.node.start, o.node.end)]),
      [
        ['A', 'a', 'A'],
        ['b', 'b', '"b"'],
      ],
    );
  });
});

/** The spellings of `tags` over posts as the CLI and "Check All Posts" count them (each post's terms in order). */
function tagSpellings(posts: readonly (readonly string[])[]): TermSpellingProvider {
  const pass = new SpellingPass<undefined>();
  for (const terms of posts) pass.addPost(terms.map((spelling) => ({ taxonomy: 'tags', spelling, key: termKey(spelling) })), false, () => undefined);
  return pass.provider();
}
