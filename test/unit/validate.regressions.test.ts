import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { applyEdits, resolveValidationConfig, validateFrontMatter } from '../../src/core/validate';

// Cases the quick-fix properties found (test/properties/validator.props.ts); each broke the
// document before its fix.
describe('quick fix regressions found by fuzzing', () => {
  const options = {
    config: resolveValidationConfig({ requiredFields: ['title', 'date'], taxonomies: ['series'] }),
    now: new Date('2024-03-01T12:00:00Z'),
    utcOffsetMinutes: 0,
  };

  function fixed(text: string, code: string): string {
    const d = validateFrontMatter(text, options).find((x) => x.code === code);
    assert.ok(d, `${code} reported`);
    const fix = d.fixes.find((f) => f.isPreferred);
    assert.ok(fix, `${code} has a preferred fix`);
    return applyEdits(text, fix.edits);
  }

  it('adds a missing field inside YAML front matter written as one flow mapping', () => {
    const after = fixed('---\n{ title: a }\n---\nbody\n', 'fm/required');
    assert.equal(after, '---\n{ title: a, date: 2024-03-01T12:00:00+00:00 }\n---\nbody\n');
    assert.deepEqual(parseFrontMatter(after).errors, []);
  });

  it('turns a term string into a flow list inside a YAML flow mapping', () => {
    const after = fixed("---\n{ title: a, date: 2024-01-01, series: 'a, b' }\n---\n", 'fm/tags-string');
    const p = parseFrontMatter(after);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.data.series, ['a', 'b']);
    assert.ok(after.startsWith('---\n{ title: a, date: 2024-01-01, series: ['), after);
  });
});
