import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { termKey } from '../../src/core/tags/termKey';
import { applyEdits, computeTermEdits, type TermChange } from '../../src/core/tags/termEdits';
import { isSafePlain } from '../../src/core/tags/termFormat';
import { generatedPost } from '../properties/generators';

/** The document after the change; fails when the change was refused. */
function edited(text: string, change: TermChange): string {
  const r = computeTermEdits(text, change);
  assert.equal(r.skipped, undefined, r.skipped);
  return applyEdits(text, r.edits);
}

const rename = (from: string, to: string, taxonomy = 'tags'): TermChange => ({ kind: 'rename', taxonomy, from, to });
const remove = (term: string, taxonomy = 'tags'): TermChange => ({ kind: 'remove', taxonomy, term });

describe('tag refactoring edits', () => {
  describe('YAML', () => {
    const block = '---\ntitle: "Post"\ntags:\n  - Docker # the engine\n  - "k8s"\n  - docker\n  - \'CI/CD\'\ncategories: [Docker]\n---\nBody: tags: Docker\n';

    it('renames every spelling of a term, keeps quoting, comments and other fields', () => {
      assert.equal(
        edited(block, rename('DOCKER', 'Containers')),
        '---\ntitle: "Post"\ntags:\n  - Containers # the engine\n  - "k8s"\n  - \'CI/CD\'\ncategories: [Docker]\n---\nBody: tags: Docker\n',
      );
      assert.equal(edited(block, rename('k8s', 'Kubernetes')), block.replace('"k8s"', '"Kubernetes"'));
      assert.equal(edited(block, rename('ci/cd', "it's")), block.replace("'CI/CD'", "'it''s'"));
    });

    it('quotes a new plain value only when it would not read back as the same string', () => {
      const t = '---\ntags: [a, b]\n---\n';
      assert.equal(edited(t, rename('a', 'Hot Dogs')), '---\ntags: [Hot Dogs, b]\n---\n');
      assert.equal(edited(t, rename('a', 'x, y')), '---\ntags: ["x, y", b]\n---\n');
      assert.equal(edited(t, rename('a', '2024')), '---\ntags: ["2024", b]\n---\n');
      assert.equal(edited(t, rename('a', 'true')), '---\ntags: ["true", b]\n---\n');
      assert.equal(edited('---\ntags:\n- a\n---\n', rename('a', 'b: c')), '---\ntags:\n- "b: c"\n---\n');
    });

    it('merges into a term the post already has without a duplicate', () => {
      assert.equal(edited(block, rename('k8s', 'docker')), '---\ntitle: "Post"\ntags:\n  - Docker # the engine\n  - docker\n  - \'CI/CD\'\ncategories: [Docker]\n---\nBody: tags: Docker\n');
    });

    it('removes whole lines from block lists and leaves `tags: []` when the list empties', () => {
      assert.equal(edited(block, remove('docker')), '---\ntitle: "Post"\ntags:\n  - "k8s"\n  - \'CI/CD\'\ncategories: [Docker]\n---\nBody: tags: Docker\n');
      assert.equal(edited('---\ntags: # mine\n- a\n- A\n---\n', remove('a')), '---\ntags: [] # mine\n---\n');
    });

    it('removes an item and one separator from flow lists', () => {
      assert.equal(edited('---\ntags: [a, b, c]\n---\n', remove('a')), '---\ntags: [b, c]\n---\n');
      assert.equal(edited('---\ntags: [a, b, c]\n---\n', remove('b')), '---\ntags: [a, c]\n---\n');
      assert.equal(edited('---\ntags: [a, b, c]\n---\n', remove('c')), '---\ntags: [a, b]\n---\n');
      assert.equal(edited('---\ntags: [a, A, b, a]\n---\n', remove('a')), '---\ntags: [b]\n---\n');
      assert.equal(edited('---\ntags: [ a ]\n---\n', remove('a')), '---\ntags: []\n---\n');
    });

    it('keeps CRLF line endings and a BOM byte for byte', () => {
      const crlf = '\ufeff---\r\ntags:\r\n  - one\r\n  - two\r\ntitle: x\r\n---\r\nbody\r\n';
      assert.equal(edited(crlf, remove('one')), '\ufeff---\r\ntags:\r\n  - two\r\ntitle: x\r\n---\r\nbody\r\n');
      assert.equal(edited(crlf, rename('two', 'Three')), crlf.replace('- two', '- Three'));
    });

    it('handles a single term written as a plain value, and keys in any case', () => {
      assert.equal(edited('---\nTags: docker\n---\n', rename('Docker', 'containers')), '---\nTags: containers\n---\n');
      assert.equal(edited('---\nTags: docker\n---\n', remove('docker')), '---\nTags: []\n---\n');
    });
  });

  describe('TOML', () => {
    it('keeps basic and literal strings, one-line and multi-line arrays', () => {
      const t = "+++\ntitle = 'x'\ntags = [\"Docker\", 'k8s', \"hot dogs\"]\ncategories = [\n  \"Ops\", # why\n  \"Dev\",\n]\n[params]\ntags = [\"docker\"]\n+++\nbody";
      assert.equal(edited(t, rename('docker', 'Moby')), t.replace('"Docker"', '"Moby"'));
      assert.equal(edited(t, rename('k8s', "it's")), t.replace("'k8s'", '"it\'s"'));
      assert.equal(edited(t, rename('Hot-Dogs', 'Food')), t.replace('"hot dogs"', '"Food"'));
      assert.equal(edited(t, remove('k8s')), t.replace(", 'k8s'", ''));
      assert.equal(edited(t, remove('ops', 'categories')), t.replace('  "Ops", # why\n', ''));
      assert.equal(edited(t, remove('dev', 'categories')), t.replace('  "Dev",\n', ''));
      assert.equal(edited(t, rename('dev', 'ops', 'categories')), t.replace('  "Dev",\n', ''));
      const empty = edited(edited(t, remove('ops', 'categories')), remove('dev', 'categories'));
      assert.equal(empty, t.replace('[\n  "Ops", # why\n  "Dev",\n]', '[]'));
    });

    it('writes a single string value back as a string, and `[]` when removed', () => {
      assert.equal(edited('+++\ntags = "a"\n+++\n', rename('a', 'b"c')), '+++\ntags = "b\\"c"\n+++\n');
      assert.equal(edited('+++\ntags = "a"\n+++\n', remove('a')), '+++\ntags = []\n+++\n');
    });
  });

  describe('JSON', () => {
    it('renames and removes without leaving a trailing comma', () => {
      const t = '{\n  "title": "x",\n  "tags": [\n    "a",\n    "b",\n    "c"\n  ]\n}\nbody';
      assert.equal(edited(t, rename('b', 'B "quoted"')), t.replace('"b"', '"B \\"quoted\\""'));
      assert.equal(edited(t, remove('a')), t.replace('    "a",\n', ''));
      assert.equal(edited(t, remove('c')), '{\n  "title": "x",\n  "tags": [\n    "a",\n    "b"\n  ]\n}\nbody');
      assert.equal(edited('{"tags": ["a", "b"]}\n', remove('b')), '{"tags": ["a"]}\n');
      assert.equal(edited('{"tags": ["a"], "x": 1}\n', remove('a')), '{"tags": [], "x": 1}\n');
    });
  });

  it('leaves a post alone when it lacks the term or its front matter is broken', () => {
    assert.deepEqual(computeTermEdits('---\ntags: [a]\n---\n', remove('zzz')), { edits: [] });
    assert.deepEqual(computeTermEdits('no front matter', remove('a')), { edits: [] });
    const broken = computeTermEdits('---\ntags: [a\ntitle: "x\n---\n', remove('a'));
    assert.deepEqual(broken.edits, []);
    assert.match(broken.skipped ?? '', /front matter has an error/);
  });

  it('isSafePlain refuses what YAML would read differently', () => {
    for (const s of ['docker', 'Hot Dogs', 'c#', 'C++', 'node.js', 'CI/CD', 'ünï', '🐳']) assert.ok(isSafePlain(s, true), s);
    for (const s of ['', ' a', 'a: b', 'a #b', '-x', '#x', 'null', '~', 'True', '12', '1.5', '0x1f', '.inf', 'a,b', '[a]', "'a", '"a']) assert.ok(!isSafePlain(s, true), s);
  });

  describe('on generated posts (every format and writer style)', () => {
    /** Offsets outside which the text must not change: the field's lines. */
    function fieldRegion(text: string, taxonomy: string): [number, number] | undefined {
      const f = parseFrontMatter(text).fields.filter((x) => x.key.toLowerCase() === taxonomy).at(-1);
      if (!f) return undefined;
      const start = text.lastIndexOf('\n', f.keyStart) + 1;
      const nl = text.indexOf('\n', f.value.end);
      return [start, nl === -1 ? text.length : nl + 1];
    }

    it('change only the taxonomy field, and read back exactly the intended terms', () => {
      const change = fc.tuple(fc.boolean(), fc.nat(), fc.constantFrom('Renamed', 'two words', 'x: y', "it's", 'say "hi"', '2024', 'tags'));
      fc.assert(
        fc.property(generatedPost(), change, (post, [isRename, pick, to]) => {
          const terms = Array.isArray(post.data.tags) ? post.data.tags.map(String) : [];
          if (terms.length === 0 || parseFrontMatter(post.text).errors.length > 0) return;
          const term = terms[pick % terms.length];
          if (term.trim() === '') return;
          const c: TermChange = isRename ? rename(term, to) : remove(term);
          const r = computeTermEdits(post.text, c);
          assert.equal(r.skipped, undefined, r.skipped);
          const out = applyEdits(post.text, r.edits);
          const region = fieldRegion(post.text, 'tags');
          assert.ok(region);
          const after = post.text.length - region[1];
          assert.equal(out.slice(0, region[0]), post.text.slice(0, region[0]), 'text before the field is unchanged');
          assert.equal(out.slice(out.length - after), post.text.slice(region[1]), 'text after the field is unchanged');
          const p = parseFrontMatter(out);
          assert.deepEqual(p.errors, []);
          const got = ((p.data.tags ?? []) as unknown[]).map(String);
          const key = termKey(term);
          const kept = terms.filter((t) => termKey(t) !== key);
          const mergesIntoExisting = termKey(to) !== key && kept.some((t) => termKey(t) === termKey(to));
          const expected = isRename && !mergesIntoExisting ? insertAtFirst(terms, key, to) : kept;
          assert.deepEqual(got, expected);
        }),
        { numRuns: Number(process.env.DEVOPS_NOTES_PROP_RUNS) || 300 },
      );
    });
  });
});

/** `terms` with the first term of `key` replaced by `to` and its other spellings dropped. */
function insertAtFirst(terms: string[], key: string, to: string): string[] {
  const out: string[] = [];
  let done = false;
  for (const t of terms) {
    if (termKey(t) !== key) out.push(t);
    else if (!done) {
      out.push(to);
      done = true;
    }
  }
  return out;
}
