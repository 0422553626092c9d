/**
 * A fast reader for the YAML that front matter is made of (block mappings and lists, one-line
 * scalars and flow lists). The full parser costs about half a millisecond a post, which at 10k
 * posts would dominate a cold index; this reads a typical block in a few microseconds.
 *
 * It is exact or it declines: every line must fit the simple subset below, otherwise it returns
 * `undefined` and the caller uses the full parser. For blocks it accepts, the wanted values equal
 * what `parseFrontMatter` gives (a property test holds it to that).
 *
 * It runs for every post of a cold index, so it works on offsets into the text: no string per
 * line, no object per value, and strings only for the values it was asked for. Every scan of a
 * line stops at that line's end (`e` below), since the text goes on past it.
 */

import { hasLoneCrOrSurrogate, isAsciiLetter, YAML_UNSUPPORTED_CHARS } from '../frontmatter/simpleScan';

/**
 * Real front matter is small and shallow. Bigger or deeper blocks go to the full parser, which
 * also applies the hard limits (see frontmatter/limits.ts) that this reader must not contradict.
 */
const MAX_BLOCK_LENGTH = 64 * 1024;
const MAX_DEPTH = 20;
/** YAML refuses implicit keys over 1024 characters; leave long ones to the parser. */
const MAX_KEY_LENGTH = 1000;

/** Returned instead of an offset or a line number: "not in the simple subset". */
const DECLINE = -1;

/** What a value written on its key's (or `-`'s) line turned out to be. */
const enum Inline {
  Empty,
  Scalar,
  List,
  Other,
  BlockScalar,
}

/** Character codes the reader looks for. */
const enum Ch {
  Space = 32, Hash = 35, Dash = 45, Colon = 58, Dquote = 34, Squote = 39, Backslash = 92,
  Comma = 44, OpenBracket = 91, CloseBracket = 93, OpenBrace = 123, CloseBrace = 125,
}

/**
 * Reads the top-level fields named in `wanted` (lowercased) from the YAML in
 * `text.slice(start, end)`. Returns lowercased key → value (the last one written wins),
 * or `undefined` when the block needs the full parser.
 */
export function fastYamlFields(text: string, start: number, end: number, wanted: ReadonlySet<string>): Map<string, unknown> | undefined {
  if (end - start > MAX_BLOCK_LENGTH) return undefined;
  const block = text.slice(start, end);
  if (YAML_UNSUPPORTED_CHARS.test(block) || hasLoneCrOrSurrogate(block)) return undefined;
  const reader = new Reader(text, start, end, wanted);
  const next = reader.mapping(0, 0, true, 0);
  if (next === DECLINE || reader.skipInsignificant(next) < reader.count) return undefined;
  return reader.fields;
}

class Reader {
  readonly fields = new Map<string, unknown>();
  /** Per line: where its text starts (after the indentation) and ends (before `\r\n` or `\n`). */
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly indent: number[] = [];
  readonly count: number;

  /** The value the last `value`/`sequence`/`inline` call read (when it was wanted). */
  private val: unknown = undefined;
  /** What the last `inline` call found. */
  private kind = Inline.Empty;
  /** The lowercased key the last `keyAt` call found. */
  private key = '';
  /** The value of the last quoted scalar read. */
  private quoted = '';

  constructor(
    private readonly s: string,
    start: number,
    end: number,
    private readonly wanted: ReadonlySet<string>,
  ) {
    // The same lines a split on `\n` gives, the last one included (empty after a final `\n`).
    for (let at = start; at <= end; ) {
      let nl = s.indexOf('\n', at);
      if (nl === -1 || nl > end) nl = end;
      const lineEnd = nl > at && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      let content = at;
      while (content < lineEnd && s.charCodeAt(content) === Ch.Space) content++;
      this.from.push(content);
      this.to.push(lineEnd);
      this.indent.push(content - at);
      at = nl + 1;
    }
    this.count = this.from.length;
  }

  /** Blank or a comment. */
  private insignificant(i: number): boolean {
    return this.from[i] === this.to[i] || this.s.charCodeAt(this.from[i]) === Ch.Hash;
  }

  /** The index of the next line that is not blank or a comment. */
  skipInsignificant(i: number): number {
    while (i < this.count && this.insignificant(i)) i++;
    return i;
  }

