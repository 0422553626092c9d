import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { displaySpelling, PostIndex, PostReader, type PostData } from '../../src/core/index';
import { termKey, termUrl } from '../../src/core/tags/termKey';

const TAXONOMIES = ['tags', 'categories'];

function post(path: string, tags: string[], categories: string[] = [], extra: Partial<PostData> = {}): PostData {
  return { path, draft: false, format: 'yaml', terms: [tags, categories], ...extra };
}

describe('termKey (how Hugo merges terms)', () => {
  it('lowercases, so spellings that differ only in case are one term', () => {
    assert.equal(termKey('Docker'), 'docker');
    assert.equal(termKey('DOCKER'), 'docker');
    assert.equal(termKey('Kubernetes'), termKey('kubernetes'));
  });

  it('up to Hugo 0.122 (urlized): turns runs of white space between kept characters into one hyphen', () => {
    assert.equal(termKey('Hot Dogs', 'urlized'), 'hot-dogs');
    assert.equal(termKey('hot-dogs', 'urlized'), 'hot-dogs');
    assert.equal(termKey('  GitHub   Actions ', 'urlized'), 'github-actions');
    assert.equal(termKey('a - b', 'urlized'), 'a-b');
  });

  it('up to Hugo 0.122 (urlized): keeps Hugo’s allowed punctuation and drops the rest', () => {
    assert.equal(termKey('C++', 'urlized'), 'c++');
    assert.equal(termKey('node.js', 'urlized'), 'node.js');
    assert.equal(termKey('CI/CD', 'urlized'), 'ci/cd');
    assert.equal(termKey('c#', 'urlized'), 'c#');
    assert.equal(termKey("it's", 'urlized'), 'its');
    assert.equal(termKey('🐳 docker', 'urlized'), 'docker');
    assert.equal(termKey('100%25', 'urlized'), '100%25');
    assert.equal(termKey('Ünïcödé', 'urlized'), 'ünïcödé');
  });

  it('keeps a term made only of dropped characters findable', () => {
    assert.equal(termKey('!!!'), '!!!');
  });

  it('gives the term page URL', () => {
    assert.equal(termUrl('Tags', termKey('Hot Dogs')), '/tags/hot-dogs/');
  });
});

