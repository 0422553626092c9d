/**
 * A fast reader for the YAML that front matter is made of (block mappings and lists, one-line
 * scalars and flow lists). The full parser costs about half a millisecond a post, which at 10k
 * posts would dominate a cold index; this reads a typical block in microseconds.
 *
 * It is exact or it declines: every line must fit the simple subset below, otherwise it returns
 * `undefined` and the caller uses the full parser. For blocks it accepts, the wanted values equal
 * what `parseFrontMatter` gives (a property test holds it to that).
 */

import { hasLoneCrOrSurrogate, isAsciiLetter, YAML_UNSUPPORTED_CHARS } from '../frontmatter/simpleScan';

/** The block's lines as parallel arrays: indentation, and the rest (without a trailing `\r`). */
interface Lines {
  indent: number[];
  text: string[];
}

/** Signals "not in the simple subset". */
const DECLINE = Symbol('decline');
type Result<T> = T | typeof DECLINE;

const BLOCK_SCALAR_HEADER = /^[|>][+-]?(?: +#.*)?$/;
/** What may follow a quoted scalar or a flow list on its line. */
const TAIL = /^(?: +(?:#.*)?)?$/;
/**
 * Real front matter is small and shallow. Bigger or deeper blocks go to the full parser, which
 * also applies the hard limits (see frontmatter/limits.ts) that this reader must not contradict.
 */
const MAX_BLOCK_LENGTH = 64 * 1024;
const MAX_DEPTH = 20;

/**
 * Reads the top-level fields named in `wanted` (lowercased) from the YAML in
 * `text.slice(start, end)`. Returns lowercased key → value (the last one written wins),
 * or `undefined` when the block needs the full parser.
 */
export function fastYamlFields(text: string, start: number, end: number, wanted: ReadonlySet<string>): Map<string, unknown> | undefined {
  if (end - start > MAX_BLOCK_LENGTH) return undefined;
  const block = text.slice(start, end);
  if (YAML_UNSUPPORTED_CHARS.test(block) || hasLoneCrOrSurrogate(block)) return undefined;
  // One pass, one string per line: this runs for every post of a cold index.
  const lines: Lines = { indent: [], text: [] };
  for (let at = 0; at <= block.length; ) {
    let nl = block.indexOf('\n', at);
    if (nl === -1) nl = block.length;
    const lineEnd = nl > at && block.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let content = at;
    while (content < lineEnd && block.charCodeAt(content) === 32) content++;
    lines.indent.push(content - at);
    lines.text.push(block.slice(content, lineEnd));
    at = nl + 1;
  }
  const reader = new Reader(lines, wanted);
  const next = reader.mapping(0, 0, true, 0);
  if (next === DECLINE || reader.skipInsignificant(next) < lines.text.length) return undefined;
  return reader.fields;
}

class Reader {
  readonly fields = new Map<string, unknown>();

  private readonly indent: number[];
  private readonly text: string[];

  constructor(
    lines: Lines,
    private readonly wanted: ReadonlySet<string>,
  ) {
    this.indent = lines.indent;
    this.text = lines.text;
  }

  /** The index of the next line that is not blank or a comment. */
  skipInsignificant(i: number): number {
    const text = this.text;
    while (i < text.length && (text[i] === '' || text[i].charCodeAt(0) === 35)) i++;
    return i;
  }

  /** A block mapping whose keys sit at column `n`; returns the index after it. */
  mapping(i: number, n: number, topLevel: boolean, depth: number): Result<number> {
    if (depth > MAX_DEPTH) return DECLINE;
    for (;;) {
      i = this.skipInsignificant(i);
      if (i >= this.text.length || this.indent[i] < n) return i;
      if (this.indent[i] > n) return DECLINE;
      const text = this.text[i];
      // Anything else at the mapping's column (a quoted or complex key, a stray list item) declines.
      const k = keyAt(text);
      if (k === undefined) return DECLINE;
      const key = k.lower;
      const want = topLevel && this.wanted.has(key);
      const r = this.value(i, n, text.slice(k.valueStart), want, depth);
      if (r === DECLINE) return DECLINE;
      if (want) this.fields.set(key, r.value);
      i = r.next;
    }
  }

  /** The value after `key:` on line `i` of a mapping at column `n`, with what follows it. */
  private value(i: number, n: number, rest: string, want: boolean, depth: number): Result<{ value: unknown; next: number }> {
    const inline = inlineValue(rest, want);
    if (inline === DECLINE) return DECLINE;
    if (inline.kind === 'blockScalar') {
      if (want) return DECLINE;
      const next = this.blockScalar(i + 1, n);
      return next === DECLINE ? DECLINE : { value: undefined, next };
    }
    if (inline.kind !== 'empty') return { value: inline.value, next: i + 1 };
    const j = this.skipInsignificant(i + 1);
    if (j < this.text.length && (this.indent[j] > n || (this.indent[j] === n && isSeqItem(this.text[j])))) {
      if (isSeqItem(this.text[j])) {
        const seq = this.sequence(j, this.indent[j], want, depth + 1);
        return seq === DECLINE ? DECLINE : { value: seq.items, next: seq.next };
      }
      if (want) return DECLINE;
      const next = this.mapping(j, this.indent[j], false, depth + 1);
      return next === DECLINE ? DECLINE : { value: undefined, next };
    }
    return { value: null, next: i + 1 };
  }

  /** A block list whose `-` sit at column `n`; with `want`, only one-line scalar items are accepted. */
  private sequence(i: number, n: number, want: boolean, depth: number): Result<{ items: unknown[]; next: number }> {
    if (depth > MAX_DEPTH) return DECLINE;
    const items: unknown[] = [];
    for (;;) {
      i = this.skipInsignificant(i);
      if (i >= this.text.length || this.indent[i] < n || (this.indent[i] === n && !isSeqItem(this.text[i]))) return { items, next: i };
      if (this.indent[i] > n) return DECLINE;
      const text = this.text[i];
      let k = 1;
      while (text.charCodeAt(k) === 32) k++;
      const rest = text.slice(k);
      const restColumn = n + k;
      if (rest === '' || rest.charCodeAt(0) === 35) {
        if (want) return DECLINE;
        const j = this.skipInsignificant(i + 1);
        const deeper = j < this.text.length && this.indent[j] > n;
        if (deeper && isSeqItem(this.text[j])) {
          const seq = this.sequence(j, this.indent[j], false, depth + 1);
          if (seq === DECLINE) return DECLINE;
          i = seq.next;
        } else if (deeper) {
          const next = this.mapping(j, this.indent[j], false, depth + 1);
          if (next === DECLINE) return DECLINE;
          i = next;
        } else {
          i++;
        }
        continue;
      }
      if (isSeqItem(rest)) return DECLINE;
      const key = keyAt(rest);
      if (key) {
        // `- name: x` starts a mapping at the column of `name`.
        if (want) return DECLINE;
        const first = this.value(i, restColumn, rest.slice(key.valueStart), false, depth + 1);
        if (first === DECLINE) return DECLINE;
        const next = this.mapping(first.next, restColumn, false, depth + 1);
        if (next === DECLINE) return DECLINE;
        i = next;
        continue;
      }
      const inline = inlineValue(rest, want);
      if (inline === DECLINE) return DECLINE;
      if (inline.kind === 'blockScalar') {
        if (want) return DECLINE;
        const next = this.blockScalar(i + 1, n);
        if (next === DECLINE) return DECLINE;
        i = next;
        continue;
      }
      if (want && inline.kind !== 'scalar') return DECLINE;
      items.push(inline.value);
      i++;
    }
  }

  /** Skips a `|` or `>` scalar's lines, checking the indentation rules YAML enforces. */
  private blockScalar(i: number, parentIndent: number): Result<number> {
    let contentIndent = -1;
    let longestLeadingBlank = 0;
    for (; i < this.text.length; i++) {
      const indent = this.indent[i];
      if (this.text[i] === '') {
        if (contentIndent === -1) longestLeadingBlank = Math.max(longestLeadingBlank, indent);
        continue;
      }
      if (indent <= parentIndent) break;
      if (contentIndent === -1) {
        if (longestLeadingBlank > indent) return DECLINE;
        contentIndent = indent;
      } else if (indent < contentIndent) {
        return DECLINE;
      }
    }
    // Trailing blank lines belong to the scalar (or are just blank); both are fine.
    return i;
  }
}

/**
 * A plain `key:` at the start of `text` (letters, digits, `_ $ . - /`, starting with a letter,
 * `_` or `$`), followed by spaces or the end of the line: its lowercased name and where the
 * value starts. Scanned by hand: it runs for every line of every post.
 */
function keyAt(text: string): { lower: string; valueStart: number } | undefined {
  const first = text.charCodeAt(0);
  if (!(isAsciiLetter(first) || first === 95 || first === 36)) return undefined;
  let i = 1;
  let upper = first >= 65 && first <= 90;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 46 || c === 45 || c === 47) {
      if (c >= 65 && c <= 90) upper = true;
    } else {
      break;
    }
  }
  const nameEnd = i;
  // YAML refuses implicit keys over 1024 characters; leave long ones to the parser.
  if (nameEnd > 1000) return undefined;
  while (text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) !== 58) return undefined;
  i++;
  if (i < text.length && text.charCodeAt(i) !== 32) return undefined;
  while (text.charCodeAt(i) === 32) i++;
  const name = text.slice(0, nameEnd);
  return { lower: upper ? name.toLowerCase() : name, valueStart: i };
}

