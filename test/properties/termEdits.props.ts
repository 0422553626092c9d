/**
 * "No byte lost": tag rename, merge and remove edits (src/core/tags/termEdits.ts) on posts in
 * all three formats, written in the styles people use (flow and block lists, quotes, comments,
 * CRLF, BOM). Only the taxonomy field's bytes may change; everything else, the body and the line
 * endings included, stays byte for byte, and the result reads back with the intended terms.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFrontMatter, type FieldNode } from '../../src/core/frontmatter';
import { termKey } from '../../src/core/tags/termKey';
import { applyEdits, computeTermEdits, type TermChange } from '../../src/core/tags/termEdits';
import { FORMATS, markdownBody, tagString, valueString, type Format } from './generators';
import type { NamedProperty } from './runner';

type Quote = 'plain' | 'double' | 'single';

export interface TagPost {
  format: Format;
  text: string;
  tags: string[];
}

function quote(s: string, format: Format, q: Quote): string {
  if (format === 'json') return JSON.stringify(s);
  // eslint-disable-next-line no-control-regex -- control characters need escapes, so double quotes
  if (q === 'single' && !/[\n\r'\\]/.test(s) && !/[\u0000-\u001f]/.test(s)) return `'${s}'`;
  if (q === 'plain' && format === 'yaml' && /^[A-Za-z][A-Za-z0-9 ._/-]*$/.test(s) && !/^(true|false|null|yes|no|on|off)$/i.test(s)) return s;
  return JSON.stringify(s);
}

/** Writes a post by hand, with the list style and quoting chosen, so edits meet every layout. */
function writeTagPost(format: Format, title: string, tags: string[], layout: number, q: Quote, eol: '\n' | '\r\n', bom: boolean, body: string): string {
  const items = tags.map((t) => quote(t, format, q));
  let block: string;
  if (format === 'yaml') {
    const list = [
      `tags: [${items.join(', ')}]`,
      `tags:\n${items.map((i) => `  - ${i}`).join('\n')}`,
      `tags:\n${items.map((i, n) => `- ${i}${n === 0 ? ' # first' : ''}`).join('\n')}`,
      `tags: [\n  ${items.join(',\n  ')}\n]`,
    ][layout % 4];
    block = `---\ntitle: ${quote(title, format, 'double')}\n${list.replace(/^tags:\n$/, 'tags: []')}\ndraft: false # keep\ncategories: [notes]\n---\n`;
  } else if (format === 'toml') {
    const list = [`tags = [${items.join(', ')}]`, `tags = [\n  ${items.join(',\n  ')},\n] # trailing comma`, `tags = [ ${items.join(' , ')} ]`, `tags = [${items.join(',')}]`][layout % 4];
    block = `+++\ntitle = ${quote(title, format, 'double')}\n${list}\ndraft = false\n[params]\nauthor = "me"\n+++\n`;
  } else {
    const list = layout % 2 === 0 ? `"tags": [${items.join(', ')}]` : `"tags": [\n    ${items.join(',\n    ')}\n  ]`;
    block = `{\n  "title": ${JSON.stringify(title)},\n  ${list},\n  "draft": false\n}\n`;
  }
  const text = `${block}${body}`.replace(/\r?\n/g, eol);
  return bom ? `\ufeff${text}` : text;
}

/** Posts with 1–6 tags (some differing only in case or spacing) in every format and layout. */
export const tagPost: fc.Arbitrary<TagPost> = fc
  .tuple(
    fc.constantFrom(...FORMATS),
    valueString,
    fc.array(fc.oneof(tagString, fc.constantFrom('Docker', 'docker', 'DOCKER', 'Hot Dogs', 'hot-dogs', 'k8s')), { minLength: 1, maxLength: 6 }),
    fc.nat({ max: 3 }),
    fc.constantFrom<Quote>('plain', 'double', 'single'),
    fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    fc.boolean(),
    markdownBody,
  )
  .map(([format, title, tags, layout, q, eol, bom, body]) => ({ format, tags, text: writeTagPost(format, title, tags, layout, q, eol, bom, body) }))
  .filter((p) => parseFrontMatter(p.text).errors.length === 0);

/** A change to a tag the post has (rename to a new or an existing name, or removal). */
export function tagChange(post: TagPost): fc.Arbitrary<TermChange> {
  const existing = fc.constantFrom(...post.tags);
  return fc.oneof(
    fc.tuple(existing, tagString).map(([from, to]) => ({ kind: 'rename' as const, taxonomy: 'tags', from, to })),
    fc.tuple(existing, existing).map(([from, to]) => ({ kind: 'rename' as const, taxonomy: 'tags', from, to })),
    existing.map((term) => ({ kind: 'remove' as const, taxonomy: 'tags', term })),
  );
}

function tagsField(fields: readonly FieldNode[]): FieldNode | undefined {
  return [...fields].reverse().find((f) => f.key.toLowerCase() === 'tags');
}

