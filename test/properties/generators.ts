/**
 * fast-check generators for Hugo posts: front matter data, the same data written as YAML, TOML
 * or JSON front matter, markdown bodies, and mutations that break documents the way editors,
 * merges and other tools break them (lost characters, swapped delimiters, CRLF, BOM, tabs,
 * unusual Unicode).
 */
import fc from 'fast-check';
import * as toml from 'smol-toml';
import * as yaml from 'yaml';

export type Format = 'yaml' | 'toml' | 'json';
export const FORMATS: readonly Format[] = ['yaml', 'toml', 'json'];

export type Scalar = string | number | boolean;
export type FieldValue = Scalar | Scalar[] | Record<string, Scalar | Scalar[]>;
export type PostData = Record<string, FieldValue>;

/** Strings that mean something to one of the formats, to Hugo or to HTML. */
const TRICKY_STRINGS = [
  '---', '+++', '{', '}', '[', ']', ': ', ' #', '# x', '"', "'", '\\', '`', '&anchor', '*alias', '!!str', '@', '%',
  'yes', 'no', 'null', '~', 'true', '1e3', '0x1F', '2019-02-30', '2024-01-01T10:00:00Z', '{{< youtube id >}}',
  '{{% note %}}', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '</style>',
  '\u202eevil', '\u200d', '🐳', '👩‍💻', 'שלום', 'مرحبا', 'é', '\t', '\n', '\r\n', ' ', '',
];

const trickyString = fc.constantFrom(...TRICKY_STRINGS);

/** Any string users might write in a value: plain words, arbitrary Unicode and the tricky ones. */
export const valueString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._-]{0,20}$/) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.array(fc.oneof(trickyString, fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 4 }).map((a) => a.join('')) },
);

/** Tag-like strings: what tag refactoring renames, merges and removes. */
export const tagString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/) },
  { weight: 1, arbitrary: fc.constantFrom('Docker', 'k8s', 'CI/CD', 'c#', 'node.js', '🐳 docker', 'שלום', 'مرحبا', 'a b', 'x: y', "it's", 'say "hi"') },
);

const number: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((x) => !Object.is(x, -0)),
);

const scalar: fc.Arbitrary<Scalar> = fc.oneof({ weight: 4, arbitrary: valueString }, { weight: 1, arbitrary: number }, { weight: 1, arbitrary: fc.boolean() });

/** Keys: Hugo's usual fields and arbitrary identifiers. */
export const fieldKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('title', 'date', 'lastmod', 'draft', 'tags', 'categories', 'description', 'slug', 'aliases', 'weight', 'summary', 'author'),
  fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,10}$/),
);

const scalarList = fc.array(scalar, { maxLength: 5 });
const nested: fc.Arbitrary<Record<string, Scalar | Scalar[]>> = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), fc.oneof(scalar, scalarList), {
  maxKeys: 4,
  noNullPrototype: true,
});

/** Front matter data: usually a title, a date and tags; sometimes nested params. */
export const postData: fc.Arbitrary<PostData> = fc
  .record(
    {
      title: valueString,
      date: fc.constantFrom('2024-01-15', '2019-02-30', '2023-10-15T13:18:50-07:00', 'yesterday', '2024-13-01'),
      tags: fc.array(tagString, { maxLength: 6 }),
      categories: fc.array(tagString, { maxLength: 3 }),
      draft: fc.boolean(),
      extra: fc.dictionary(fieldKey, fc.oneof(scalar, scalarList, nested), { maxKeys: 5, noNullPrototype: true }),
    },
    { requiredKeys: ['title', 'extra'] },
  )
  .map(({ extra, ...known }) => {
    const data: PostData = {};
    for (const [k, v] of Object.entries(known)) if (v !== undefined) data[k] = v as FieldValue;
    for (const [k, v] of Object.entries(extra)) if (!(k in data)) data[k] = v;
    return data;
  });

/** Markdown bodies, including lines that look like delimiters and fences that hold them. */
export const markdownBody: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '# Heading', 'Some *text* with `code`.', '---', '+++', '```yaml\n---\ntitle: x\n---\n```', '```bash\ndocker build .\n```',
        '{{< youtube abc >}}', '{{< figure src="a.png" title="<b>x</b>" >}}', '{{% note %}}inner{{% /note %}}',
        '<script>alert(1)</script>', '[x](javascript:alert(1))', '- list item', '> quote', '<!-- comment -->', '',
      ),
      valueString,
    ),
    { maxLength: 8 },
  )
  .map((lines) => lines.join('\n'));

