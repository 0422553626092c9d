import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readYamlSubset } from '../../src/core/frontmatter/yamlSubset';
import { parseYamlFrontMatter } from '../../src/core/frontmatter/yaml';
import { itAgreesWithFullParser, readTypical } from './support/subsetReaders';


/**
 * The reference: the fields the `yaml` package's Document gives. Whenever the subset reader
 * accepts a block, its fields must deep-equal these (values, scalar types, quoting, offsets)
 * and the Document must have found no error. Returns whether the subset reader accepted.
 */
function agrees(content: string, base = 0): boolean {
  const fast = readYamlSubset(content, base);
  if (fast === undefined) return false;
  assert.deepStrictEqual({ fields: fast, errors: [] }, parseYamlFrontMatter(content, base), `block: ${JSON.stringify(content)}`);
  return true;
}

// ---- a generator of front matter in and around the subset -----------------------------

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9._/+-]{0,8}$/);
/** Bits that change how YAML reads a scalar: indicators, comment and pair markers, numbers, quotes. */
const piece = fc.constantFrom(
  ' ', '  ', ':', ': ', ' #', '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '-', '- ', '?', '%', '@', '`', '"', "'", '\\',
  '.', '~', 'é', '—', '🐳', 'C#', 'null', 'Null', 'true', 'FALSE', 'yes', '0', '-0', '7', '38', '-12', '+3', '007', '1.5', '1.50',
  '-0.0', '.5', '1e3', '0x1F', '0o17', '.inf', '2024-03-14', '2019-10-05T00:50:58-07:00', '12:30', '1_000',
);
const scalarText = fc.array(fc.oneof({ weight: 2, arbitrary: word }, { weight: 3, arbitrary: piece }), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
const escapeOrChar = fc.constantFrom('\\"', '\\\\', '\\/', '\\n', '\\t', '\\0', '\\u00e9', '\\u263A', '\\x41', '\\e', '\\ud83d', '\\U0001F433', 'a', ' ', "'", '#');
const plainValue = fc.oneof(
  { weight: 4, arbitrary: scalarText },
  { weight: 2, arbitrary: fc.constantFrom('38', '-5', '0', '3.14', '1.10', 'true', 'False', 'NULL', '~', 'null', '2024-01-15', 'Sam Roe', 'http://x.y/z', 'a:b') },
);
const quotedValue = fc.oneof(
  scalarText.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`),
  scalarText.map((s) => `'${s.replace(/'/g, "''")}'`),
  fc.array(escapeOrChar, { maxLength: 5 }).map((a) => `"${a.join('')}"`),
  scalarText.map((s) => `"${s}"`),
  scalarText.map((s) => `'${s}'`),
);
const trickyScalar = fc.oneof({ weight: 3, arbitrary: plainValue }, { weight: 2, arbitrary: quotedValue });
/** Scalars inside the subset: words with spaces, numbers, booleans, nulls, quoted text with the common escapes. */
const tameScalar = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ./_-]{0,12}[A-Za-z0-9]$/) },
  { weight: 2, arbitrary: fc.constantFrom('38', '-5', '0', '3.14', '1.10', '12345', 'true', 'False', 'NULL', '~', 'null', '2024-01-15', '2019-10-05T00:50:58-07:00', 'Sam Roe', 'http://x.y/z', 'a:b', 'C#', 'é—🐳') },
  { weight: 2, arbitrary: fc.array(fc.constantFrom('\\"', '\\\\', '\\n', '\\u00e9', 'a b', ': ', '#', "'", '[x]'), { maxLength: 4 }).map((a) => `"${a.join('')}"`) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom("''", 'x y', ': ', ' #', '"', ','), { maxLength: 4 }).map((a) => `'${a.join('')}'`) },
);
const spaces = fc.constantFrom('', '', ' ', '  ', '   ');
const trickyTrailing = fc.constantFrom('', '', '', ' ', '  # note', ' #x', '#tight', '   ');
const tameTrailing = fc.constantFrom('', '', '', ' ', '  # note', ' #x', '   ');
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('title', 'date', 'tags', 'categories', 'draft', 'weight', 'params', 'author', 'cover', 'Title', 'TAGS') },
  { weight: 1, arbitrary: fc.constantFrom('a.b', 'x-y', 'k/1', '$x', '_y', 'Null', 'true', '__proto__', 'key with space', '"q"', '2fa', 'a :', '? c') },
);
const tameKey = fc.constantFrom('title', 'date', 'tags', 'categories', 'draft', 'weight', 'params', 'author', 'cover', 'Title', 'a.b', 'x-y', 'k/1', '$x', '_y');
/** A blank line, possibly holding spaces, or a comment at some indentation. */
const filler = fc.constantFrom('', ' ', '   ', '# c', '  # c', ' # c', '    # deep', '      ');
const tameFiller = fc.constantFrom('', ' ', '   ', '# c');