  /** A `-` list item indicator at `p` (on a line ending at `e`). */
  private seqItemAt(p: number, e: number): boolean {
    return this.s.charCodeAt(p) === Ch.Dash && (p + 1 === e || this.s.charCodeAt(p + 1) === Ch.Space);
  }

  private isSeqItem(i: number): boolean {
    return this.from[i] < this.to[i] && this.seqItemAt(this.from[i], this.to[i]);
  }

  /** A block mapping whose keys sit at column `n`; returns the index after it. */
  mapping(i: number, n: number, topLevel: boolean, depth: number): number {
    if (depth > MAX_DEPTH) return DECLINE;
    for (;;) {
      i = this.skipInsignificant(i);
      if (i >= this.count || this.indent[i] < n) return i;
      if (this.indent[i] > n) return DECLINE;
      // Anything else at the mapping's column (a quoted or complex key, a stray list item) declines.
      const valueStart = this.keyAt(this.from[i], this.to[i]);
      if (valueStart === DECLINE) return DECLINE;
      const key = this.key;
      const want = topLevel && this.wanted.has(key);
      const next = this.value(i, n, valueStart, want, depth);
      if (next === DECLINE) return DECLINE;
      if (want) {
        // A key set twice (or as `Tags` and `tags`): which one Hugo keeps is the parser's to tell.
        if (this.fields.has(key)) return DECLINE;
        this.fields.set(key, this.val);
      }
      i = next;
    }
  }

  /** The value after `key:` (from `p` on line `i`) of a mapping at column `n`; returns the line after it. */
  private value(i: number, n: number, p: number, want: boolean, depth: number): number {
    if (!this.inline(p, this.to[i], want)) return DECLINE;
    if (this.kind === Inline.BlockScalar) {
      if (want) return DECLINE;
      this.val = undefined;
      return this.blockScalar(i + 1, n);
    }
    if (this.kind !== Inline.Empty) return i + 1;
    const j = this.skipInsignificant(i + 1);
    if (j < this.count && (this.indent[j] > n || (this.indent[j] === n && this.isSeqItem(j)))) {
      if (this.isSeqItem(j)) return this.sequence(j, this.indent[j], want, depth + 1);
      if (want) return DECLINE;
      this.val = undefined;
      return this.mapping(j, this.indent[j], false, depth + 1);
    }
    this.val = null;
    return i + 1;
  }

  /** A block list whose `-` sit at column `n`; with `want`, only one-line scalar items are accepted. */
  private sequence(i: number, n: number, want: boolean, depth: number): number {
    if (depth > MAX_DEPTH) return DECLINE;
    const items: unknown[] = [];
    for (;;) {
      i = this.skipInsignificant(i);
      if (i >= this.count || this.indent[i] < n || (this.indent[i] === n && !this.isSeqItem(i))) {
        this.val = items;
        return i;
      }
      if (this.indent[i] > n) return DECLINE;
      const s = this.s;
      const e = this.to[i];
      let p = this.from[i] + 1;
      while (p < e && s.charCodeAt(p) === Ch.Space) p++;
      const restColumn = n + (p - this.from[i]);
      if (p === e || s.charCodeAt(p) === Ch.Hash) {
        if (want) return DECLINE;
        const j = this.skipInsignificant(i + 1);
        const deeper = j < this.count && this.indent[j] > n;
        if (deeper && this.isSeqItem(j)) i = this.sequence(j, this.indent[j], false, depth + 1);
        else if (deeper) i = this.mapping(j, this.indent[j], false, depth + 1);
        else i++;
        if (i === DECLINE) return DECLINE;
        continue;
      }
      if (this.seqItemAt(p, e)) return DECLINE;
      const valueStart = this.keyAt(p, e);
      if (valueStart !== DECLINE) {
        // `- name: x` starts a mapping at the column of `name`.
        if (want) return DECLINE;
        const first = this.value(i, restColumn, valueStart, false, depth + 1);
        if (first === DECLINE) return DECLINE;
        i = this.mapping(first, restColumn, false, depth + 1);
        if (i === DECLINE) return DECLINE;
        continue;
      }
      if (!this.inline(p, e, want)) return DECLINE;
      if (this.kind === Inline.BlockScalar) {
        if (want) return DECLINE;
        i = this.blockScalar(i + 1, n);
        if (i === DECLINE) return DECLINE;
        continue;
      }
      if (want && this.kind !== Inline.Scalar) return DECLINE;
      items.push(this.val);
      i++;
    }
  }

