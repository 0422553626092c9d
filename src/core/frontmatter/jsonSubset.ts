/**
 * The JSON front matter in the subset most posts are written in: strict JSON with plain white
 * space, plain numbers and the common string escapes. For the objects it accepts it gives the very
 * `FieldNode` tree `parseJsonFrontMatter` builds (values, scalar types, offsets), and `undefined`
 * for anything else (comments, trailing commas, exponents, unusual escapes, any syntax error),
 * leaving the object to jsonc-parser. Why a second reader: BENCHMARKS.md. An equivalence test
 * holds it to that (test/unit/frontmatter.jsonSubset.test.ts).
 */
import { isShallow, SHALLOW_BLOCK_DEPTH } from './limits';
import { JSON_ESCAPES, readEscapedString, PLAIN_NUMBER } from './subsetScan';
import type { FieldNode, ValueNode } from './types';

/** Larger, deeper or bracket-heavy objects are unusual enough to leave to the full parser (which applies limits.ts). */
const MAX_LENGTH = 64 * 1024;
const MAX_DEPTH = SHALLOW_BLOCK_DEPTH;

/**
 * The members of the JSON object `text.slice(at, end)` (absolute offsets; `end` just past its `}`,
 * where `locateFrontMatter` puts it) exactly as `parseJsonFrontMatter` gives them, or `undefined`
 * when the object needs the full parser.
 */
export function readJsonSubset(text: string, at: number, end: number): FieldNode[] | undefined {
  if (end - at > MAX_LENGTH) return undefined;
  const root = new JsonSubsetReader(text, end).object(at, 0);
  if (root === undefined || root.end !== end || root.entries!.length === 0 || !isShallow(text.slice(at, end))) return undefined;
  return root.entries!;
}

class JsonSubsetReader {
  /** @param limit where reading stops (the object must close before it). */
  constructor(
    private readonly s: string,
    private readonly limit: number,
  ) {}

  /** The offset of the next character that is not JSON white space (space, tab, line breaks). */
  skipSpace(i: number): number {
    const s = this.s;
    while (i < this.limit) {
      const c = s.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      i++;
    }
    return i;
  }

  /** The object whose `{` is at `at`. */
  object(at: number, depth: number): ValueNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const s = this.s;
    const entries: FieldNode[] = [];
    let i = this.skipSpace(at + 1);
    if (i >= this.limit) return undefined;
    if (s.charCodeAt(i) !== 125) {
      for (;;) {
        if (s.charCodeAt(i) !== 34) return undefined;
        const keyStart = i;
        const key = readEscapedString(s, keyStart, this.limit, JSON_ESCAPES);
        if (key === undefined || key.value === '__proto__') return undefined;
        i = this.skipSpace(key.end);
        if (s.charCodeAt(i) !== 58) return undefined;
        const value = this.value(this.skipSpace(i + 1), depth);
        if (value === undefined) return undefined;
        entries.push({ key: key.value, keyStart, keyEnd: key.end, value });
        i = this.skipSpace(value.end);
        if (s.charCodeAt(i) === 125) break;
        if (s.charCodeAt(i) !== 44) return undefined;
        i = this.skipSpace(i + 1);
      }
    }
    const value: Record<string, unknown> = {};
    for (const f of entries) value[f.key] = f.value.value;
    return { kind: 'mapping', value, entries, start: at, end: i + 1 };
  }

  /** The value starting at `at`, inside `depth` objects and arrays. */
  private value(at: number, depth: number): ValueNode | undefined {
    const s = this.s;
    const c = s.charCodeAt(at);
    if (c === 34) {
      const read = readEscapedString(s, at, this.limit, JSON_ESCAPES);
      return read && { kind: 'scalar', value: read.value, scalarType: 'string', quoted: true, start: at, end: read.end };
    }
    if (c === 123) return this.object(at, depth + 1);
    if (c === 91) return this.array(at, depth + 1);
    let end = at;
    while (end < this.limit && isTokenChar(s.charCodeAt(end))) end++;
    const token = s.slice(at, end);
    if (token === 'true' || token === 'false') return { kind: 'scalar', value: token === 'true', scalarType: 'boolean', start: at, end };
    if (token === 'null') return { kind: 'scalar', value: null, scalarType: 'null', start: at, end };
    if (PLAIN_NUMBER.test(token)) return { kind: 'scalar', value: Number(token), scalarType: 'number', start: at, end };
    return undefined;
  }

  /** The array whose `[` is at `at`. */
  private array(at: number, depth: number): ValueNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const s = this.s;
    const items: ValueNode[] = [];
    let i = this.skipSpace(at + 1);
    if (s.charCodeAt(i) !== 93) {
      for (;;) {
        const item = this.value(i, depth);
        if (item === undefined) return undefined;
        items.push(item);
        i = this.skipSpace(item.end);
        if (s.charCodeAt(i) === 93) break;
        if (s.charCodeAt(i) !== 44) return undefined;
        i = this.skipSpace(i + 1);
      }
    }
    return { kind: 'sequence', value: items.map((item) => item.value), items, start: at, end: i + 1 };
  }
}

/** Letters, digits, `-`, `+` and `.`: what a literal or a number is made of. */
function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46;
}
