import * as assert from 'node:assert/strict';
import { compileGlobs } from '../../src/core/index/glob';
import { compileLinearRegex } from '../../src/core/text/linearRegex';
import { parseProjectConfig, resolveValidationConfig, validateFrontMatter } from '../../src/core/validate';
import { readConfigLayer } from '../../src/core/validate/config';

// `pattern` rules come from the workspace: they must never hang the extension host or CI.
// mocha's timeout is only a hang guard here; what is asserted is the answer.
describe('workspace regular expressions run in linear time', function () {
  this.timeout(20_000);
  const config = (pattern: string) => resolveValidationConfig(parseProjectConfig(JSON.stringify({ frontMatter: { fields: { ticket: { type: 'string', pattern } } } })).layer);

  it('checks a value against ^(a+)+$ (exponential in a backtracking engine) and reports the mismatch', () => {
    const text = `---\ntitle: t\ndate: 2024-01-01\nticket: "${'a'.repeat(40)}!"\n---\n`;
    const found = validateFrontMatter(text, { config: config('^(a+)+$') }).filter((d) => d.code === 'fm/pattern');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].start, found[0].end), `"${'a'.repeat(40)}!"`);
    assert.match(found[0].message, /does not match the pattern configured for "ticket": \/\^\(a\+\)\+\$\//);
    const ok = validateFrontMatter(`---\ntitle: t\ndate: 2024-01-01\nticket: "${'a'.repeat(100_000)}"\n---\n`, { config: config('^(a+)+$') });
    assert.deepEqual(ok.filter((d) => d.code === 'fm/pattern'), []);
  });

  it('reports backreferences and lookaround as configuration problems at the pattern, and keeps the field', () => {
    const text = '{\n  "frontMatter": {\n    "fields": {\n      "a": { "type": "string", "pattern": "^(x)\\\\1$" },\n      "b": { "type": "string", "pattern": "^(?=x)" },\n      "c": { "type": "string", "pattern": "(?<!x)y" },\n      "d": { "type": "string", "pattern": "^OPS-\\\\d+$" }\n    }\n  }\n}\n';
    const { layer, problems } = parseProjectConfig(text);
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    assert.deepEqual(
      problems.map((p) => [lineOf(p.start), text.slice(p.start, p.end), p.message.split(':')[0]]),
      [
        [4, '"^(x)\\\\1$"', 'Backreferences such as \\1 are not supported'],
        [5, '"^(?=x)"', 'Lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported'],
        [6, '"(?<!x)y"', 'Lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported'],
      ],
    );
    for (const p of problems) assert.match(p.message, /RE2 syntax/);
    assert.deepEqual(layer.fields?.a, { type: 'string' }, 'the field is still typed, without its pattern');
    assert.equal(layer.fields?.d.pattern, '^OPS-\\d+$');
  });

  it('reports the same problems for the devopsNotes.frontMatter.fields setting', () => {
    const { problems } = readConfigLayer({ fields: { a: { type: 'string', pattern: '(a)\\1' } } }, ['devopsNotes.frontMatter']);
    assert.deepEqual(problems.map((p) => p.path), [['devopsNotes.frontMatter', 'fields', 'a', 'pattern']]);
    assert.match(problems[0].message, /^Backreferences/);
  });

  it('accepts JavaScript \\u escapes, and leaves an escaped backslash before u alone', () => {
    const re = compileLinearRegex('^caf\\u00e9 \\u{1F600}$');
    assert.ok(re.ok);
    assert.equal(re.test('café 😀'), true);
    assert.equal(re.test('cafe 😀'), false);
    const literal = compileLinearRegex('^\\\\u0041$');
    assert.ok(literal.ok);
    assert.equal(literal.test('\\u0041'), true);
    assert.equal(literal.test('A'), false);
  });

  it('reports other syntax errors with the engine’s reason', () => {
    const re = compileLinearRegex('([a-');
    assert.equal(re.ok, false);
    assert.match(re.ok ? '' : re.message, /^Invalid regular expression: missing closing \]/);
  });
});

// Globs in devopsNotes.tags.include/exclude come from the workspace too, and compile to expressions.
describe('workspace globs with many wildcards run in linear time', function () {
  this.timeout(20_000);

  it('matches *a*a*a*a*a*a*a*a*a*a*a*a against a long name that almost matches, with the right answer', () => {
    const g = compileGlobs(['content/*a*a*a*a*a*a*a*a*a*a*a*a.md']);
    assert.equal(g.matches(`content/${'a'.repeat(60)}.txt`), false);
    assert.equal(g.matches(`content/${'a'.repeat(60)}.md`), true);
    assert.equal(g.matches(`content/${'ab'.repeat(10)}a.md`), false, 'eleven a: one short');
    assert.equal(g.matches(`content/${'ab'.repeat(11)}a.md`), true, 'twelve a');
    assert.equal(g.matches(`content/x/${'a'.repeat(12)}.md`), false, '* stays inside one folder');
    const upper = compileGlobs(['content/*A*A*A*A*.MD'], { ignoreCase: true });
    assert.equal(upper.matches('content/aaaa.md'), true, 'case-insensitive on the linear engine too');
  });

  it('matches and prunes with many ** segments on deep paths', () => {
    const g = compileGlobs(['**/a/**/a/**/a/**/a/**/a/**/a/**/b']);
    const deep = Array(25).fill('a');
    assert.equal(g.matches([...deep, 'c'].join('/')), false);
    assert.equal(g.matches([...deep, 'b'].join('/')), true);
    assert.equal(g.couldMatchBelow(deep.slice(0, 18).join('/')), true);
    assert.equal(compileGlobs(['x/**/a/**/a/**/a/**/b']).couldMatchBelow(['y', ...deep].join('/')), false);
  });
});