describe('PostIndex', () => {
  it('adds posts and counts posts per term, merging spellings the way Hugo does', () => {
    const index = new PostIndex(TAXONOMIES);
    index.set(post('/a.md', ['Docker', 'Kubernetes'], ['Containers']));
    index.set(post('/b.md', ['docker', 'Hot Dogs']));
    index.set(post('/c.md', ['DOCKER', 'hot-dogs', 'docker']));
    const docker = index.term('tags', 'Docker');
    assert.ok(docker);
    assert.equal(docker.key, 'docker');
    assert.deepEqual([...docker.posts].sort(), ['/a.md', '/b.md', '/c.md']);
    // /c.md writes two spellings: each counts once for that post.
    assert.deepEqual(Object.fromEntries(docker.spellings), { Docker: 1, docker: 2, DOCKER: 1 });
    assert.equal(displaySpelling(docker), 'docker');
    assert.deepEqual([...(index.term('tags', 'hot dogs')?.posts ?? [])].sort(), ['/b.md', '/c.md']);
    assert.equal(index.termCount('tags'), 3);
    assert.equal(index.termCount('categories'), 1);
    assert.deepEqual([...index.postsWithout('categories')].sort(), ['/b.md', '/c.md']);
    assert.deepEqual([...index.postsWithout('tags')], []);
  });

  it('updates one post: old terms lose it, new terms gain it, empty terms disappear', () => {
    const index = new PostIndex(TAXONOMIES);
    index.set(post('/a.md', ['Docker', 'Rare']));
    index.set(post('/b.md', ['docker']));
    assert.equal(index.set(post('/a.md', ['Helm'])), true);
    assert.deepEqual([...(index.term('tags', 'docker')?.posts ?? [])], ['/b.md']);
    assert.deepEqual(Object.fromEntries(index.term('tags', 'docker')?.spellings ?? []), { docker: 1 });
    assert.equal(index.term('tags', 'rare'), undefined);
    assert.deepEqual([...(index.term('tags', 'helm')?.posts ?? [])], ['/a.md']);
    assert.equal(index.set(post('/a.md', ['Helm'])), false, 'setting identical data is not a change');
  });

  it('deletes and renames posts', () => {
    const index = new PostIndex(TAXONOMIES);
    index.set(post('/a.md', ['x']));
    index.set(post('/b.md', []));
    assert.equal(index.rename('/a.md', '/z.md'), true);
    assert.deepEqual([...(index.term('tags', 'x')?.posts ?? [])], ['/z.md']);
    assert.equal(index.get('/z.md')?.path, '/z.md');
    assert.equal(index.has('/a.md'), false);
    assert.equal(index.delete('/z.md'), true);
    assert.equal(index.term('tags', 'x'), undefined);
    assert.equal(index.delete('/z.md'), false);
    assert.deepEqual([...index.postsWithout('tags')], ['/b.md']);
    assert.deepEqual(index.deleteUnder('/'), ['/b.md']);
    assert.equal(index.size, 0);
  });

  it('deletes every post under a removed folder', () => {
    const index = new PostIndex(TAXONOMIES);
    for (const p of ['/w/content/a.md', '/w/content/sub/b.md', '/w/contentious.md']) index.set(post(p, ['t']));
    assert.deepEqual(index.deleteUnder('/w/content').sort(), ['/w/content/a.md', '/w/content/sub/b.md']);
    assert.deepEqual([...index.paths()], ['/w/contentious.md']);
  });

  it('reads taxonomy keys case-insensitively and keeps extra taxonomies', () => {
    const index = new PostIndex(['tags', 'categories', 'series']);
    const reader = new PostReader(index.taxonomies, index.intern);
    index.set(reader.fromText('/a.md', '---\nTags: [A]\nSERIES: "Deep Dive"\n---\n'));
    assert.ok(index.term('tags', 'a'));
    assert.deepEqual([...(index.term('series', 'deep-dive')?.posts ?? [])], ['/a.md']);
    assert.equal(index.term('Series', 'Deep Dive')?.key, 'deep-dive');
  });

  it('shares one copy of each term string between posts', () => {
    const index = new PostIndex(TAXONOMIES);
    const reader = new PostReader(index.taxonomies, index.intern);
    const a = reader.fromText('/a.md', '---\ntags: [Kubernetes-Operators]\n---\n');
    const b = reader.fromText('/b.md', '+++\ntags = ["Kubernetes-Operators"]\n+++\n');
    assert.equal(a.terms[0][0], 'Kubernetes-Operators');
    assert.equal(index.intern(a.terms[0][0]), index.intern(b.terms[0][0]));
  });

  it('counts a term’s posts at once and gathers their paths when first asked, one term or all', () => {
    const index = new PostIndex(TAXONOMIES);
    const tags = ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'];
    for (let i = 0; i < 40; i++) index.set(post(`/p${i}.md`, tags.filter((_, k) => i % (k + 1) === 0), i % 2 ? ['Even'] : []));
    const expected = (k: number) => Array.from({ length: 40 }, (_, i) => i).filter((i) => i % (k + 1) === 0).map((i) => `/p${i}.md`).sort();
    // The first terms asked for are gathered one by one, the rest in one pass; all must agree.
    for (let k = 0; k < tags.length; k++) {
      const term = index.term('tags', tags[k])!;
      assert.equal(term.postCount, expected(k).length);
      assert.deepEqual([...term.posts].sort(), expected(k), tags[k]);
    }
    // Gathered sets follow later changes; a term no one asked for is gathered right after them.
    index.set(post('/p0.md', ['t7']));
    index.delete('/p6.md');
    index.set(post('/new.md', ['T1', 't1'], ['even']));
    assert.deepEqual([...index.term('tags', 't1')!.posts].sort(), expected(1).filter((p) => p !== '/p0.md' && p !== '/p6.md').concat('/new.md').sort());
    assert.equal(index.term('tags', 't1')!.postCount, index.term('tags', 't1')!.posts.size);
    assert.deepEqual([...index.term('tags', 't7')!.posts].sort(), ['/p0.md', '/p16.md', '/p24.md', '/p32.md', '/p8.md']);
    assert.equal(index.term('categories', 'even')!.postCount, 21);
    assert.equal(index.term('categories', 'even')!.posts.size, 21);
  });

  describe('an index updated one post at a time equals one rebuilt from scratch', () => {
    const path = fc.constantFrom('/a.md', '/b.md', '/c.md', '/d.md', '/notes/e.md', '/notes/f.md');
    const term = fc.constantFrom('Docker', 'docker', 'DOCKER', 'Hot Dogs', 'hot-dogs', 'k8s', 'Helm', 'CI/CD', 'go', 'Go ', '🐳');
    const data = fc.record({ tags: fc.array(term, { maxLength: 5 }), categories: fc.array(term, { maxLength: 2 }), draft: fc.boolean(), title: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }) });
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), path, data }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), path, to: path }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteUnder' as const), dir: fc.constantFrom('/notes', '/') }) },
      // Someone opens a term: its posts are gathered, then kept up to date by the later changes.
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('look' as const), taxonomy: fc.constantFrom(...TAXONOMIES), term }) },
    );

    it('over random add/update/delete/rename sequences', () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 40 }), fc.nat(), (ops, seed) => {
          const live = new PostIndex(TAXONOMIES);
          const model = new Map<string, PostData>();
          for (const o of ops) {
            if (o.kind === 'set') {
              const p = post(o.path, o.data.tags, o.data.categories, { draft: o.data.draft, ...(o.data.title !== undefined ? { title: o.data.title } : {}) });
              live.set(p);
              model.set(o.path, p);
            } else if (o.kind === 'delete') {
              live.delete(o.path);
              model.delete(o.path);
            } else if (o.kind === 'rename') {
              const moved = model.get(o.path);
              // Renaming onto an existing post replaces it, as a file move does.
              if (moved && o.path !== o.to) {
                live.delete(o.to);
                live.rename(o.path, o.to);
                model.delete(o.path);
                model.set(o.to, { ...moved, path: o.to });
              }
            } else if (o.kind === 'look') {
              void live.term(o.taxonomy, o.term)?.posts.size;
            } else {
              live.deleteUnder(o.dir);
              for (const p of [...model.keys()]) if (p.startsWith(o.dir === '/' ? '/' : `${o.dir}/`)) model.delete(p);
            }
          }
          // Rebuild in a shuffled order: the result must not depend on the order either.
          const entries = [...model.values()];
          for (let i = entries.length - 1; i > 0; i--) {
            const j = (seed + i * 7919) % (i + 1);
            [entries[i], entries[j]] = [entries[j], entries[i]];
          }
          const rebuilt = new PostIndex(TAXONOMIES);
          for (const p of entries) rebuilt.set(p);
          assert.deepEqual(live.snapshot(), rebuilt.snapshot());
          for (const taxonomy of TAXONOMIES) {
            for (const t of live.terms(taxonomy)) assert.equal(t.postCount, t.posts.size, `${taxonomy} ${t.key}: count and posts agree`);
          }
        }),
        { numRuns: 500 },
      );
    });
  });
});
