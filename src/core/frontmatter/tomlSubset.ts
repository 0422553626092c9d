/**
 * The TOML front matter in the subset most posts are written in: `key = value` lines with bare
 * keys, one-line strings, plain numbers, booleans, dates and arrays of those, and `[table]`
 * headers with bare names. For the blocks it accepts it gives the very `FieldNode` tree
 * `parseTomlFrontMatter` builds (values, scalar types, offsets); anything else (dotted or quoted
 * keys, inline tables, multi-line strings, nested arrays, arrays of tables, keys set twice,
 * unusual numbers and dates) returns `undefined`, and the caller uses toml-eslint-parser. Why a
 * second reader: BENCHMARKS.md. An equivalence test holds it to that
 * (test/unit/frontmatter.tomlSubset.test.ts).
 */
import { isShallow } from './limits';
import { hasLoneCrOrSurrogate, readEscapedString, PLAIN_NUMBER, TOML_ESCAPES } from './subsetScan';
import type { FieldNode, ValueNode } from './types';

/** Larger or bracket-heavy blocks are unusual enough to leave to the full parser (which applies limits.ts). */
const MAX_LENGTH = 64 * 1024;

/** Tabs, control characters and a BOM: all left to the full parser. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const UNSUPPORTED_CHARS = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]/;
/** A date, or a date and time to the second with an optional offset (no fractions, no space separator). */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:Z|[+-](\d{2}):(\d{2}))?)?$/;

/** A `[table]` header read so far: its field, and where its last value ends. */
interface OpenTable {
  field: FieldNode;
  entries: FieldNode[];
  keys: Set<string>;
  end: number;
}

/**
 * The top-level fields of the TOML `content` (which starts at absolute offset `base`), exactly as
 * `parseTomlFrontMatter` gives them, or `undefined` when the block needs the full parser.
 */
export function readTomlSubset(content: string, base: number): FieldNode[] | undefined {
  if (content.length === 0 || content.length > MAX_LENGTH || UNSUPPORTED_CHARS.test(content)) return undefined;
  if (hasLoneCrOrSurrogate(content) || !isShallow(content)) return undefined;
  const s = content;
  const fields: FieldNode[] = [];
  const topKeys = new Set<string>();
  const tables: OpenTable[] = [];
  let table: OpenTable | undefined;
  for (let at = 0; at < s.length; ) {
    const lineEnd = lineEndAt(s, at);
    let i = skipSpaces(s, at, lineEnd);
    at = nextLineAt(s, lineEnd);
    if (i === lineEnd || s.charCodeAt(i) === 35) continue;
    if (s.charCodeAt(i) === 91) {
      // `[name]`: later keys belong to this table, until the next header.
      const keyStart = i + 1;
      const keyEnd = bareKeyEnd(s, keyStart, lineEnd);
      if (keyEnd === keyStart || s.charCodeAt(keyEnd) !== 93 || !isLineRest(s, keyEnd + 1, lineEnd)) return undefined;
      const key = s.slice(keyStart, keyEnd);
      if (topKeys.has(key) || key === '__proto__') return undefined;
      topKeys.add(key);
      const value: ValueNode = { kind: 'mapping', value: {}, entries: [], start: base + i, end: base + keyEnd + 1 };
      table = { field: { key, keyStart: base + keyStart, keyEnd: base + keyEnd, value }, entries: [], keys: new Set(), end: value.end };
      tables.push(table);
      fields.push(table.field);
      continue;
    }
    const keyStart = i;
    const keyEnd = bareKeyEnd(s, keyStart, lineEnd);
    if (keyEnd === keyStart) return undefined;
    const key = s.slice(keyStart, keyEnd);
    const keys = table ? table.keys : topKeys;
    if (keys.has(key) || key === '__proto__') return undefined;
    keys.add(key);
    i = skipSpaces(s, keyEnd, lineEnd);
    if (s.charCodeAt(i) !== 61) return undefined;
    i = skipSpaces(s, i + 1, lineEnd);
    const value = readValue(s, i, lineEnd, base, true);
    if (value === undefined) return undefined;
    // An array may end on a later line; the rest of the line it ends on must be blank.
    const valueEnd = value.end - base;
    const valueLineEnd = valueEnd > lineEnd ? lineEndAt(s, valueEnd) : lineEnd;
    if (!isLineRest(s, valueEnd, valueLineEnd)) return undefined;
    at = nextLineAt(s, valueLineEnd);
    const field: FieldNode = { key, keyStart: base + keyStart, keyEnd: base + keyEnd, value };
    if (table) {
      table.entries.push(field);
      table.end = value.end;
    } else {
      fields.push(field);
    }
  }
  for (const t of tables) {
    const value = t.field.value;
    const data: Record<string, unknown> = {};
    for (const f of t.entries) data[f.key] = f.value.value;
    value.value = data;
    value.entries = t.entries;
    value.end = t.end;
  }
  return fields.length > 0 ? fields : undefined;
}