export interface GeneratedPost {
  format: Format;
  data: PostData;
  text: string;
  eol: '\n' | '\r\n';
  bom: boolean;
}

export interface WriteStyle {
  eol: '\n' | '\r\n';
  bom: boolean;
  /** YAML: how strings and collections are written; JSON: indentation. */
  variant: number;
}

/** Writes `data` as front matter of `format` followed by `body`. */
export function writePost(format: Format, data: PostData, body: string, style: WriteStyle): string {
  let block: string;
  if (format === 'yaml') {
    const options = [{}, { defaultStringType: 'QUOTE_DOUBLE' as const }, { collectionStyle: 'flow' as const }, { defaultStringType: 'QUOTE_SINGLE' as const }][style.variant % 4];
    block = `---\n${yaml.stringify(data, { lineWidth: 0, ...options })}---\n`;
  } else if (format === 'toml') {
    block = `+++\n${toml.stringify(data)}\n+++\n`;
  } else {
    block = `${JSON.stringify(data, null, [2, 0, '\t', 4][style.variant % 4])}\n`;
  }
  const text = `${block}${body}`;
  const withEol = style.eol === '\r\n' ? text.replace(/\r?\n/g, '\r\n') : text;
  return style.bom ? `\ufeff${withEol}` : withEol;
}

export const writeStyle: fc.Arbitrary<WriteStyle> = fc.record({
  eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
  bom: fc.boolean(),
  variant: fc.nat({ max: 3 }),
});

/** A well-formed post of the given format (or any format) with its source data. */
export function generatedPost(formats: readonly Format[] = FORMATS): fc.Arbitrary<GeneratedPost> {
  return fc.tuple(fc.constantFrom(...formats), postData, markdownBody, writeStyle).map(([format, data, body, style]) => ({
    format,
    data,
    eol: style.eol,
    bom: style.bom,
    text: writePost(format, data, body, style),
  }));
}

// ---- mutations ------------------------------------------------------------------------------

const INSERTS = [
  '\ufeff', '\r\n', '\r', '\n', '\t', '\u0000', '\ud800', '\udfff', '\u2028', '\u202e', '\u200d', '🐳', 'שלום', '---\n', '+++\n',
  '{', '}', '[', ']', '"', "'", ':', '- ', '&a ', '*a', '<<: *a', '= ', '#', '\\', '<script>', '`',
];

export type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'swapDelimiter'; which: number }
  | { kind: 'lineEndings'; to: '\r\n' | '\n' | '\r' | 'mixed' }
  | { kind: 'tabs' };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'binary', maxLength: 3 })) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('swapDelimiter' as const), which: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant('lineEndings' as const), to: fc.constantFrom<'\r\n' | '\n' | '\r' | 'mixed'>('\r\n', '\n', '\r', 'mixed') }),
  fc.record({ kind: fc.constant('tabs' as const) }),
);

export function applyMutation(text: string, m: Mutation): string {
  const at = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'swapDelimiter': {
      // Turn the opening or closing delimiter into the other format's, or drop one.
      const swaps: [RegExp, string][] = [
        [/^---/m, '+++'], [/^\+\+\+/m, '---'], [/\n---(\r?\n|$)/, '\n+++$1'], [/\n\+\+\+(\r?\n|$)/, '\n---$1'], [/\n(---|\+\+\+)(\r?\n|$)/, '\n$2'], [/^\{/, '---\n{'],
      ];
      const [re, to] = swaps[m.which % swaps.length];
      return text.replace(re, to);
    }
    case 'lineEndings':
      if (m.to === 'mixed') {
        let n = 0;
        return text.replace(/\r?\n/g, () => (n++ % 2 === 0 ? '\r\n' : '\n'));
      }
      return text.replace(/\r\n|\r|\n/g, m.to);
    case 'tabs':
      return text.replace(/^( {2})+/gm, '\t');
  }
}

/** A generated post broken by up to `max` mutations (possibly none). */
export function mutatedPost(max = 4): fc.Arbitrary<{ post: GeneratedPost; mutations: Mutation[]; text: string }> {
  return fc.tuple(generatedPost(), fc.array(mutation, { maxLength: max })).map(([post, mutations]) => ({
    post,
    mutations,
    text: mutations.reduce(applyMutation, post.text),
  }));
}

/** Completely arbitrary text, weighted toward front-matter-looking starts. */
export const arbitraryText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.tuple(fc.constantFrom('---\n', '+++\n', '{', '\ufeff---\r\n', '  \n---\n', ''), fc.array(fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 8 })), { maxLength: 30 })).map(
    ([start, parts]) => start + parts.join(''),
  ),
);
