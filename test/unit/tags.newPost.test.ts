import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { newPostText, rfc3339, slugify } from '../../src/core/tags/newPostText';

describe('new post', () => {
  it('makes a file name from the title', () => {
    assert.equal(slugify('BuildKit: Cache Mounts & Secrets!'), 'buildkit-cache-mounts-secrets');
    assert.equal(slugify('  Über Café  '), 'uber-cafe');
    assert.equal(slugify('🐳🐳'), 'post');
    assert.equal(slugify('x'.repeat(200)).length, 80);
  });

  it('writes the date as RFC 3339 with the local offset', () => {
    const d = new Date(2024, 4, 1, 9, 5, 7);
    const s = rfc3339(d);
    assert.match(s, /^2024-05-01T09:05:07[+-]\d{2}:\d{2}$/);
    assert.equal(new Date(s).getTime(), d.getTime(), 'reads back as the same instant');
  });

  it('writes front matter that parses, in YAML or TOML', () => {
    for (const toml of [false, true]) {
      const text = newPostText('Say "hi": a post', '2024-05-01T09:05:07+02:00', toml);
      const p = parseFrontMatter(text);
      assert.equal(p.format, toml ? 'toml' : 'yaml');
      assert.deepEqual(p.errors, []);
      assert.deepEqual(p.data, { title: 'Say "hi": a post', date: '2024-05-01T09:05:07+02:00', draft: true, tags: [], categories: [] });
    }
  });
});