/** Where the line holding offset `i` ends (before its `\r\n` or `\n`). */
function lineEndAt(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  if (nl === -1) return s.length;
  return nl > i && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/** Where the line after the one ending at `lineEnd` starts. */
function nextLineAt(s: string, lineEnd: number): number {
  return Math.min(s.length, lineEnd + (s.charCodeAt(lineEnd) === 13 ? 2 : 1));
}

function skipSpaces(s: string, i: number, end: number): number {
  while (i < end && s.charCodeAt(i) === 32) i++;
  return i;
}

/** The end of a bare key (`A-Z a-z 0-9 _ -`) starting at `i`. */
function bareKeyEnd(s: string, i: number, end: number): number {
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45)) break;
  }
  return i;
}

/** Whether only spaces and a comment follow `i` on the line. */
function isLineRest(s: string, i: number, lineEnd: number): boolean {
  i = skipSpaces(s, i, lineEnd);
  return i === lineEnd || s.charCodeAt(i) === 35;
}

/** One value starting at `at`; arrays only when `arrayAllowed` (no nesting). */
function readValue(s: string, at: number, lineEnd: number, base: number, arrayAllowed: boolean): ValueNode | undefined {
  const c = s.charCodeAt(at);
  if (c === 34 || c === 39) {
    const read = c === 34 ? readBasicString(s, at, lineEnd) : readLiteralString(s, at, lineEnd);
    if (read === undefined) return undefined;
    return { kind: 'scalar', value: read.value, scalarType: 'string', quoted: true, start: base + at, end: base + read.end };
  }
  if (c === 91) return arrayAllowed ? readArray(s, at, base) : undefined;
  // A bare token: a boolean, a number or a date, up to a delimiter.
  let end = at;
  while (end < lineEnd) {
    const d = s.charCodeAt(end);
    if (d === 32 || d === 44 || d === 93 || d === 35) break;
    end++;
  }
  const token = s.slice(at, end);
  const start = base + at;
  if (token === 'true' || token === 'false') return { kind: 'scalar', value: token === 'true', scalarType: 'boolean', start, end: base + end };
  if (PLAIN_NUMBER.test(token)) {
    const n = Number(token);
    return Object.is(n, -0) ? undefined : { kind: 'scalar', value: n, scalarType: 'number', start, end: base + end };
  }
  if (isValidDate(token)) return { kind: 'scalar', value: token, scalarType: 'date', start, end: base + end };
  return undefined;
}

/**
 * An array of scalars (a trailing comma is allowed). It may run over several lines, with
 * comments after its items; each item sits on one line.
 */
function readArray(s: string, at: number, base: number): ValueNode | undefined {
  const items: ValueNode[] = [];
  let i = at + 1;
  for (;;) {
    i = skipArraySpace(s, i);
    if (i >= s.length) return undefined;
    if (s.charCodeAt(i) === 93) break;
    const item = readValue(s, i, lineEndAt(s, i), base, false);
    if (item === undefined) return undefined;
    items.push(item);
    i = skipArraySpace(s, item.end - base);
    const c = s.charCodeAt(i);
    if (c === 44) i++;
    else if (c !== 93) return undefined;
  }
  return { kind: 'sequence', value: items.map((item) => item.value), items, start: base + at, end: base + i + 1 };
}

/** Skips spaces, line breaks and comments between an array's items. */
function skipArraySpace(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10) i++;
    else if (c === 13 && s.charCodeAt(i + 1) === 10) i += 2;
    else if (c === 35) i = lineEndAt(s, i);
    else return i;
  }
}

/** A `"basic"` string closing on its line (not a `"""` one): its value and the offset after it. */
function readBasicString(s: string, at: number, lineEnd: number): { value: string; end: number } | undefined {
  return s.startsWith('""', at + 1) ? undefined : readEscapedString(s, at, lineEnd, TOML_ESCAPES);
}

/** A `'literal'` string closing on its line (not a `'''` one). */
function readLiteralString(s: string, at: number, lineEnd: number): { value: string; end: number } | undefined {
  if (s.startsWith("''", at + 1)) return undefined;
  const close = s.indexOf("'", at + 1);
  if (close === -1 || close >= lineEnd) return undefined;
  return { value: s.slice(at + 1, close), end: close + 1 };
}

/** Whether `token` is a date (or date and time) every TOML parser reads; odd but valid forms decline too. */
function isValidDate(token: string): boolean {
  const m = DATE.exec(token);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) return false;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  return true;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