interface Shape {
  /** Lines of the entry, without line breaks; the first has no indentation of its own. */
  lines: string[];
}

function indentLines(lines: string[], by: string): string[] {
  return lines.map((l) => (l === '' ? l : by + l));
}

/**
 * Posts with YAML front matter in `\n` or `\r\n`, with trailing spaces sprinkled (and what
 * precedes the block varied, to vary where it starts). `tame` blocks stay mostly inside the
 * subset, to exercise the offsets of everything it accepts; the others mix in whatever makes
 * YAML subtle.
 */
function yamlPosts(tame: boolean): fc.Arbitrary<string> {
  const scalar = tame ? tameScalar : trickyScalar;
  const fill = tame ? tameFiller : filler;
  const trailing = tame ? tameTrailing : trickyTrailing;
  const flowList = fc
    .tuple(fc.array(fc.tuple(spaces, scalar, spaces), { maxLength: 4 }), fc.boolean(), spaces)
    .map(([items, comma, pad]) => `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(',')}${comma && items.length ? ',' : ''}${pad}]`);
  /** A list item that is a mapping (`- src: a.png`, its other keys below at the column of the first). */
  const mappingItem = fc
    .tuple(fc.constantFrom(' ', ' ', '   '), fc.array(fc.tuple(tame ? tameKey : key, scalar, trailing), { minLength: 1, maxLength: 3 }), tame ? fc.constant(0) : fc.constantFrom(0, 0, 0, -1, 1))
    .map(([gap, kvs, skew]) => kvs.map(([k, v, t], i) => `${i === 0 ? `-${gap}` : ' '.repeat(Math.max(0, 1 + gap.length + skew))}${k}: ${v}${t}`).join('\n'));
  const listItem = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(scalar, trailing).map(([v, t]) => `- ${v}${t}`) },
    { weight: 2, arbitrary: mappingItem },
    { weight: tame ? 0 : 1, arbitrary: fc.constantFrom('-', '- ', '- # empty', '-x', '- - nested', '- a: b', '- [a, b]', '- |', '- &a x', '- *a') },
  );
  const exotic = fc.constantFrom(' |\n  text', ' >-\n  folded\n  text', ' &anchor x', ' *alias', ' !!str 1', ' {a: 1}', ' "two\n  lines"', ' plain\n  continued', ' - x');
  /** One `key: value` entry; below `depth` 2 its values hold no nested mappings. */
  const entry = (depth: number): fc.Arbitrary<Shape> => {
    const values: fc.WeightedArbitrary<{ head: string; body: string[] }>[] = [
      { weight: 5, arbitrary: fc.tuple(scalar, trailing).map(([v, t]) => ({ head: ` ${v}${t}`, body: [] as string[] })) },
      { weight: 2, arbitrary: fc.tuple(flowList, trailing).map(([v, t]) => ({ head: ` ${v}${t}`, body: [] as string[] })) },
      { weight: 1, arbitrary: trailing.map((t) => ({ head: t === '' ? '' : ` ${t.trim()}`, body: [] as string[] })) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom('', '  ', '  ', '    ', ' '), fc.array(fc.oneof({ weight: 5, arbitrary: listItem }, { weight: 1, arbitrary: fill }), { minLength: 1, maxLength: 5 }), trailing)
          .map(([ind, items, t]) => ({ head: t.trim() ? ` ${t.trim()}` : '', body: items.map((l) => (l.startsWith('-') ? l.split('\n').map((x) => ind + x).join('\n') : l)) })),
      },
      { weight: tame ? 0 : 1, arbitrary: exotic.map((v) => ({ head: v, body: [] as string[] })) },
    ];
    if (depth > 1) {
      const inner = fc.oneof({ weight: 4, arbitrary: entry(depth - 1) }, { weight: 1, arbitrary: fill.map((f) => ({ lines: [f] })) });
      values.push({
        weight: tame ? 4 : 2,
        arbitrary: fc
          .tuple(fc.constantFrom('  ', '    ', ' '), fc.array(inner, { minLength: 1, maxLength: 3 }))
          .map(([ind, entries]) => ({ head: '', body: entries.flatMap((e) => indentLines(e.lines, e.lines[0]?.startsWith('#') || e.lines[0]?.trim() === '' ? '' : ind)) })),
      });
    }
    return fc.tuple(tame ? tameKey : key, fc.oneof(...values)).map(([k, v]) => ({ lines: [`${k}:${v.head}`, ...v.body].join('\n').split('\n') }));
  };
  return fc
    .tuple(
      fc.array(fc.oneof({ weight: 5, arbitrary: entry(3) }, { weight: 1, arbitrary: fill.map((f) => ({ lines: [f] })) }), { minLength: 1, maxLength: 7 }),
      fc.constantFrom('\n', '\r\n'),
      fc.array(fc.boolean(), { maxLength: 30 }),
      fc.constantFrom('', '\ufeff', '\n\n'),
    )
    .map(([entries, eol, pads, lead]) => {
      const lines = entries.flatMap((e) => e.lines).map((l, i) => (pads[i] && !l.endsWith('\\') ? `${l} ` : l));
      return `${lead}---${eol}${lines.map((l) => `${l}${eol}`).join('')}---${eol}Body`;
    });
}