  /** Skips a `|` or `>` scalar's lines, checking the indentation rules YAML enforces. */
  private blockScalar(i: number, parentIndent: number): number {
    let contentIndent = -1;
    let longestLeadingBlank = 0;
    for (; i < this.count; i++) {
      const indent = this.indent[i];
      if (this.from[i] === this.to[i]) {
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

  /**
   * A plain `key:` at `p` (letters, digits, `_ $ . - /`, starting with a letter, `_` or `$`),
   * followed by spaces or the end of the line: sets `key` (lowercased) and returns where the
   * value starts.
   */
  private keyAt(p: number, e: number): number {
    const s = this.s;
    const first = s.charCodeAt(p);
    if (p >= e || !(isAsciiLetter(first) || first === 95 || first === 36)) return DECLINE;
    let i = p + 1;
    let upper = first >= 65 && first <= 90;
    for (; i < e; i++) {
      const c = s.charCodeAt(i);
      if (isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 46 || c === Ch.Dash || c === 47) {
        if (c >= 65 && c <= 90) upper = true;
      } else {
        break;
      }
    }
    const nameEnd = i;
    if (nameEnd - p > MAX_KEY_LENGTH) return DECLINE;
    while (i < e && s.charCodeAt(i) === Ch.Space) i++;
    if (i >= e || s.charCodeAt(i) !== Ch.Colon) return DECLINE;
    i++;
    if (i < e && s.charCodeAt(i) !== Ch.Space) return DECLINE;
    while (i < e && s.charCodeAt(i) === Ch.Space) i++;
    const name = s.slice(p, nameEnd);
    this.key = upper ? name.toLowerCase() : name;
    return i;
  }

  /** A value written on the same line as its key or `-` (`p` to `e`): sets `kind` (and `val` when wanted). */
  private inline(p: number, e: number, want: boolean): boolean {
    const s = this.s;
    this.val = undefined;
    if (p === e || s.charCodeAt(p) === Ch.Hash) {
      this.kind = Inline.Empty;
      this.val = null;
      return true;
    }
    const c = s.charCodeAt(p);
    if (c === Ch.Dquote || c === Ch.Squote) {
      const after = c === Ch.Dquote ? this.doubleQuoted(p, e) : this.singleQuoted(p, e);
      if (after === DECLINE || !this.tail(after, e)) return false;
      this.kind = Inline.Scalar;
      this.val = this.quoted;
      return true;
    }
    if (c === Ch.OpenBracket && want) {
      const after = this.flowList(p, e);
      if (after === DECLINE || !this.tail(after, e)) return false;
      this.kind = Inline.List;
      return true;
    }
    if (c === Ch.OpenBracket || c === Ch.OpenBrace) {
      if (want && c === Ch.OpenBrace) return false;
      const after = this.skipFlow(p, e, 0);
      this.kind = Inline.Other;
      return after !== DECLINE && this.tail(after, e);
    }
    if (c === 124 || c === 62) {
      // `|` or `>`, with an optional chomping indicator and comment.
      let i = p + 1;
      const chomp = s.charCodeAt(i);
      if (i < e && (chomp === 43 || chomp === Ch.Dash)) i++;
      this.kind = Inline.BlockScalar;
      if (i === e) return true;
      // Only a comment may follow the header (not even bare trailing spaces).
      if (s.charCodeAt(i) !== Ch.Space) return false;
      while (i < e && s.charCodeAt(i) === Ch.Space) i++;
      return i < e && s.charCodeAt(i) === Ch.Hash;
    }
    if (NOT_PLAIN_START.has(c)) return false;
    const valueEnd = this.plainEnd(p, e);
    if (valueEnd === DECLINE) return false;
    this.kind = want ? Inline.Scalar : Inline.Other;
    if (!want) return true;
    const value = resolvePlain(s.slice(p, valueEnd));
    if (value === DECLINED) return false;
    this.val = value;
    return true;
  }

  /** What may follow a quoted scalar or a flow collection on its line: spaces, then a comment or nothing. */
  private tail(p: number, e: number): boolean {
    if (p === e) return true;
    if (this.s.charCodeAt(p) !== Ch.Space) return false;
    while (p < e && this.s.charCodeAt(p) === Ch.Space) p++;
    return p === e || this.s.charCodeAt(p) === Ch.Hash;
  }

  /** The end of a plain scalar in block context: before a ` #` comment and trailing spaces; never containing `: ` or ending in `:`. */
  private plainEnd(p: number, e: number): number {
    const s = this.s;
    let end = e;
    let colonSpace = false;
    // One bounded pass (a search with indexOf would run on past the line into the rest of the text).
    for (let i = p + 1; i < e; i++) {
      if (s.charCodeAt(i) !== Ch.Space) continue;
      const before = s.charCodeAt(i - 1);
      if (before === Ch.Colon) colonSpace = true;
      if (i + 1 < e && s.charCodeAt(i + 1) === Ch.Hash) {
        end = i;
        break;
      }
    }
    while (end > p && s.charCodeAt(end - 1) === Ch.Space) end--;
    // `: ` inside, or a `:` at the very end, would make it a mapping.
    return colonSpace || s.charCodeAt(end - 1) === Ch.Colon ? DECLINE : end;
  }

  /** A double-quoted scalar that closes on its line: sets `quoted`, returns the offset after it. */
  private doubleQuoted(at: number, e: number): number {
    const s = this.s;
    let out = '';
    let runStart = at + 1;
    for (let i = at + 1; i < e; i++) {
      const code = s.charCodeAt(i);
      if (code === Ch.Dquote) {
        this.quoted = out + s.slice(runStart, i);
        return i + 1;
      }
      if (code !== Ch.Backslash) continue;
      out += s.slice(runStart, i);
      const esc = i + 1 < e ? s[i + 1] : undefined;
      if (esc !== undefined && Object.prototype.hasOwnProperty.call(SIMPLE_ESCAPES, esc)) {
        out += SIMPLE_ESCAPES[esc];
        i++;
      } else if (esc !== undefined && Object.prototype.hasOwnProperty.call(HEX_ESCAPES, esc)) {
        const digits = s.slice(i + 2, Math.min(e, i + 2 + HEX_ESCAPES[esc]));
        if (digits.length !== HEX_ESCAPES[esc] || !/^[0-9a-fA-F]+$/.test(digits)) return DECLINE;
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

  /** A single-quoted scalar that closes on its line (`''` is a quote): sets `quoted`, returns the offset after it. */
  private singleQuoted(at: number, e: number): number {
    const s = this.s;
    let out = '';
    let runStart = at + 1;
    for (let i = at + 1; i < e; i++) {
      if (s.charCodeAt(i) !== Ch.Squote) continue;
      if (i + 1 < e && s.charCodeAt(i + 1) === Ch.Squote) {
        out += s.slice(runStart, i + 1);
        i++;
        runStart = i + 1;
        continue;
      }
      this.quoted = out + s.slice(runStart, i);
      return i + 1;
    }
    return DECLINE;
  }

  /** A one-line flow list of scalars, `[a, "b", 'c']` (a trailing comma is allowed): sets `val`, returns the offset after it. */
  private flowList(p: number, e: number): number {
    const s = this.s;
    const items: unknown[] = [];
    let i = p + 1;
    for (;;) {
      while (i < e && s.charCodeAt(i) === Ch.Space) i++;
      if (i >= e) return DECLINE;
      const c = s.charCodeAt(i);
      if (c === Ch.CloseBracket) {
        this.val = items;
        return i + 1;
      }
      if (c === Ch.Dquote || c === Ch.Squote) {
        i = c === Ch.Dquote ? this.doubleQuoted(i, e) : this.singleQuoted(i, e);
        if (i === DECLINE) return DECLINE;
        items.push(this.quoted);
      } else {
        if (NOT_FLOW_ITEM_START.has(c)) return DECLINE;
        let j = i;
        for (; j < e; j++) {
          const cj = s.charCodeAt(j);
          if (cj === Ch.Comma || cj === Ch.CloseBracket) break;
          // : [ { } and a comment's ` #` are not plain list items.
          if (cj === Ch.Colon || cj === Ch.OpenBracket || cj === Ch.OpenBrace || cj === Ch.CloseBrace || (cj === Ch.Hash && s.charCodeAt(j - 1) === Ch.Space)) return DECLINE;
        }
        let k = j;
        while (k > i && s.charCodeAt(k - 1) === Ch.Space) k--;
        const value = resolvePlain(s.slice(i, k));
        if (typeof value !== 'string') return DECLINE;
        items.push(value);
        i = j;
      }
      while (i < e && s.charCodeAt(i) === Ch.Space) i++;
      if (i < e && s.charCodeAt(i) === Ch.Comma) i++;
      else if (i >= e || s.charCodeAt(i) !== Ch.CloseBracket) return DECLINE;
    }
  }

  /**
   * Skips a one-line flow collection (`[...]` or `{...}`, nested, with `key: value` pairs) and
   * returns the offset after it, or DECLINE when it does not close on this line or strays from the
   * simple grammar (empty entries, plain scalars with `:` or `#`, anchors and the like).
   */
  private skipFlow(at: number, e: number, depth: number): number {
    if (depth > MAX_DEPTH) return DECLINE;
    const s = this.s;
    const close = s.charCodeAt(at) === Ch.OpenBracket ? Ch.CloseBracket : Ch.CloseBrace;
    let i = at + 1;
    for (;;) {
      while (i < e && s.charCodeAt(i) === Ch.Space) i++;
      if (i < e && s.charCodeAt(i) === close) return i + 1;
      i = this.flowNode(i, e, depth);
      if (i === DECLINE) return DECLINE;
      while (i < e && s.charCodeAt(i) === Ch.Space) i++;
      if (i < e && s.charCodeAt(i) === Ch.Colon) {
        i++;
        while (i < e && s.charCodeAt(i) === Ch.Space) i++;
        if (i < e && s.charCodeAt(i) !== Ch.Comma && s.charCodeAt(i) !== close) {
          i = this.flowNode(i, e, depth);
          if (i === DECLINE) return DECLINE;
          while (i < e && s.charCodeAt(i) === Ch.Space) i++;
        }
      }
      if (i < e && s.charCodeAt(i) === Ch.Comma) i++;
      else if (i >= e || s.charCodeAt(i) !== close) return DECLINE;
    }
  }

  /** One scalar or nested collection inside a flow collection; the offset after it, or DECLINE. */
  private flowNode(i: number, e: number, depth: number): number {
    if (i >= e) return DECLINE;
    const s = this.s;
    const c = s.charCodeAt(i);
    if (c === Ch.Dquote) return this.doubleQuoted(i, e);
    if (c === Ch.Squote) return this.singleQuoted(i, e);
    if (c === Ch.OpenBracket || c === Ch.OpenBrace) return this.skipFlow(i, e, depth + 1);
    if (NOT_FLOW_NODE_START.has(c)) return DECLINE;
    let j = i;
    for (; j < e; j++) {
      const cj = s.charCodeAt(j);
      if (cj === Ch.Comma || cj === Ch.OpenBracket || cj === Ch.CloseBracket || cj === Ch.OpenBrace || cj === Ch.CloseBrace) break;
      if (cj === Ch.Colon) {
        // `a: b` is a pair; `a:b` (a URL, say) is left to the full parser.
        if (j + 1 < e && s.charCodeAt(j + 1) === Ch.Space) break;
        return DECLINE;
      }
      if (cj === Ch.Hash && s.charCodeAt(j - 1) === Ch.Space) return DECLINE;
    }
    return j;
  }
}

const codes = (chars: string): ReadonlySet<number> => new Set([...chars].map((ch) => ch.charCodeAt(0)));
/** Characters that may not start a plain scalar on a key's or `-`'s line in this subset. */
const NOT_PLAIN_START = codes('&*!%@`,]}?:-#');
const NOT_FLOW_ITEM_START = codes('&*!%@`,[]{}?:-#|>');
const NOT_FLOW_NODE_START = codes('&*!%@`,?:-#|>]}');

/** Returned by `resolvePlain` for a plain scalar it leaves to the full parser. */
const DECLINED = Symbol('declined');

/**
 * How YAML 1.2's core schema (the `yaml` package's default) reads a plain scalar: null and
 * booleans are kept; numbers decline (the full parser normalises them, `1.10` → 1.1).
 */
function resolvePlain(s: string): unknown {
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
    return DECLINED;
  }
  return s;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0', ' ': ' ' };
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };
