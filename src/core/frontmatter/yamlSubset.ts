/**
 * The YAML front matter in the subset most posts are written in: a block mapping of one-line
 * scalars, flow lists of scalars, block lists of scalars or of mappings (`- src: a.png`) and
 * nested block mappings. For the blocks
 * it accepts it gives the very `FieldNode` tree `parseYamlFrontMatter` builds (values, scalar
 * types, offsets); for anything else (anchors, tags, multi-line or block scalars, flow mappings,
 * unusual numbers, comments where the Document's ranges get subtle) it returns
 * `undefined` and the caller uses the `yaml` package. Why a second reader: BENCHMARKS.md. An
 * equivalence test holds it to that (test/unit/frontmatter.yamlSubset.test.ts).
 */
import { isShallow, SHALLOW_BLOCK_DEPTH } from './limits';
import { hasLoneCrOrSurrogate, isAsciiLetter, readEscapedString, PLAIN_NUMBER, YAML_ESCAPES, YAML_UNSUPPORTED_CHARS } from './subsetScan';
import type { FieldNode, ScalarType, ValueNode } from './types';

/** Larger or deeper blocks are unusual enough to leave to the full parser (which applies limits.ts). */
const MAX_LENGTH = 64 * 1024;
const MAX_DEPTH = SHALLOW_BLOCK_DEPTH;
/** The `yaml` package refuses implicit keys over 1024 characters; real keys are far shorter. */
const MAX_KEY_LENGTH = 200;


/** Plain scalars the core schema reads as numbers; only the plainest decimal forms are kept. */
const YAML_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** Keys the core schema would read as null or a boolean (their `String()` differs from the text). */
const NON_STRING_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** Characters that may not start a plain scalar in this subset. */
const NOT_PLAIN_START = new Set('&*!%@`,[]{}?:|>#\'"-.');

/** A block collection's contents, the index of the last line it used and the next line that matters after it. */
interface BlockRead<T> {
  node: T;
  last: number;
  next: number;
}

/**
 * The top-level fields of the YAML `content` (which starts at absolute offset `base`), exactly as
 * `parseYamlFrontMatter` gives them, or `undefined` when the block needs the full parser.
 */
export function readYamlSubset(content: string, base: number): FieldNode[] | undefined {
  if (content.length === 0 || content.length > MAX_LENGTH || YAML_UNSUPPORTED_CHARS.test(content)) return undefined;
  if (hasLoneCrOrSurrogate(content) || !isShallow(content)) return undefined;
  return new YamlSubsetReader(content, base).document();
}

/**
 * The line tables of a read, shared by every read (one runs at a time, start to end, and never
 * nested): a post costs no arrays of its own for them.
 */
let lines = { lineStart: new Int32Array(64), textStart: new Int32Array(64), textEnd: new Int32Array(64), nextStart: new Int32Array(64) };

function linesFor(count: number): typeof lines {
  if (count > lines.lineStart.length) {
    const size = Math.max(count, 2 * lines.lineStart.length);
    lines = { lineStart: new Int32Array(size), textStart: new Int32Array(size), textEnd: new Int32Array(size), nextStart: new Int32Array(size) };
  }
  return lines;
}

class YamlSubsetReader {
  /**
   * Per line: where it starts, where its text starts (after the indentation), where the text
   * ends (before `\r\n` or `\n`), and where the next line starts.
   */
  private readonly lineStart: Int32Array;
  private readonly textStart: Int32Array;
  private readonly textEnd: Int32Array;
  private readonly nextStart: Int32Array;
  private readonly count: number;
  /** The last line the value or field just read used (set by the readers that return one). */
  private lastLine = 0;

  constructor(
    private readonly s: string,
    private readonly base: number,
  ) {
    const length = s.length;
    let count = 0;
    for (let at = 0; at < length; count++) {
      const nl = s.indexOf('\n', at);
      at = nl === -1 ? length : nl + 1;
    }
    const { lineStart, textStart, textEnd, nextStart } = linesFor(count);
    for (let at = 0, k = 0; at < length; k++) {
      const nl = s.indexOf('\n', at);
      const lineEnd = nl === -1 ? length : nl;
      let text = at;
      while (text < lineEnd && s.charCodeAt(text) === 32) text++;
      lineStart[k] = at;
      textStart[k] = text;
      textEnd[k] = lineEnd > text && s.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      at = nl === -1 ? length : nl + 1;
      nextStart[k] = at;
    }
    this.lineStart = lineStart;
    this.textStart = textStart;
    this.textEnd = textEnd;
    this.nextStart = nextStart;
    this.count = count;
  }

