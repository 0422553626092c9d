/** Properties of `parseFrontMatter` and `LineIndex` over generated and broken posts. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as toml from 'smol-toml';
import * as yaml from 'yaml';
import { parseFrontMatter } from '../../src/core/frontmatter';
import { LineIndex } from '../../src/core/text/lineIndex';
import { arbitraryText, generatedPost, markdownBody, mutatedPost, type Format } from './generators';
import { assertParsedWithinBounds, walkValues } from './invariants';
import type { NamedProperty } from './runner';

/** Reads one scalar as written in `format` (the text a value range covers). */
function readScalar(format: Format, source: string): unknown {
  if (format === 'json') return JSON.parse(source);
  if (format === 'toml') return toml.parse(`x = ${source}`).x;
  // As a mapping value, so that a plain `---` is a string and a block scalar keeps its indentation.
  return (yaml.parse(`x: ${source}`) as { x: unknown }).x;
}

/** Reads one key as written in `format`. */
function readKey(format: Format, source: string): string {
  if (format === 'json') return JSON.parse(source) as string;
  if (format === 'toml') return Object.keys(toml.parse(`${source} = 1`))[0];
  return String(yaml.parse(source));
}

function assertLineIndexConsistent(text: string): void {
  const lines = new LineIndex(text);
  const step = Math.max(1, Math.floor(text.length / 64));
  for (let o = 0; o <= text.length; o += step) {
    const pos = lines.positionAt(o);
    assert.ok(pos.line >= 0 && pos.line < lines.lineCount && pos.character >= 0, `position of ${o} is a real line`);
    const back = lines.offsetAt(pos);
    // An offset between \r and \n maps to the end of the line, which is the \r.
    const insideCrlf = text[o - 1] === '\r' && text[o] === '\n';
    assert.equal(back, insideCrlf ? o - 1 : o, `offsetAt(positionAt(${o}))`);
  }
}

export function parserProperties(): NamedProperty[] {
  return [
    {
      name: 'parser: never throws and keeps every offset inside mutated posts',
      property: fc.property(mutatedPost(), ({ text }) => {
        assertParsedWithinBounds(text, parseFrontMatter(text));
      }),
    },
    {
      name: 'parser: never throws and keeps every offset inside arbitrary text',
      property: fc.property(arbitraryText, (text) => {
        assertParsedWithinBounds(text, parseFrontMatter(text));
      }),
    },
    {
      name: 'parser: well-formed posts in all three formats read back their data with exact key and value ranges',
      property: fc.property(generatedPost(), (post) => {
        const p = parseFrontMatter(post.text);
        assert.equal(p.format, post.format);
        assert.deepEqual(p.errors, [], `no errors for\n${post.text}`);
        assert.deepEqual(p.data, post.data);
        // TOML writers put tables after plain keys, so compare the keys, not their order.
        assert.deepEqual(
          p.fields.map((f) => readKey(post.format, post.text.slice(f.keyStart, f.keyEnd))).sort(),
          Object.keys(post.data).sort(),
        );
        for (const { path, value } of walkValues(p.fields)) {
          if (value.kind !== 'scalar') continue;
          const source = post.text.slice(value.start, value.end);
          assert.deepEqual(readScalar(post.format, source), value.value, `${path}: range covers ${JSON.stringify(source)}`);
        }
      }),
    },
    {
      name: 'parser: the body never changes the front matter of a closed block',
      property: fc.property(mutatedPost(), markdownBody, ({ text: mutated }, body) => {
        // Appending to a last line that is not finished would change that line, not add a body.
        const text = mutated.endsWith('\n') ? mutated : `${mutated}\n`;
        const before = parseFrontMatter(text);
        fc.pre(before.terminated && before.format !== null);
        const after = parseFrontMatter(`${text}\n${body}`);
        assert.deepEqual(after.fields, before.fields);
        assert.deepEqual(after.errors, before.errors);
        assert.equal(after.bodyStart, before.bodyStart);
      }),
    },
    {
      name: 'LineIndex: offsets and positions convert back and forth on any text',
      property: fc.property(fc.oneof(mutatedPost().map((m) => m.text), arbitraryText), (text) => {
        assertLineIndexConsistent(text);
      }),
    },
  ];
}
