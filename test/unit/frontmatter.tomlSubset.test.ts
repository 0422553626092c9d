import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readTomlSubset } from '../../src/core/frontmatter/tomlSubset';
import { parseTomlFrontMatter } from '../../src/core/frontmatter/toml';
import { itAgreesWithFullParser, readTypical } from './support/subsetReaders';

const RUNS = Number(process.env.DEVOPS_NOTES_PROP_RUNS) || 300;

/**
 * Whenever the subset reader accepts a block, its fields must deep-equal the ones built from
 * toml-eslint-parser's AST (values, scalar types, quoting, offsets), and that parser must have
 * found no error. Returns whether the subset reader accepted.
 */
function agrees(content: string, base = 0): boolean {
  const fast = readTomlSubset(content, base);
  if (fast === undefined) return false;
  assert.deepStrictEqual({ fields: fast, errors: [] }, parseTomlFrontMatter(content, base), `block: ${JSON.stringify(content)}`);
  return true;
}

// ---- a generator of TOML front matter in and around the subset -------------------------

const text = fc.array(fc.constantFrom('a', 'Docker', ' ', 'x y', 'é', '🐳', '#', ',', ']', '[', '=', "'", '"', '\\', ': ', 'CI/CD'), { minLength: 0, maxLength: 4 }).map((a) => a.join(''));
const basicString = fc.oneof(
  text.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`),
  fc.array(fc.constantFrom('\\"', '\\\\', '\\n', '\\t', '\\b', '\\f', '\\r', '\\u00e9', '\\u263A', '\\U0001F433', '\\e', '\\x41', '\\ud83d', '\\/', 'a', ' '), { maxLength: 4 }).map((a) => `"${a.join('')}"`),
  text.map((s) => `"${s}"`),
  fc.constantFrom('""', '"""x"""', '"unclosed'),
);
const literalString = fc.oneof(
  text.filter((s) => !s.includes("'")).map((s) => `'${s}'`),
  text.map((s) => `'${s}'`),
  fc.constantFrom("''", "'''x'''"),
);
const dayOf = fc.tuple(fc.integer({ min: 0, max: 2401 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const date = fc.oneof(
  dayOf.map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc
    .tuple(dayOf, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom('', 'Z', 'z', '+02:00', '-07:00', '+24:00', '+05:61', '.123Z'), fc.constantFrom('T', 't', ' '))
    .map(([[y, m, d], hh, mm, ss, zone, sep]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}${sep}${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}${zone}`),
  fc.constantFrom('2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2024-04-31', '2024-03-14T09:30:00+01:00', '09:30:00', '2024-3-14', '2024-03-14T09:30'),
);
const bareValue = fc.constantFrom('true', 'false', 'True', '38', '-5', '0', '-0', '+3', '007', '1_000', '3.14', '-0.0', '1.', '.5', '1e6', '0x1F', 'inf', 'nan', 'bare', '12345678901234567890');
const scalar = fc.oneof({ weight: 3, arbitrary: basicString }, { weight: 1, arbitrary: literalString }, { weight: 2, arbitrary: date }, { weight: 2, arbitrary: bareValue });
const spaces = fc.constantFrom('', '', ' ', '  ');
const array = fc
  .tuple(fc.array(fc.tuple(spaces, scalar, spaces), { maxLength: 4 }), fc.boolean(), spaces)
  .map(([items, comma, p]) => `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(',')}${comma && items.length ? ',' : ''}${p}]`);
const value = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 2, arbitrary: array },
  { weight: 1, arbitrary: fc.constantFrom('[[1], [2]]', '{ a = 1 }', '[\n  "a",\n]', '"""\nmulti\n"""', '') },
);
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('title', 'date', 'tags', 'categories', 'draft', 'weight', 'author', 'toc', 'Title', 'x-y', 'a_b', '2fa') },
  { weight: 1, arbitrary: fc.constantFrom('"quoted"', 'a.b', 'key with space', '__proto__', 'é') },
);
const comment = fc.constantFrom('', '', '', ' # note', '#tight', '   ');
const line = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(spaces, key, spaces, spaces, value, comment).map(([i, k, a, b, v, c]) => `${i}${k}${a}=${b}${v}${c}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('params', 'author', 'menu', 'params.social', 'tags'), fc.constantFrom('[%]', '[[%]]', '[ % ]', ' [%]'), comment).map(([n, f, c]) => `${f.replace('%', n)}${c}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '# comment', '   ', '  # indented') },
);
/** A TOML front matter block (what sits between the `+++` lines), in `\n` or `\r\n`. */
const tomlBlock = fc.tuple(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.map((l) => `${l}${eol}`).join(''));