  document(): FieldNode[] | undefined {
    const top = this.mapping(0, 0, 0);
    if (top === undefined || top.next < this.count || top.node.length === 0) return undefined;
    return top.node;
  }

  private indent(i: number): number {
    return this.textStart[i] - this.lineStart[i];
  }

  /** Blank lines and comment lines. */
  private isInsignificant(i: number): boolean {
    return this.textStart[i] === this.textEnd[i] || this.s.charCodeAt(this.textStart[i]) === 35;
  }

  private skipInsignificant(i: number): number {
    while (i < this.count && this.isInsignificant(i)) i++;
    return i;
  }

  /** A `-` list item indicator at the start of line `i`'s text. */
  private isSeqItem(i: number): boolean {
    const t = this.textStart[i];
    return this.s.charCodeAt(t) === 45 && (t + 1 === this.textEnd[i] || this.s.charCodeAt(t + 1) === 32);
  }

  /** The keys of a block mapping at column `n` from line `first`; `next` is the first line after it that matters. */
  private mapping(first: number, n: number, depth: number): BlockRead<FieldNode[]> | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const entries: FieldNode[] = [];
    let last = first;
    let i = first;
    for (;;) {
      i = this.skipInsignificant(i);
      if (i >= this.count || this.indent(i) < n) break;
      if (this.indent(i) > n) return undefined;
      const field = this.field(i, n, depth);
      if (field === undefined) return undefined;
      entries.push(field);
      last = this.lastLine;
      i = last + 1;
    }
    return { node: entries, last, next: i };
  }

  /** The `key: value` pair starting on line `i` at `keyStart` (a mapping at column `n`). */
  private field(i: number, n: number, depth: number, keyStart = this.textStart[i]): FieldNode | undefined {
    const s = this.s;
    const lineEnd = this.textEnd[i];
    const c = s.charCodeAt(keyStart);
    if (!(isAsciiLetter(c) || c === 95 || c === 36)) return undefined;
    let at = keyStart + 1;
    while (at < lineEnd && isKeyChar(s.charCodeAt(at))) at++;
    const keyEnd = at;
    // `key:` then a space or the end of the line; `key :` and the like go to the full parser.
    if (s.charCodeAt(at) !== 58 || keyEnd - keyStart > MAX_KEY_LENGTH) return undefined;
    at++;
    if (at < lineEnd && s.charCodeAt(at) !== 32) return undefined;
    while (at < lineEnd && s.charCodeAt(at) === 32) at++;
    const key = s.slice(keyStart, keyEnd);
    if (NON_STRING_KEY.test(key) || key === '__proto__') return undefined;
    const value = this.valueOf(i, n, at, depth);
    if (value === undefined) return undefined;
    return { key, keyStart: this.base + keyStart, keyEnd: this.base + keyEnd, value };
  }

  /** The value of a key on line `i` (mapping at column `n`) whose text would start at `at`. */
  private valueOf(i: number, n: number, at: number, depth: number): ValueNode | undefined {
    if (at < this.textEnd[i] && this.s.charCodeAt(at) !== 35) {
      this.lastLine = i;
      return this.inlineValue(at, this.textEnd[i]);
    }
    // Nothing after the colon: a nested block on the next lines, or an empty value.
    const j = this.skipInsignificant(i + 1);
    if (j < this.count && (this.indent(j) > n || (this.indent(j) === n && this.isSeqItem(j)))) {
      return this.nestedBlock(j, depth + 1);
    }
    this.lastLine = i;
    return nullAt(this.base + at);
  }

  /** A block list or mapping starting on line `first`; its range runs to the end of its last line. */
  private nestedBlock(first: number, depth: number): ValueNode | undefined {
    const column = this.indent(first);
    const start = this.base + this.textStart[first];
    let node: ValueNode;
    let block: BlockRead<unknown>;
    if (this.isSeqItem(first)) {
      const seq = this.sequence(first, column, depth);
      if (seq === undefined) return undefined;
      block = seq;
      node = { kind: 'sequence', value: seq.node.map((item) => item.value), items: seq.node, start, end: 0 };
    } else {
      const map = this.mapping(first, column, depth);
      if (map === undefined) return undefined;
      block = map;
      const value: Record<string, unknown> = {};
      for (const f of map.node) value[f.key] = f.value.value;
      node = { kind: 'mapping', value, entries: map.node, start, end: 0 };
    }
    return this.endBlock(node, block);
  }

  /**
   * Sets the end of a block collection. The `yaml` package ends a block after the line break of
   * its last line, except when comments follow it indented or it ends with an empty value: then
   * its range depends on what comes after; such blocks go to the full parser.
   */
  private endBlock(node: ValueNode, block: BlockRead<unknown>): ValueNode | undefined {
    const lastValue = node.items ? node.items[node.items.length - 1] : node.entries![node.entries!.length - 1].value;
    if (lastValue.scalarType === 'null' && lastValue.start === lastValue.end) return undefined;
    for (let k = block.last + 1; k < block.next; k++) if (this.textStart[k] < this.textEnd[k] && this.indent(k) > 0) return undefined;
    node.end = this.base + this.nextStart[block.last];
    this.lastLine = block.last;
    return node;
  }

  /**
   * A list item that is a block mapping (`- src: a.png`, more keys below at the column of `src`):
   * its first key at `at` on line `i`.
   */
  private itemMapping(i: number, at: number, depth: number): ValueNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const column = at - this.lineStart[i];
    const first = this.field(i, column, depth, at);
    if (first === undefined) return undefined;
    const firstLast = this.lastLine;
    const rest = this.mapping(firstLast + 1, column, depth);
    if (rest === undefined) return undefined;
    const entries = [first, ...rest.node];
    const value: Record<string, unknown> = {};
    for (const f of entries) value[f.key] = f.value.value;
    const node: ValueNode = { kind: 'mapping', value, entries, start: this.base + at, end: 0 };
    return this.endBlock(node, { node: entries, last: rest.node.length > 0 ? rest.last : firstLast, next: rest.next });
  }

  /** The items of a block list whose `-` sit at column `n`. */
  private sequence(first: number, n: number, depth: number): BlockRead<ValueNode[]> | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const s = this.s;
    const items: ValueNode[] = [];
    let last = first;
    let i = first;
    for (;;) {
      i = this.skipInsignificant(i);
      if (i >= this.count || this.indent(i) < n || (this.indent(i) === n && !this.isSeqItem(i))) break;
      // A deeper line continues the previous item (a multi-line scalar or a nested block).
      if (this.indent(i) > n) return undefined;
      const lineEnd = this.textEnd[i];
      let at = this.textStart[i] + 1;
      while (at < lineEnd && s.charCodeAt(at) === 32) at++;
      if (startsKey(s, at, lineEnd)) {
        const map = this.itemMapping(i, at, depth + 1);
        if (map === undefined) return undefined;
        items.push(map);
        last = this.lastLine;
        i = last + 1;
        continue;
      }
      const item = at === lineEnd || s.charCodeAt(at) === 35 ? nullAt(this.base + at) : this.inlineValue(at, lineEnd);
      if (item === undefined) return undefined;
      items.push(item);
      last = i;
      i++;
    }
    return { node: items, last, next: i };
  }

  /** A value written on one line from `at` to `lineEnd`, followed by nothing but a comment. */
  private inlineValue(at: number, lineEnd: number): ValueNode | undefined {
    const s = this.s;
    const c = s.charCodeAt(at);
    let node: ValueNode | undefined;
    if (c === 34 || c === 39) node = this.quoted(at, lineEnd);
    else if (c === 91) node = this.flowList(at, lineEnd);
    else return this.blockPlain(at, lineEnd);
    if (node === undefined) return undefined;
    return restIsComment(s, node.end - this.base, lineEnd) ? node : undefined;
  }

  /** A plain scalar in block context: up to a ` #` comment, with no `: ` in it. */
  private blockPlain(at: number, lineEnd: number): ValueNode | undefined {
    const s = this.s;
    if (!canStartPlain(s, at, lineEnd)) return undefined;
    let end = lineEnd;
    for (let k = at + 1; k < lineEnd; k++) {
      const ch = s.charCodeAt(k);
      if (ch === 35 && s.charCodeAt(k - 1) === 32) {
        end = k;
        break;
      }
      if (ch === 58 && (k + 1 === lineEnd || s.charCodeAt(k + 1) === 32)) return undefined;
    }
    while (s.charCodeAt(end - 1) === 32) end--;
    return plainScalar(s.slice(at, end), this.base + at, this.base + end);
  }

  /** A quoted scalar that closes on its line. */
  private quoted(at: number, lineEnd: number): ValueNode | undefined {
    const read = this.s.charCodeAt(at) === 34 ? readEscapedString(this.s, at, lineEnd, YAML_ESCAPES) : readSingleQuoted(this.s, at, lineEnd);
    if (read === undefined) return undefined;
    return { kind: 'scalar', value: read.value, scalarType: 'string', quoted: true, start: this.base + at, end: this.base + read.end };
  }

  /** A one-line flow list of scalars, `[a, "b", 'c']` (a trailing comma is allowed). */
  private flowList(at: number, lineEnd: number): ValueNode | undefined {
    const s = this.s;
    const items: ValueNode[] = [];
    let i = at + 1;
    for (;;) {
      while (i < lineEnd && s.charCodeAt(i) === 32) i++;
      if (i >= lineEnd) return undefined;
      if (s.charCodeAt(i) === 93) break;
      let item: ValueNode | undefined;
      const c = s.charCodeAt(i);
      if (c === 34 || c === 39) {
        item = this.quoted(i, lineEnd);
      } else if (canStartPlain(s, i, lineEnd)) {
        let j = i + 1;
        for (; j < lineEnd; j++) {
          const cj = s.charCodeAt(j);
          if (cj === 44 || cj === 93) break;
          // Pairs, nested collections and comments are beyond this subset.
          if (cj === 58 || cj === 91 || cj === 123 || cj === 125 || cj === 35) return undefined;
        }
        let end = j;
        while (s.charCodeAt(end - 1) === 32) end--;
        item = plainScalar(s.slice(i, end), this.base + i, this.base + end);
      }
      if (item === undefined) return undefined;
      items.push(item);
      i = item.end - this.base;
      while (i < lineEnd && s.charCodeAt(i) === 32) i++;
      const after = s.charCodeAt(i);
      if (after === 44) i++;
      else if (after !== 93) return undefined;
    }
    return { kind: 'sequence', value: items.map((item) => item.value), items, start: this.base + at, end: this.base + i + 1 };
  }
}