function isSeqItem(text: string): boolean {
  return text[0] === '-' && (text.length === 1 || text[1] === ' ');
}

type Inline =
  | { kind: 'empty'; value: null }
  | { kind: 'scalar'; value: unknown }
  | { kind: 'list'; value: unknown[] | undefined }
  | { kind: 'other'; value: undefined }
  | { kind: 'blockScalar'; value: undefined };

/** A value written on the same line as its key or `-`. */
function inlineValue(rest: string, want: boolean): Result<Inline> {
  if (rest === '' || rest[0] === '#') return { kind: 'empty', value: null };
  const c = rest[0];
  if (c === '"' || c === "'") {
    const q = c === '"' ? doubleQuoted(rest, 0) : singleQuoted(rest, 0);
    if (q === DECLINE || !TAIL.test(rest.slice(q.end))) return DECLINE;
    return { kind: 'scalar', value: q.value };
  }
  if (c === '[') {
    if (want) {
      const list = flowList(rest);
      if (list === DECLINE || !TAIL.test(rest.slice(list.end))) return DECLINE;
      return { kind: 'list', value: list.items };
    }
    const end = skipFlow(rest);
    return end === -1 || !TAIL.test(rest.slice(end)) ? DECLINE : { kind: 'other', value: undefined };
  }
  if (c === '{') {
    if (want) return DECLINE;
    const end = skipFlow(rest);
    return end === -1 || !TAIL.test(rest.slice(end)) ? DECLINE : { kind: 'other', value: undefined };
  }
  if (c === '|' || c === '>') return BLOCK_SCALAR_HEADER.test(rest) ? { kind: 'blockScalar', value: undefined } : DECLINE;
  if ('&*!%@`,]}?:-#'.includes(c)) return DECLINE;
  const plain = plainInBlock(rest);
  if (plain === DECLINE) return DECLINE;
  if (!want) return { kind: 'other', value: undefined };
  const value = resolvePlain(plain);
  return value === DECLINE ? DECLINE : { kind: 'scalar', value };
}