describe('YAML subset reader', () => {
  it('reads a typical post without the yaml package, exactly as the yaml package does', () => {
    const lines = [
      'title: "Tilt: You job you — \\"and\\" edition"',
      'date: 2018-09-09T21:17:46+00:00',
      'draft: false',
      "description: 'Notes on Tilt and SRE: cheap the for''s the.'",
      'tags: [Tilt, SRE, tempo-operators, "c#"]',
      'categories:',
      '  - "CI/CD"',
      '  - Cloud   # why',
      'author: Jo Park',
      'weight: 16',
      'params:',
      '  cover: /images/a.png',
      '  toc: true',
      'resources:',
      '- src: "**.{png,jpg}"',
      '  title: "Image #:counter"',
      '- src: b.png',
      'summary:',
    ];
    const { content, base, byKey } = readTypical('---', lines, readYamlSubset, agrees);
    const weightAt = base + content.indexOf('16');
    assert.deepStrictEqual(byKey.weight.value, { kind: 'scalar', value: 16, scalarType: 'number', quoted: false, start: weightAt, end: weightAt + 2 });
    assert.equal(byKey.title.value.value, 'Tilt: You job you — "and" edition');
    assert.deepStrictEqual(byKey.categories.value.value, ['CI/CD', 'Cloud']);
    assert.deepStrictEqual(byKey.params.value.value, { cover: '/images/a.png', toc: true });
    assert.deepStrictEqual(byKey.resources.value.value, [{ src: '**.{png,jpg}', title: 'Image #:counter' }, { src: 'b.png' }]);
    const summaryAt = base + content.length - 1;
    assert.deepStrictEqual(byKey.summary.value, { kind: 'scalar', value: null, scalarType: 'null', quoted: false, start: summaryAt, end: summaryAt });
  });

  it('declines what it does not read exactly (the yaml package then reads it)', () => {
    const declined = [
      'tags: &t [a]',
      'a: *t',
      'a: !!str 1',
      'title: "two\n  lines"',
      'title: plain\n  continued',
      'notes: |\n  text',
      'notes: >-\n  text',
      'a: {b: 1}',
      'a: [[x]]',
      'a: [b: c]',
      'a: [x,\n  y]',
      'list:\n  - a: b\n   c: d',
      'list:\n  - a: b\n    c:\n  - e: f',
      'list:\n  - - x',
      'list:\n  -\n    x',
      'title: a: b',
      'title: a:',
      '\ttitle: x',
      'title:\tx',
      '"quoted": x',
      'key with space: x',
      'a : b',
      '2fa: x',
      'Null: x',
      'True: x',
      '__proto__: x',
      'w: 1e3',
      'w: 0x1F',
      'w: 007',
      'w: +3',
      'w: -0',
      'w: .inf',
      'w: 1.5e-3',
      'title: "\\e"',
      'title: "\\ud83d\\udc33"',
      '  title: indented',
      '...',
      '# only a comment',
      'a:\n  - x\n  # trailing comment\nb: 1',
      'a:\n  - x\n  -',
      'a: "x"y',
      'a: [x]y',
      'a: b\r c',
      'a: \ufeffb',
      'a: \ud800',
    ];
    for (const content of declined) assert.equal(readYamlSubset(content, 0), undefined, JSON.stringify(content));
  });

  itAgreesWithFullParser({
    format: 'yaml',
    parser: 'the yaml package',
    agrees: (text, p) => p.terminated && agrees(text.slice(p.contentStart, p.contentEnd), p.contentStart),
    generated: [
      { kind: 'mostly in the subset', posts: yamlPosts(true), least: 0.5 },
      { kind: 'tricky', posts: yamlPosts(false), least: 0.1 },
    ],
  });
});
