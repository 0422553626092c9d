import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { MAX_NESTING } from '../../src/core/frontmatter/nesting';

// Cases the property tests found; each failed before its fix.
describe('parseFrontMatter regressions found by fuzzing', () => {
  it('ends JSON front matter at the brace matching the first one, as Hugo does, not at a stray "]"', () => {
    const text = '{\n  "tags": ["a"]\n  ]\n  "title": "T"\n}\nbody\n';
    const p = parseFrontMatter(text);
    assert.equal(p.format, 'json');
    assert.equal(p.contentEnd, text.indexOf('}') + 1);
    assert.equal(text.slice(p.bodyStart), 'body\n');
    assert.ok(p.errors.length > 0, 'the stray "]" is reported');
    for (const e of p.errors) assert.ok(e.start >= p.blockStart && e.end <= p.contentEnd, `error inside the object: ${JSON.stringify(e)}`);
  });

  it('keeps a JSON error at the end of the object inside the document', () => {
    for (const text of ['{]', '{"a": }', '{"a": 1,}']) {
      const p = parseFrontMatter(text);
      for (const e of p.errors) assert.ok(e.start >= 0 && e.start < e.end && e.end <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(e)}`);
    }
  });

  it('refuses front matter nested thousands of levels deep instead of overflowing the stack', () => {
    const n = 20_000;
    const docs = {
      'YAML flow': `---\ndeep: ${'['.repeat(n)}x${']'.repeat(n)}\n---\n`,
      'YAML block': `---\n${Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n---\n`,
      'YAML compact sequences': `---\ndeep:\n${'- '.repeat(n)}x\n---\n`,
      JSON: `{"title": "t", "deep": ${'{"a": '.repeat(n)}1${'}'.repeat(n)}}\n`,
      TOML: `+++\ndeep = ${'['.repeat(n)}1${']'.repeat(n)}\n+++\n`,
    };
    for (const [name, text] of Object.entries(docs)) {
      const p = parseFrontMatter(text);
      assert.equal(p.errors.length, 1, name);
      assert.match(p.errors[0].message, /nested more than \d+ levels deep/, name);
      assert.ok(p.errors[0].start >= p.contentStart && p.errors[0].end <= p.contentEnd, `${name}: error inside the block`);
    }
  });

  it('still reads nesting up to the limit', () => {
    const depth = MAX_NESTING - 2;
    const text = `{"title": "t", "deep": ${'['.repeat(depth)}1${']'.repeat(depth)}}\n`;
    const p = parseFrontMatter(text);
    assert.deepEqual(p.errors, []);
    assert.equal(p.data.title, 't');
  });
});