/** A plain scalar in block context: up to a ` #` comment, never containing `: ` or ending in `:`. */
function plainInBlock(rest: string): Result<string> {
  const hash = rest.indexOf(' #');
  let end = hash === -1 ? rest.length : hash;
  while (end > 0 && rest.charCodeAt(end - 1) === 32) end--;
  const value = end === rest.length ? rest : rest.slice(0, end);
  // `: ` inside, or a `:` at the very end, would make it a mapping.
  if (value.charCodeAt(end - 1) === 58 || value.includes(': ')) return DECLINE;
  return value;
}

/**
 * How YAML 1.2's core schema (the `yaml` package's default) reads a plain scalar: null and
 * booleans are kept; numbers decline (the full parser normalises them, `1.10` → 1.1).
 */
function resolvePlain(s: string): Result<unknown> {
  // Most values start with a letter that cannot begin a null, boolean or number.
  const c = s.charCodeAt(0);
  if (isAsciiLetter(c) && c !== 110 && c !== 78 && c !== 116 && c !== 84 && c !== 102 && c !== 70) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
  if (
    /^[-+]?[0-9]+$/.test(s) ||
    /^0o[0-7]+$/.test(s) ||
    /^0x[0-9a-fA-F]+$/.test(s) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s) ||
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)
  ) {
    return DECLINE;
  }
  return s;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0', ' ': ' ' };
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A double-quoted scalar that closes on the same line. */
function doubleQuoted(s: string, at: number): Result<{ value: string; end: number }> {
  let out = '';
  let runStart = at + 1;
  for (let i = at + 1; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 34) return { value: out + s.slice(runStart, i), end: i + 1 };
    if (code !== 92) continue;
    out += s.slice(runStart, i);
    const e = s[i + 1];
    if (e !== undefined && e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i++;
    } else if (e !== undefined && e in HEX_ESCAPES) {
      const digits = s.slice(i + 2, i + 2 + HEX_ESCAPES[e]);
      if (digits.length !== HEX_ESCAPES[e] || !/^[0-9a-fA-F]+$/.test(digits)) return DECLINE;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) return DECLINE;
      out += String.fromCodePoint(code);
      i += 1 + digits.length;
    } else {
      return DECLINE;
    }
    runStart = i + 1;
  }
  return DECLINE;
}

