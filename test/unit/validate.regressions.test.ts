import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { applyEdits, parseProjectConfig, resolveValidationConfig, validateFrontMatter, withoutPatterns } from '../../src/core/validate';

// Cases the quick-fix properties found (test/properties/validator.props.ts); each broke the
// document before its fix.
describe('validation regressions found by fuzzing and review', () => {
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

  it('Restricted Mode drops the pattern rules of an untrusted .devops-notes.json (a pattern can take exponential time)', () => {
    const { layer } = parseProjectConfig(JSON.stringify({ frontMatter: { fields: { title: { type: 'string', pattern: '^(a+)+$' }, cover: { type: 'map', properties: { alt: { type: 'string', pattern: '^(b+)+$' } } } } } }));
    const safe = withoutPatterns(layer);
    assert.equal(safe?.fields?.title.pattern, undefined);
    assert.equal(safe?.fields?.cover.properties?.alt.pattern, undefined);
    assert.equal(safe?.fields?.title.type, 'string', 'the rest of the field spec stays');
    assert.equal(layer.fields?.title.pattern, '^(a+)+$', 'the original layer is not changed');
    // With the pattern gone, a value that would backtrack for hours is checked at once.
    const found = validateFrontMatter(`---\ntitle: "${'a'.repeat(60)}!"\n---\n`, { config: resolveValidationConfig(safe) });
    assert.deepEqual(found.filter((d) => d.code === 'fm/pattern'), []);
  });
});