/** Whether a plain `key:` (then a space or the line's end) starts at `at`. */
function startsKey(s: string, at: number, lineEnd: number): boolean {
  const c = s.charCodeAt(at);
  if (!(isAsciiLetter(c) || c === 95 || c === 36)) return false;
  let k = at + 1;
  while (k < lineEnd && isKeyChar(s.charCodeAt(k))) k++;
  return s.charCodeAt(k) === 58 && (k + 1 === lineEnd || s.charCodeAt(k + 1) === 32);
}

/** Letters, digits and `_ $ . - /`: what Hugo users put in keys. */
function isKeyChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 46 || c === 45 || c === 47;
}

/** Whether a plain scalar of this subset may start at `at` (a `-` only before a digit, for negative numbers). */
function canStartPlain(s: string, at: number, lineEnd: number): boolean {
  const c = s[at];
  if (!NOT_PLAIN_START.has(c)) return true;
  return c === '-' && at + 1 < lineEnd && s.charCodeAt(at + 1) >= 48 && s.charCodeAt(at + 1) <= 57;
}

/** Whether only spaces and a ` #` comment follow `from` on the line. */
function restIsComment(s: string, from: number, lineEnd: number): boolean {
  let k = from;
  while (k < lineEnd && s.charCodeAt(k) === 32) k++;
  return k === lineEnd || (k > from && s.charCodeAt(k) === 35);
}

