import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { MAX_FRONT_MATTER_LENGTH, MAX_NESTING } from '../../src/core/frontmatter/limits';

// Cases the property tests found; each failed before its fix.
describe('parseFrontMatter regressions found by fuzzing and the bad-input corpus', () => {
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
      'YAML block': `---\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n---\n`,
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

  it('refuses front matter over the size limit (parsing it could exhaust the heap) and reads it just under', () => {
    const field = (n: number) => `title: "${'x'.repeat(n)}"\n`;
    const over = `---\n${field(MAX_FRONT_MATTER_LENGTH)}---\nbody`;
    const p = parseFrontMatter(over);
    assert.deepEqual(p.fields, []);
    assert.match(p.errors[0].message, /KB limit/);
    const under = `---\n${field(MAX_FRONT_MATTER_LENGTH - 20)}---\nbody`;
    assert.deepEqual(parseFrontMatter(under).errors, []);
  });

  it('reports a TOML string too long for the TOML parser instead of throwing its stack overflow', () => {
    const text = `+++\ntitle = "${'x'.repeat(300_000)}"\n+++\nbody`;
    const p = parseFrontMatter(text);
    assert.deepEqual(p.fields, []);
    assert.equal(p.errors.length, 1);
    assert.match(p.errors[0].message, /too long for DevOps Notes to read: not checked/);
    assert.equal(p.errors[0].code, 'limit');
  });
});
