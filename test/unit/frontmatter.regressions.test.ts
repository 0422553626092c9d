import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';

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
});