/** Blocks that stay mostly inside the subset (distinct keys, plain values), to exercise the offsets of what it accepts. */
const tameScalar = fc.oneof(
  text.filter((s) => !/["\\]/.test(s)).map((s) => `"${s}"`),
  fc.array(fc.constantFrom('\\"', '\\\\', '\\n', '\\u00e9', 'a b', '#', "'", ']'), { maxLength: 3 }).map((a) => `"${a.join('')}"`),
  text.filter((s) => !s.includes("'")).map((s) => `'${s}'`),
  fc.constantFrom('true', 'false', '38', '-5', '0', '3.14', '2024-02-29', '2023-10-15T13:18:50-07:00', '2024-03-14T09:30:00Z', '2019-12-31T23:59:59'),
);
/** Arrays on one line or over several (an item a line, comments between). */
const tameArray = fc.oneof(
  fc
    .tuple(fc.array(fc.tuple(spaces, tameScalar, spaces), { maxLength: 4 }), fc.boolean(), spaces)
    .map(([items, comma, p]) => `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(',')}${comma && items.length ? ',' : ''}${p}]`),
  fc
    .tuple(fc.array(fc.tuple(tameScalar, comment), { maxLength: 4 }), fc.boolean(), fc.constantFrom('', ' # list', '\n  # before'))
    .map(([items, comma, open]) => `[${open}\n${items.map(([v, c], i) => `  ${v}${i < items.length - 1 || comma ? ',' : ''}${c}\n`).join('')}]`),
);
const tameLine = (k: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(spaces, spaces, spaces, fc.oneof(tameScalar, tameArray), comment).map(([i, a, b, v, c]) => `${i}${k}${a}=${b}${v}${c}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('[%]', ' [%]', '[%]  # table'), fc.constantFrom('', '\n# c', '\n')).map(([h, after]) => `${h.replace('%', k)}${after}`) },
  );
const tameBlock = fc
  .tuple(fc.uniqueArray(fc.constantFrom('title', 'date', 'tags', 'categories', 'draft', 'weight', 'author', 'toc', 'Title', 'x-y', 'a_b', '2fa', 'params', 'cover'), { minLength: 1, maxLength: 9 }), fc.constantFrom('\n', '\r\n'))
  .chain(([keys, eol]) => fc.tuple(...keys.map(tameLine)).map((lines) => lines.map((l) => `${l}${eol}`.replace(/\n/g, eol).replace(/\r\r/g, '\r')).join('')));

/** Blocks as posts, with what precedes the block varied (to vary where it starts). */
function asPosts(blocks: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom('', '\ufeff', '\n\n'), blocks).map(([lead, block]) => `${lead}+++\n${block}+++\nBody`);
}

describe('TOML subset reader', () => {
  it('reads a typical post without toml-eslint-parser, exactly as it does', () => {
    const lines = [
      'title = "Vault: Debug with \\"safer\\" map"',
      'date = 2020-02-11T21:42:49+02:00',
      'lastmod = 2020-02-29',
      'draft = false',
      "description = 'Notes on C:\\temp'",
      'tags = ["Vault", "loki-tips", "CI/CD",]  # why',
      'weight = 38',
      '[params]',
      'author = "Jo Park"',
    ];
    const { content, base, byKey } = readTypical('+++', lines, readTomlSubset, agrees);
    const dateAt = base + content.indexOf('2020-02-11T');
    assert.deepStrictEqual(byKey.date.value, { kind: 'scalar', value: '2020-02-11T21:42:49+02:00', scalarType: 'date', start: dateAt, end: dateAt + 25 });
    assert.equal(byKey.description.value.value, 'Notes on C:\\temp');
    assert.deepStrictEqual(byKey.params.value.value, { author: 'Jo Park' });
    assert.equal(byKey.params.value.start, base + content.indexOf('[params]'));
  });

  it('declines what it does not read exactly (toml-eslint-parser then reads it)', () => {
    const declined = [
      'a.b = 1',
      '"q" = 1',
      'a = { b = 1 }',
      'a = [[1], [2]]',
      'a = [\n  1,\n  [2],\n]',
      'a = [\n  "x\n  y",\n]',
      'a = """x"""',
      "a = '''x'''",
      '[[menu]]\nname = "x"',
      '[params.social]\nx = 1',
      '[ params ]\nx = 1',
      'a = 1\na = 2',
      'a = 1\n[a]',
      '[p]\nx = 1\n[p]\ny = 2',
      'a = 2019-02-30',
      'a = 2023-02-29',
      'a = 2024-03-14 09:30:00',
      'a = 2024-03-14T09:30:00.5Z',
      'a = 09:30:00',
      'a = +3',
      'a = 1_000',
      'a = 1e6',
      'a = 0x1F',
      'a = -0',
      'a = inf',
      'a = "\\e"',
      'a = "\\x41"',
      'a = "\\ud83d"',
      'a\t= 1',
      'a = 1 b',
      '__proto__ = 1',
      '# only a comment',
    ];
    for (const content of declined) assert.equal(readTomlSubset(content, 0), undefined, JSON.stringify(content));
  });

  it('agrees with toml-eslint-parser on single values of every kind (dates above all: the parser rejects impossible ones)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(value, comment, (v, c) => {
        if (agrees(`v = ${v}${c}\n`)) accepted++;
      }),
      { numRuns: RUNS * 4 },
    );
    assert.ok(accepted >= RUNS, `the subset reader accepted only ${accepted} of ${RUNS * 4} values`);
  });

  itAgreesWithFullParser({
    format: 'toml',
    parser: 'toml-eslint-parser',
    agrees: (text, p) => p.terminated && agrees(text.slice(p.contentStart, p.contentEnd), p.contentStart),
    generated: [
      { kind: 'mostly in the subset', posts: asPosts(tameBlock), least: 0.5 },
      { kind: 'tricky', posts: asPosts(tomlBlock), least: 0.01 },
    ],
  });
});