/** The terms a change should leave, in order (Hugo merges terms by key; the first spelling of the target stays). */
function expectedTerms(tags: string[], change: TermChange): string[] {
  if (change.kind === 'remove') return tags.filter((t) => termKey(t) !== termKey(change.term));
  const from = termKey(change.from);
  const to = termKey(change.to);
  if (from === to) {
    let renamed = false;
    return tags.flatMap((t) => (termKey(t) !== from ? [t] : renamed ? [] : ((renamed = true), [change.to])));
  }
  const targetPresent = tags.some((t) => termKey(t) === to);
  let kept = targetPresent;
  return tags.flatMap((t) => (termKey(t) !== from ? [t] : kept ? [] : ((kept = true), [change.to])));
}

/**
 * Applies `change` and checks that only the tags field changed: every other field and the body
 * keep their bytes, line endings and the BOM are kept, the front matter still parses, the terms
 * are the expected ones, and a renamed item keeps its quotes where it can.
 */
export function assertTermEditKeepsBytes(post: TagPost, change: TermChange): void {
  const { text } = post;
  const where = `${JSON.stringify(change)} on\n${JSON.stringify(text)}`;
  const before = parseFrontMatter(text);
  const field = tagsField(before.fields)!;
  const result = computeTermEdits(text, change);
  assert.equal(result.skipped, undefined, `${where}: a clean post was refused`);
  const after = applyEdits(text, result.edits);
  const fieldStart = text.lastIndexOf('\n', field.keyStart) + 1;
  const nl = text.indexOf('\n', field.value.end);
  const fieldEnd = nl === -1 ? text.length : nl + 1;
  for (const e of result.edits) {
    assert.ok(e.start >= fieldStart && e.end <= fieldEnd, `${where}: edit [${e.start}, ${e.end}) outside the tags field [${fieldStart}, ${fieldEnd})`);
    if (text.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(e.newText), `${where}: a bare LF in a CRLF post`);
  }
  // Bytes before and after the field are untouched (edits stay inside it, so this is exact).
  const delta = after.length - text.length;
  assert.equal(after.slice(0, fieldStart), text.slice(0, fieldStart), `${where}: bytes before the field changed`);
  assert.equal(after.slice(fieldEnd + delta), text.slice(fieldEnd), `${where}: bytes after the field changed`);
  assert.equal(after.startsWith('\ufeff'), text.startsWith('\ufeff'), `${where}: the BOM`);
  const lineEndings = (t: string) => new Set(t.match(/\r?\n/g) ?? []);
  assert.deepEqual(lineEndings(after), lineEndings(text), `${where}: line endings`);

  const reparsed = parseFrontMatter(after);
  assert.deepEqual(reparsed.errors, [], `${where}: the result does not parse:\n${JSON.stringify(after)}`);
  assert.equal(reparsed.format, before.format);
  const newField = tagsField(reparsed.fields);
  assert.ok(newField, `${where}: tags field kept`);
  const got = newField.value.kind === 'sequence' ? (newField.value.items ?? []).map((i) => String(i.value)) : [String(newField.value.value)];
  assert.deepEqual(got, expectedTerms(post.tags, change), `${where}: terms after the edit\n${JSON.stringify(after)}`);
  for (const f of before.fields) {
    if (f === field) continue;
    const g = reparsed.fields.find((x) => x.key === f.key);
    assert.ok(g, `${where}: field ${f.key} lost`);
    assert.deepEqual(g.value.value, f.value.value, `${where}: field ${f.key} changed`);
  }
  // A renamed item keeps its quote character (YAML/TOML may add quotes the new name needs).
  const merged = change.kind === 'rename' && termKey(change.from) !== termKey(change.to) && post.tags.some((t) => termKey(t) === termKey(change.to));
  if (change.kind === 'rename' && !merged && result.edits.length > 0) {
    for (const item of newField.value.items ?? []) {
      if (String(item.value) !== change.to) continue;
      const old = (field.value.items ?? []).find((i) => termKey(String(i.value)) === termKey(change.from));
      if (!old) continue;
      const oldQuote = text[old.start];
      const newQuote = after[item.start];
      if (oldQuote === '"' || (oldQuote === "'" && post.format !== 'json')) {
        assert.ok(newQuote === oldQuote || newQuote === '"', `${where}: quotes ${oldQuote} became ${newQuote}`);
      }
    }
  }
}

export function termEditProperties(): NamedProperty[] {
  return [
    {
      name: 'tag edits: rename, merge and remove change only the tags field, keep line endings and quotes, and read back as intended',
      cost: 2,
      property: fc.property(
        tagPost.chain((post) => fc.tuple(fc.constant(post), tagChange(post))),
        ([post, change]) => assertTermEditKeepsBytes(post, change),
      ),
    },
  ];
}
