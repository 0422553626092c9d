import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { findJsonObjectEnd, parseJsonFrontMatter } from '../../src/core/frontmatter/json';
import { readJsonSubset } from '../../src/core/frontmatter/jsonSubset';
import { itAgreesWithFullParser } from './support/subsetReaders';

/**
 * Whenever the subset reader accepts the object opening at `at`, its members must deep-equal the
 * ones built from jsonc-parser's tree (values, scalar types, offsets), that parser must find no
 * error, and the object must end where `findJsonObjectEnd` says. Returns whether it accepted.
 */
function agrees(text: string, at = 0): boolean {
  const end = findJsonObjectEnd(text, at);
  const fast = readSubset(text, at);
  if (fast === undefined) return false;
  assert.deepStrictEqual({ fields: fast, errors: [] }, parseJsonFrontMatter(text.slice(at, end), at), `object: ${JSON.stringify(text)}`);
  return true;
}

/** The subset reader on the object opening at `at`, ending where `findJsonObjectEnd` (and so `locateFrontMatter`) says. */
function readSubset(text: string, at: number) {
  const end = findJsonObjectEnd(text, at);
  return end === -1 ? undefined : readJsonSubset(text, at, end);
}

// ---- a generator of JSON front matter in and around the subset -------------------------

/** String contents: words, brackets and quotes that must not end anything, and the escapes JSON has. */
const text = fc.array(fc.constantFrom('a', 'Docker', ' ', 'é', '🐳', '{', '}', '[', ']', ',', ':', "'", 'CI/CD', '\\"', '\\\\', '\\n', '\\/', '\\u00e9', '\\t'), { maxLength: 4 }).map((a) => a.join(''));
const oddString = fc.constantFrom('"\\x41"', '"\\ud83d"', '"\\u12"', '"tab\there"', '"line\nbreak"', '"unclosed', "'single'");
const plainScalar = fc.oneof({ weight: 4, arbitrary: text.map((s) => `"${s}"`) }, { weight: 2, arbitrary: fc.constantFrom('true', 'false', 'null', '0', '-0', '38', '-5', '3.14', '1.10') });
const oddScalar = fc.constantFrom('12345678901234567890', '1e3', '01', '+1', '.5', 'NaN', 'True', 'nul');
const plainSpace = fc.constantFrom('', '', ' ', '\n  ', '\r\n', '\t');
const oddSpace = fc.constantFrom('\u00a0', '\ufeff', '\u2028');
const plainKey = fc.constantFrom('"title"', '"date"', '"tags"', '"draft"', '"weight"', '"params"', '"Title"', '"a b"', '"é"', '"\\u00e9"');
const oddKey = fc.constantFrom('"__proto__"', 'title', "'title'", '""');

/**
 * JSON posts (an object, then a body). `tame` ones stay mostly inside the subset, to exercise
 * the offsets of what it accepts; the others mix in comments, trailing commas and odd tokens.
 */
function jsonPosts(tame: boolean): fc.Arbitrary<string> {
  const odd = tame ? 0 : 1;
  const scalar = fc.oneof({ weight: 6, arbitrary: plainScalar }, { weight: odd, arbitrary: oddScalar }, { weight: odd, arbitrary: oddString });
  const space = fc.oneof({ weight: 8, arbitrary: plainSpace }, { weight: odd, arbitrary: oddSpace });
  const key = fc.oneof({ weight: 8, arbitrary: plainKey }, { weight: odd, arbitrary: oddKey });
  const comma = tame ? fc.constant(false) : fc.boolean();
  const comment = tame ? fc.constant('') : fc.constantFrom('', '', '', '// c\n', '/* c */');
  const value = (depth: number): fc.Arbitrary<string> =>
    depth <= 1
      ? scalar
      : fc.oneof(
          { weight: 4, arbitrary: scalar },
          { weight: 1, arbitrary: fc.tuple(fc.array(fc.tuple(space, value(depth - 1), space), { maxLength: 3 }), comma).map(([items, c]) => `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(',')}${c && items.length ? ',' : ''}]`) },
          { weight: 1, arbitrary: object(depth - 1) },
        );
  const object = (depth: number): fc.Arbitrary<string> =>
    fc
      .tuple(fc.array(fc.tuple(space, key, space, space, value(depth), space), { minLength: tame ? 1 : 0, maxLength: 5 }), comma, space, comment)
      .map(([members, c, pad, note]) => `{${note}${members.map(([a, k, b, d, v, e]) => `${a}${k}${b}:${d}${v}${e}`).join(',')}${c && members.length ? ',' : ''}${pad}}`);
  const body = fc.constantFrom('', '\nbody', ' trailing {', '\n\n# Title\n{{< figure src="a.png" >}}\n', '}');
  return fc.tuple(fc.constantFrom('', '\ufeff', '\n '), object(3), body).map(([lead, o, b]) => `${lead}${o}${b}`);
}

describe('JSON subset reader', () => {
  it('reads a typical post without jsonc-parser, exactly as it does', () => {
    const post = '{\n  "title": "GitLab: \\"cluster\\" edition",\n  "date": "2020-04-18T15:30:43+02:00",\n  "draft": false,\n  "weight": 4,\n  "tags": ["GitLab", "c#"],\n  "params": {"cover": "/img/a.png", "toc": null}\n}\nBody {x}\n';
    const read = readSubset(post, 0);
    assert.ok(read, 'the subset reader accepts a typical post');
    assert.ok(agrees(post));
    assert.deepStrictEqual(parseFrontMatter(post).fields, read);
    assert.equal(parseFrontMatter(post).contentEnd, post.indexOf('}\nBody') + 1);
    const byKey = Object.fromEntries(read.map((f) => [f.key, f]));
    assert.equal(byKey.title.value.value, 'GitLab: "cluster" edition');
    assert.equal(byKey.title.keyStart, post.indexOf('"title"'));
    assert.deepStrictEqual(byKey.params.value.value, { cover: '/img/a.png', toc: null });
  });

  it('declines what it does not read exactly (jsonc-parser then reads it)', () => {
    for (const post of [
      '{"a": 1,}',
      '{"a": [1,]}',
      '{// c\n"a": 1}',
      '{"a": 1e3}',
      '{"a": 01}',
      '{"a": "\\x41"}',
      '{"a": "\\ud83d\\ude00"}',
      '{"a": "tab\there"}',
      '{\u00a0"a": 1}',
      "{'a': 1}",
      '{a: 1}',
      '{"__proto__": {}}',
      '{}',
      '{"a": 1',
      '{"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": {"j": {"k": {"l": 1}}}}}}}}}}}}',
    ]) {
      assert.equal(readSubset(post, 0), undefined, JSON.stringify(post));
    }
  });

  itAgreesWithFullParser({
    format: 'json',
    parser: 'jsonc-parser',
    agrees: (text, p) => agrees(text, p.blockStart),
    generated: [
      { kind: 'mostly in the subset', posts: jsonPosts(true), least: 0.5 },
      { kind: 'tricky', posts: jsonPosts(false), least: 0.005 },
    ],
  });
});
