import * as assert from 'node:assert/strict';
import { compileGlobs } from '../../src/core/index';
import { expandBraces } from '../../src/core/index/glob';

// Globs come from settings; before these fixes a pattern could freeze the extension host.
describe('glob regressions found while hardening', () => {
  it('treats a run of ** segments as one, so matching stays fast and means the same', () => {
    const many = compileGlobs([`content/${'**/'.repeat(30)}*.md`]);
    const one = compileGlobs(['content/**/*.md']);
    for (const p of ['content/a.md', `content/${'a/'.repeat(25)}b.md`, `content/${'a/'.repeat(25)}b.txt`, 'notes/a.md']) {
      assert.equal(many.matches(p), one.matches(p), p);
      assert.equal(many.couldMatchBelow(p), one.couldMatchBelow(p), p);
    }
  });

  it('keeps a pattern with more than 1,024 brace alternatives as written instead of expanding it', () => {
    assert.deepEqual(expandBraces('{a,b}/x{1,2}').sort(), ['a/x1', 'a/x2', 'b/x1', 'b/x2']);
    assert.equal(expandBraces('{a,b}'.repeat(10)).length, 1024);
    const huge = '{a,b}'.repeat(30);
    assert.deepEqual(expandBraces(huge), [huge]);
  });
});