function nullAt(offset: number): ValueNode {
  return { kind: 'scalar', value: null, scalarType: 'null', quoted: false, start: offset, end: offset };
}

/** A plain scalar as YAML 1.2's core schema reads it, or undefined for numbers in unusual forms. */
function plainScalar(text: string, start: number, end: number): ValueNode | undefined {
  let value: unknown = text;
  let scalarType: ScalarType = 'string';
  const c = text.charCodeAt(0);
  // Most values start with a letter that cannot begin a null, a boolean or a number.
  const mayResolve = !isAsciiLetter(c) || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70;
  if (mayResolve) {
    if (text === '~' || text === 'null' || text === 'Null' || text === 'NULL') {
      value = null;
      scalarType = 'null';
    } else if (text === 'true' || text === 'True' || text === 'TRUE' || text === 'false' || text === 'False' || text === 'FALSE') {
      value = c === 116 || c === 84;
      scalarType = 'boolean';
    } else if (PLAIN_NUMBER.test(text)) {
      value = Number(text);
      if (Object.is(value, -0)) return undefined;
      scalarType = 'number';
    } else if (YAML_NUMBER.test(text)) {
      return undefined;
    }
  }
  return { kind: 'scalar', value, scalarType, quoted: false, start, end };
}

/** A single-quoted scalar closing before `lineEnd` (`''` is one quote). */
function readSingleQuoted(s: string, at: number, lineEnd: number): { value: string; end: number } | undefined {
  let value = '';
  let run = at + 1;
  for (let i = at + 1; i < lineEnd; i++) {
    if (s.charCodeAt(i) !== 39) continue;
    if (s.charCodeAt(i + 1) === 39) {
      value += s.slice(run, i + 1);
      run = i + 2;
      i++;
      continue;
    }
    return { value: value + s.slice(run, i), end: i + 1 };
  }
  return undefined;
}