/** A single-quoted scalar that closes on the same line (`''` is a quote). */
function singleQuoted(s: string, at: number): Result<{ value: string; end: number }> {
  let out = '';
  let runStart = at + 1;
  for (let i = at + 1; i < s.length; i++) {
    if (s.charCodeAt(i) !== 39) continue;
    if (s.charCodeAt(i + 1) === 39) {
      out += s.slice(runStart, i + 1);
      i++;
      runStart = i + 1;
      continue;
    }
    return { value: out + s.slice(runStart, i), end: i + 1 };
  }
  return DECLINE;
}

/** A one-line flow list of scalars, `[a, "b", 'c']` (a trailing comma is allowed). */
function flowList(s: string): Result<{ items: unknown[]; end: number }> {
  const items: unknown[] = [];
  let i = 1;
  for (;;) {
    while (s[i] === ' ') i++;
    if (s[i] === ']') return { items, end: i + 1 };
    const c = s[i];
    if (c === undefined) return DECLINE;
    if (c === '"' || c === "'") {
      const q = c === '"' ? doubleQuoted(s, i) : singleQuoted(s, i);
      if (q === DECLINE) return DECLINE;
      items.push(q.value);
      i = q.end;
    } else {
      if ('&*!%@`,[]{}?:-#|>'.includes(c)) return DECLINE;
      let j = i;
      for (; j < s.length; j++) {
        const cj = s.charCodeAt(j);
        if (cj === 44 || cj === 93) break; // , ]
        // : [ { } and a comment's ` #` are not plain list items.
        if (cj === 58 || cj === 91 || cj === 123 || cj === 125 || (cj === 35 && s.charCodeAt(j - 1) === 32)) return DECLINE;
      }
      let k = j;
      while (k > i && s.charCodeAt(k - 1) === 32) k--;
      const value = resolvePlain(s.slice(i, k));
      if (typeof value !== 'string') return DECLINE;
      items.push(value);
      i = j;
    }
    while (s[i] === ' ') i++;
    if (s[i] === ',') i++;
    else if (s[i] !== ']') return DECLINE;
  }
}

/**
 * Skips a one-line flow collection (`[...]` or `{...}`, nested, with `key: value` pairs) and
 * returns the offset after it, or -1 when it does not close on this line or strays from the
 * simple grammar (empty entries, plain scalars with `:` or `#`, anchors and the like).
 */
function skipFlow(s: string, at = 0, depth = 0): number {
  if (depth > MAX_DEPTH) return -1;
  const close = s[at] === '[' ? ']' : '}';
  let i = at + 1;
  for (;;) {
    while (s[i] === ' ') i++;
    if (s[i] === close) return i + 1;
    i = flowNode(s, i, depth);
    if (i === -1) return -1;
    while (s[i] === ' ') i++;
    if (s[i] === ':') {
      i++;
      while (s[i] === ' ') i++;
      if (s[i] !== ',' && s[i] !== close) {
        i = flowNode(s, i, depth);
        if (i === -1) return -1;
        while (s[i] === ' ') i++;
      }
    }
    if (s[i] === ',') i++;
    else if (s[i] !== close) return -1;
  }
}

/** One scalar or nested collection inside a flow collection; the offset after it, or -1. */
function flowNode(s: string, i: number, depth: number): number {
  const c = s[i];
  if (c === undefined) return -1;
  if (c === '"' || c === "'") {
    const q = c === '"' ? doubleQuoted(s, i) : singleQuoted(s, i);
    return q === DECLINE ? -1 : q.end;
  }
  if (c === '[' || c === '{') return skipFlow(s, i, depth + 1);
  if ('&*!%@`,?:-#|>]}'.includes(c)) return -1;
  let j = i;
  while (j < s.length && !',[]{}'.includes(s[j])) {
    if (s[j] === ':') {
      // `a: b` is a pair; `a:b` (a URL, say) is left to the full parser.
      if (s[j + 1] === ' ') break;
      return -1;
    }
    if (s[j] === '#' && s[j - 1] === ' ') return -1;
    j++;
  }
  return j;
}
