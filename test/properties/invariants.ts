/**
 * Checks shared by the property tests, the fuzz run and the bad-input corpus: whatever the
 * input, results must describe places that exist in the document.
 */
import * as assert from 'node:assert/strict';
import type { FieldNode, ParsedFrontMatter, ValueNode } from '../../src/core/frontmatter';
import { UNREADABLE } from '../../src/core/frontmatter/parse';

/** Asserts `0 <= start <= end <= length`, naming what was out of place. */
export function assertRangeInside(what: string, start: number, end: number, length: number): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length)) {
    assert.fail(`${what}: range [${start}, ${end}) is not inside the document of length ${length}`);
  }
}

function checkValue(path: string, v: ValueNode, lo: number, hi: number): void {
  assertRangeInside(`${path} value`, v.start, v.end, hi);
  if (v.start < lo) assert.fail(`${path} value starts at ${v.start}, before the front matter content at ${lo}`);
  v.items?.forEach((item, i) => checkValue(`${path}[${i}]`, item, lo, hi));
  v.entries?.forEach((f) => checkField(`${path}.`, f, lo, hi));
}

function checkField(prefix: string, f: FieldNode, lo: number, hi: number): void {
  const path = `${prefix}${f.key}`;
  assertRangeInside(`${path} key`, f.keyStart, f.keyEnd, hi);
  if (f.keyStart < lo) assert.fail(`${path} key starts at ${f.keyStart}, before the front matter content at ${lo}`);
  checkValue(path, f.value, lo, hi);
}

/**
 * The parser's offsets are ordered and inside `text`; every key, value and error lies within
 * the front matter block.
 */
export function assertParsedWithinBounds(text: string, p: ParsedFrontMatter): void {
  const n = text.length;
  const order: [string, number][] = [
    ['blockStart', p.blockStart],
    ['contentStart', p.contentStart],
    ['contentEnd', p.contentEnd],
    ['blockEnd', p.blockEnd],
    ['bodyStart', p.bodyStart],
  ];
  let previous = 0;
  for (const [name, at] of order) {
    if (!Number.isInteger(at) || at < previous || at > n) {
      assert.fail(`${name} = ${at} out of order or outside [${previous}, ${n}] (${order.map(([k, v]) => `${k}=${v}`).join(' ')})`);
    }
    previous = at;
  }
  assert.equal(p.hasBom, text.charCodeAt(0) === 0xfeff, 'hasBom says whether the text starts with U+FEFF');
  if (p.format === null) {
    assert.equal(p.fields.length, 0, 'no fields without front matter');
    assert.equal(p.errors.length, 0, 'no errors without front matter');
  }
  for (const f of p.fields) checkField('', f, p.contentStart, p.contentEnd);
  for (const e of p.errors) {
    assertRangeInside(`error "${e.message}"`, e.start, e.end, n);
    if (e.start < p.blockStart || e.end > p.blockEnd) {
      assert.fail(`error "${e.message}" at [${e.start}, ${e.end}) lies outside the block [${p.blockStart}, ${p.blockEnd})`);
    }
    assert.ok(e.message.trim().length > 0, 'every error has a message');
    // The parser turns anything a format parser throws into this error; it must never be needed.
    assert.ok(!e.message.startsWith(UNREADABLE), `a format parser threw: ${e.message}`);
  }
}

/** Every value node, depth first, with a path for messages. */
export function* walkValues(fields: readonly FieldNode[], prefix = ''): Generator<{ path: string; field?: FieldNode; value: ValueNode }> {
  for (const f of fields) {
    const path = `${prefix}${f.key}`;
    yield { path, field: f, value: f.value };
    yield* walkValueChildren(f.value, path);
  }
}

function* walkValueChildren(v: ValueNode, path: string): Generator<{ path: string; field?: FieldNode; value: ValueNode }> {
  for (const [i, item] of (v.items ?? []).entries()) {
    yield { path: `${path}[${i}]`, value: item };
    yield* walkValueChildren(item, `${path}[${i}]`);
  }
  if (v.entries) yield* walkValues(v.entries, `${path}.`);
}
